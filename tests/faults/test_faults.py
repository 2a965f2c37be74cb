"""Faults under load, on the compose topology as processes (two APIs, two projectors, one
PostgreSQL): ``kill -9`` of an API, then of the active projector, then a restart of the
PostgreSQL server itself. The test owns the server for that moment, so it is marked
``owns_server`` and runs last and alone (``tests/conftest.py``).

Afterwards every acknowledged write is stored once, at the answered position and version;
every key sent again gets its original answer; nothing was ever answered 500 (a 503 always
came with ``Retry-After``); while the server was down every request was answered promptly,
503 where it needed the store, and writes resumed unaided on its return (``outage.py``); the
read side reaches the head and equals a from-zero rebuild, row by row; and nothing was
restarted by hand but the killed API, as compose's ``restart`` policy would. Each figure is
printed (run with ``-s``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from time import monotonic

import httpx
import pytest

from lifecycle.values import product_id
from ocop.bootstrap import build_registry
from ocop.settings import Settings
from projections import Projector
from projections.models import snapshot
from projections.progress import read_progress
from storage.connections import Connections
from storage.event_log import events_after, first_missing
from tests.api.test_live_server import wait_until
from tests.conftest import connections_to
from tests.faults import server
from tests.faults.load import Acknowledged, Load
from tests.faults.outage import answered_while_down, restart_the_database, seconds_until
from tests.faults.sessions import active_projector
from tests.test_topology import keys_for
from tests.topology import Topology, running, services_running

pytestmark = [pytest.mark.postgres, pytest.mark.owns_server]
# A killed API's claim on a key in flight lapses after 2 s (30 by default), so the retry
# that finds it is answered within the test's time; the load comes from one address, which
# the anonymous rate limit would otherwise slow down with 429s.
SETTINGS = {
    "OCOP_IDEMPOTENCY_CLAIM_SECONDS": "2",
    "OCOP_ANONYMOUS_BURST": "100000",
    "OCOP_ANONYMOUS_PER_SECOND": "100000",
}


@pytest.fixture
def database(postgres_url: str) -> Iterator[Connections]:
    """The test's own connections to the store, and the server left up whatever happens."""
    connections = connections_to(postgres_url)
    try:
        yield connections
    finally:
        server.ensure_up()
        connections.close()


def test_acknowledged_writes_survive_kills_and_a_database_restart_under_load(
    postgres_url: str, database: Connections, tmp_path: Path
) -> None:
    apis, projectors = services_running("serve"), services_running("project")
    figures: dict[str, object] = {}
    with running(postgres_url, tmp_path, **SETTINGS) as topology:
        keys = keys_for(postgres_url)
        load = Load([topology.url(api) for api in apis], keys["office"], keys["council"])
        load.start()
        try:
            wait_until(lambda: len(load.acknowledged) >= 20, timeout=60)
            figures |= kill_an_api(topology, load, apis[0])
            projector = active_projector(topology, postgres_url, projectors)
            figures |= kill_the_active_projector(topology, load, database, projector)
            restarted, (down, up) = restart_the_database(load, database)
        finally:
            load.stop()
        figures |= restarted | answered_while_down(load, down, up)
        head = database.ask(read_progress).head
        figures["lag 0 after the load stopped, s"] = seconds_until(
            lambda: database.ask(read_progress).position == head, monotonic()
        )
        figures |= account_for_every_write(load, database)
        assert_keys_replay_their_first_answers(load, [topology.url(api) for api in apis])
        assert dict(topology.starts) == {**dict.fromkeys([*apis, *projectors], 1), apis[0]: 2}
        print_figures(figures)
        topology.stop(*projectors)  # so that the rebuild races nobody
    assert_read_models_equal_a_rebuild(postgres_url, database)
    assert not load.failures, load.failures
    assert figures["lost"] == figures["duplicated"] == figures["500s"] == 0
    assert figures["first gap in the positions"] is None  # the public log would refuse it
    assert load.without_retry_after == 0


def kill_an_api(topology: Topology, load: Load, api: str) -> dict[str, object]:
    """``kill -9`` of one API: the writes go on through the other; then it is started again."""
    killed = monotonic()
    topology.kill(api)
    moved = seconds_until(lambda: len(load.acknowledged_after(killed)) >= 10, killed)
    topology.start(api)  # compose's restart policy
    return {"API kill: 10 writes acknowledged through the other API, s": moved}


def kill_the_active_projector(
    topology: Topology, load: Load, database: Connections, projector: str
) -> dict[str, object]:
    """``kill -9`` of the active projector: the other applies what is written after."""
    killed = monotonic()
    topology.kill(projector)
    wait_until(lambda: load.acknowledged_after(killed), timeout=60)
    after = load.acknowledged_after(killed)[0].position
    caught_up = seconds_until(lambda: database.ask(read_progress).position >= after, killed)
    return {f"projector kill ({projector}): read side past a write made after it, s": caught_up}


def account_for_every_write(load: Load, database: Connections) -> dict[str, object]:
    """Every acknowledged write at its answered position and version, nothing else stored."""
    stored = {
        (event.originator_id, event.originator_version): event.id
        for event in database.ask(lambda db: events_after(db, 0, 1_000_000))
    }
    answered = {(product_id(a.code), a.version): a.position for a in load.acknowledged}
    lost = [key for key, position in answered.items() if stored.get(key) != position]
    duplicated = len(stored) - len(answered)  # nothing but the load writes here
    return {
        "acknowledged": len(load.acknowledged),
        "retried (more than one attempt)": sum(a.attempts > 1 for a in load.acknowledged),
        "lost": len(lost),
        "duplicated": duplicated,
        "first gap in the positions": database.ask(lambda db: first_missing(db, len(stored))),
        "500s": sum(n for status, n in load.statuses.items() if status >= 500 and status != 503),
        "503s": load.statuses[503],
        "409s in progress": load.statuses[409],
        "connection errors": load.connection_errors,
        "answers by status": dict(sorted(load.statuses.items())),
    }


def assert_keys_replay_their_first_answers(load: Load, apis: list[str]) -> None:
    """Each acknowledged write sent again with its key, to each API in turn: its first
    answer, replayed."""
    with httpx.Client(timeout=10) as client:
        for number, write in enumerate(load.acknowledged):
            again = client.post(
                apis[number % len(apis)] + write.path,
                json=write.body,
                headers={"Authorization": write.authorization, "Idempotency-Key": write.key},
            )
            assert again.status_code == 201, again.text
            assert again.headers.get("Idempotent-Replayed") == "true"
            assert (again.json()["version"], again.json()["position"]) == first(write)


def first(write: Acknowledged) -> tuple[int, int]:
    """The version and position of a write's first answer."""
    return write.version, write.position


def assert_read_models_equal_a_rebuild(postgres_url: str, database: Connections) -> None:
    """The read models the projectors kept equal those rebuilt from the first event."""
    kept = database.ask(snapshot)
    registry = build_registry(Settings(database_url=postgres_url))
    projector = Projector(registry, connections_to(postgres_url))
    try:
        projector.rebuild()
    finally:
        projector.stop()
        projector.connections.close()
        registry.close()
    rebuilt = database.ask(snapshot)
    for table, rows in kept.items():
        assert rows == rebuilt[table], f"{table} differs from its rebuild"


def print_figures(figures: dict[str, object]) -> None:
    """The figures, one a line, in the test's output."""
    print("\nfault test figures:")
    for name, value in figures.items():
        print(f"  {name}: {value}")
