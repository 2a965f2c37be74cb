"""The compose topology as plain processes, each service's command read from
``docker-compose.yml``: one PostgreSQL database, ``ocop init``, two ``ocop serve
--no-projector`` and two ``ocop project``. Writes through either API are read through the
other, every event is applied once whichever projector applies it, and the projectors sign
the public log with the key ``init`` wrote."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from lifecycle.values import Level, Role
from projections import questions
from projections.progress import read_progress
from tests.api import bodies
from tests.api.test_live_server import wait_until
from tests.conftest import connections_to
from tests.topology import Topology, running, services_running

pytestmark = pytest.mark.postgres


def keys_for(database_url: str) -> dict[str, str]:
    """A programme office's key and a district council's, both in Quảng Ninh."""
    from api.keys import KeyStore

    database = connections_to(database_url)
    try:
        store = KeyStore(database)
        office, _ = store.create(Role.PROGRAMME_OFFICE, province="Quảng Ninh")
        council, _ = store.create(
            Role.EVALUATION_COUNCIL, level=Level.DISTRICT, province="Quảng Ninh"
        )
    finally:
        database.close()
    return {"office": f"Bearer {office}", "council": f"Bearer {council}"}


def test_the_compose_file_names_two_apis_and_two_projectors_after_init() -> None:
    assert services_running("init") == ["init"]
    assert len(services_running("serve")) == 2 and len(services_running("project")) == 2


def test_the_compose_topology_as_processes_serves_each_apis_writes_through_the_other(
    postgres_url: str, tmp_path: Path
) -> None:
    with running(postgres_url, tmp_path) as topology:
        assert "verifier key" in topology.init()  # run again: changes nothing, exits 0
        keys = keys_for(postgres_url)
        first, second = (topology.url(api) for api in services_running("serve"))
        written = {}
        for number, (writer, reader) in enumerate([(first, second), (second, first)] * 3):
            code = f"QN-07{number:02}"
            created = httpx.post(
                f"{writer}/v1/products",
                json=bodies.registration(code),
                headers={"Authorization": keys["office"]},
            )
            assert created.status_code == 201, created.text
            evaluated = httpx.post(
                f"{reader}/v1/products/{code}/evaluations",
                json=bodies.evaluation(),
                headers={"Authorization": keys["council"]},
            )
            assert evaluated.status_code == 201, evaluated.text
            written[code] = evaluated.json()
        for code, answer in written.items():
            for api in (first, second):
                read = httpx.get(
                    f"{api}/v1/public/products/{code}",
                    params={"position": answer["position"]},
                    timeout=10,
                )
                assert read.status_code == 200, read.text
                assert read.json()["code"] == code
        assert_every_event_applied_once(topology, postgres_url, head=12)


def assert_every_event_applied_once(topology: Topology, database_url: str, head: int) -> None:
    """The read side reaches the head with one audit row per position, whichever projector
    applied each batch (today both take turns under a row lock; with failover one applies),
    and the public log is signed up to the head and served by every API."""
    database = connections_to(database_url)
    try:
        wait_until(lambda: database.ask(read_progress).position == head, timeout=30)
        trail = database.ask(questions.audit_trail(after=0, limit=100))
        assert [row["position"] for row in trail] == list(range(1, head + 1))
    finally:
        database.close()
    for api in services_running("serve"):
        wait_until(lambda api=api: signed_size(topology.url(api)) == head, timeout=30)


def signed_size(api: str) -> int:
    """The size of the log's checkpoint an API serves (0 before the first)."""
    checkpoint = httpx.get(f"{api}/log/checkpoint", timeout=5)
    return int(checkpoint.text.splitlines()[1]) if checkpoint.status_code == 200 else 0
