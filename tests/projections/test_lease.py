"""One projector at a time keeps the read models (issue 14, item 2): on PostgreSQL the one
holding the lease is active and the others stand by; one whose lock session died never
commits another batch, and another takes over. On SQLite a second projector is refused."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import psycopg
import pytest

from ocop.cli import main
from ocop.cli.projection import ANOTHER_PROJECTOR
from projections import Projector, ReadSide, questions
from projections.lease import Lease, LeaseLost, active_projector, lease_of
from registry.service import Registry
from storage.session_lock import session_lock
from tests.conftest import connections_to
from tests.projections import programme as story
from tests.projections.waiting import RecordingLogger, wait_until


@contextmanager
def candidate(registry: Registry, url: str, name: str) -> Iterator[Projector]:
    """A projector with a lease of its own (named ``name`` in the lease row), for the block."""
    connections = connections_to(url)
    lease = Lease(connections, session_lock(connections), holder=name)
    runner = Projector(
        registry, connections, batch_size=3, poll_interval=0.05, max_backoff=0.2,
        logger=RecordingLogger(), lease=lease, standby_interval=0.05,
    )  # fmt: skip
    try:
        yield runner
    finally:
        runner.stop()
        connections.close()


def record_products(registry: Registry, first: int, count: int) -> int:
    """``count`` products join the programme; the last one's log position."""
    for number in range(first, first + count):
        joined = story.register(registry, f"QN-07{number:02}", "Mắm ruốc", date(2024, 1, 2))
    return joined.position


def holder(read_side: ReadSide) -> str | None:
    """The projector the database names as active."""
    active = read_side.ask(active_projector)
    return None if active is None else active.holder


def told(runner: Projector) -> list[str]:
    log = runner.log
    assert isinstance(log, RecordingLogger)
    return [event for event, _ in log.events]


def assert_each_event_applied_once(read_side: ReadSide) -> None:
    positions = [
        row["position"] for row in read_side.ask(questions.audit_trail(after=0, limit=1000))
    ]
    assert positions == list(range(1, read_side.head() + 1))
    assert read_side.lag() == 0


@pytest.mark.postgres
def test_of_two_projectors_one_is_active_and_the_other_takes_over_when_it_stops(
    pg_registry: Registry, postgres_url: str, pg_read_side: ReadSide
) -> None:
    registry, read_side = pg_registry, pg_read_side
    with candidate(registry, postgres_url, "A") as a, candidate(registry, postgres_url, "B") as b:
        a.start()
        assert wait_until(lambda: a.active)
        b.start()
        assert wait_until(lambda: "projector.standby" in told(b))
        head = record_products(registry, 0, 4)
        assert read_side.wait_for(head)
        assert (a.active, b.active, holder(read_side)) == (True, False, "A")
        assert (a.applied, b.applied) == (head, 0)
        a.stop()
        assert wait_until(lambda: b.active)
        head = record_products(registry, 4, 4)
        assert read_side.wait_for(head)
        assert holder(read_side) == "B" and b.applied == 4
    assert_each_event_applied_once(read_side)
    assert told(a)[:2] == ["projector.started", "projector.active"]


@pytest.mark.postgres
@pytest.mark.parametrize("successor_first", [False, True], ids=["alone", "after-a-successor"])
def test_a_projector_whose_lock_session_died_commits_no_batch(
    pg_registry: Registry, postgres_url: str, pg_read_side: ReadSide, successor_first: bool
) -> None:
    registry, read_side = pg_registry, pg_read_side
    head = record_products(registry, 0, 6)
    with candidate(registry, postgres_url, "A") as a, candidate(registry, postgres_url, "B") as b:
        assert a.catch_up(max_batches=1) == 3 and a.active
        assert a.turn.lease is not None and a.turn.lease.lock.pid is not None
        with psycopg.connect(postgres_url.partition("?")[0], autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", (a.turn.lease.lock.pid,))
        if successor_first:  # B takes the lease (a new token) and applies the rest first
            assert b.catch_up() == head - 3 and holder(read_side) == "B"
            head = record_products(registry, 6, 2)
        assert a.active  # A does not know yet: its next batch finds out
        assert a.catch_up() == 0
        assert not a.active and "projector.lease_lost" in told(a)
        assert read_side.position() == (head - 2 if successor_first else 3)
        b.catch_up()
        assert (b.active, holder(read_side), read_side.position()) == (True, "B", head)
        assert a.catch_up() == 0 and "projector.standby" in told(a)  # B holds it now
        assert a.applied == 3 and b.applied == head - 3
    assert_each_event_applied_once(read_side)


@pytest.mark.postgres
def test_a_successor_waits_for_the_batch_that_passed_the_fence_before_the_lock_died(
    pg_registry: Registry, postgres_url: str, pg_read_side: ReadSide
) -> None:
    with (
        candidate(pg_registry, postgres_url, "A") as a,
        candidate(pg_registry, postgres_url, "B") as b,
    ):
        assert a.turn.lease is not None and b.turn.lease is not None
        assert a.turn.take() and a.turn.lease.lock.pid is not None
        token = a.turn.lease.token
        assert token is not None
        batch = a.connections.connect("projector-batch")
        taken: list[bool] = []
        successor = threading.Thread(target=lambda: taken.append(b.turn.take()))
        try:
            with batch.transaction():
                a.turn.fence(batch)  # a batch in flight: it holds the lease's row
                with psycopg.connect(postgres_url.partition("?")[0], autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s, 5000)", (a.turn.lease.lock.pid,))
                    successor.start()  # B gets the lock, and waits to raise the token
                    assert wait_until(lambda: waiting_on_the_lease(admin))
                assert taken == []
            successor.join(timeout=10)
            assert taken == [True] and b.turn.lease.token == token + 1
            with (
                pytest.raises(LeaseLost, match="another projector took the lease"),
                batch.transaction(),
            ):
                a.turn.fence(batch)
        finally:
            batch.close()


def waiting_on_the_lease(admin: psycopg.Connection[tuple[object, ...]]) -> bool:
    """Whether a session waits for a row lock to raise the lease's token."""
    return bool(
        admin.execute(
            "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query LIKE 'INSERT INTO projector_lease%%' AND datname = current_database()"
        ).fetchall()
    )


@pytest.mark.postgres
def test_two_registers_in_one_database_each_have_their_own_lease(
    postgres_url: str, postgres_database: str
) -> None:
    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_database, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    here, there = (
        connections_to(postgres_url),
        connections_to(f"{postgres_database}?schema={schema}"),
    )
    leases = [lease_of(here), lease_of(there), lease_of(here)]
    try:
        assert [lease.take() for lease in leases] == [True, True, False]
    finally:
        for lease in leases:
            lease.release()
        here.close()
        there.close()


def test_on_sqlite_a_second_projector_is_refused(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    def serve(*args: object, **kwargs: object) -> None:
        raise AssertionError("ocop serve should have been refused before serving")

    monkeypatch.setattr(uvicorn, "run", serve)
    connections = connections_to(sqlite_url)
    first = Lease(connections, session_lock(connections), holder="ocop-1:100")
    try:
        assert first.take() and not lease_of(connections).take()
        monkeypatch.setenv("OCOP_DATABASE_URL", sqlite_url)
        assert main(["project"]) == ANOTHER_PROJECTOR
        refusal = capsys.readouterr().err
        assert "ocop project: a projector already keeps the read models" in refusal
        assert "(ocop-1:100, since" in refusal
        assert main(["serve"]) == ANOTHER_PROJECTOR  # its in-process projector counts as one
        assert "ocop serve: a projector already keeps" in capsys.readouterr().err
        assert main(["project", "--status"]) == 0
        assert capsys.readouterr().out.startswith("ocop-1:100 active since ")
        first.release()
        assert main(["project", "--status"]) == 1
        assert capsys.readouterr().out.startswith("No projector is active on sqlite:///")
        assert lease_of(connections).take()  # freed by the first: the next may project
    finally:
        connections.close()
