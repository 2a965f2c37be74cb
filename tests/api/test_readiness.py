"""Readiness tells the truth (issues 8.1 and 17.7): /readyz is 503 while the projector fails or
the read side lags beyond its bounds, wherever the projector runs, and says so in a stable
code and a position, never in the failure's text; operators read the text, authenticated."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from lifecycle.values import Role
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from projections import Projector
from projections.progress import now, record_advance
from storage.sql import PostgresDatabase
from tests.api import bodies
from tests.api.conftest import Api
from tests.conftest import connections_to, fixed_today
from tests.projections.waiting import wait_until

SECRET_WORDS = "unwritable"  # the constraint's name, the trigger's message: in the error text


@contextmanager
def unwritable_audit_trail(services: ServedRegister) -> Iterator[None]:
    """Makes the audit trail refuse every new row until the block ends."""
    with services.read_side.connections.borrowed() as db:
        if isinstance(db, PostgresDatabase):
            db.run(
                "ALTER TABLE audit_trail ADD CONSTRAINT unwritable "
                f"CHECK (code = '{SECRET_WORDS}') NOT VALID"
            )
        else:
            db.run(
                "CREATE TRIGGER unwritable BEFORE INSERT ON audit_trail "
                f"BEGIN SELECT RAISE(ABORT, '{SECRET_WORDS}'); END"
            )
    try:
        yield
    finally:
        with services.read_side.connections.borrowed() as db:
            if isinstance(db, PostgresDatabase):
                db.run("ALTER TABLE audit_trail DROP CONSTRAINT unwritable")
            else:
                db.run("DROP TRIGGER unwritable")


def register(api: Api, code: str) -> int:
    answer: Any = api.post("office_qn", "/v1/products", bodies.registration(code))
    assert answer.status_code == 201, answer.text
    return int(answer.json()["position"])


def test_readiness_is_503_while_the_projector_fails_and_ready_once_it_recovers(api: Api) -> None:
    first = register(api, "QN-0001")
    assert api.services.read_side.wait_for(first)
    assert wait_until(lambda: api.get(None, "/readyz").status_code == 200)
    with unwritable_audit_trail(api.services):
        failing = register(api, "QN-0002")
        assert wait_until(lambda: api.get(None, "/readyz").status_code == 503)
        answer: Any = api.get(None, "/readyz")
        assert answer.headers["content-type"] == "application/problem+json"
        body = answer.json()
        assert (body["code"], body["failing_position"], body["projector"]) == (
            "projector-failing",
            failing,
            "failing",
        )
        assert body["error_code"] in {"CheckViolation", "IntegrityError"}
        assert (body["position"], body["lag"]) == (first, failing - first)
        assert SECRET_WORDS not in answer.text and "audit_trail" not in answer.text
        report: Any = api.get("auditor", "/v1/operations/projector")
        assert report.status_code == 200
        assert SECRET_WORDS in report.json()["error"]
        assert report.json()["failing_position"] == failing
        assert api.get("admin", "/v1/operations/projector").status_code == 200
        assert api.get("office_qn", "/v1/operations/projector").status_code == 403
        assert api.get(None, "/v1/operations/projector").status_code == 401
        later = register(api, "QN-0003")
        assert api.services.projector.running
    assert wait_until(lambda: api.get(None, "/readyz").json().get("position") == later)
    ready: Any = api.get(None, "/readyz")
    assert (ready.status_code, ready.json()["projector"]) == (200, "running")
    assert api.get(None, "/v1/public/products/QN-0002").status_code == 200
    assert api.get("auditor", "/v1/operations/projector").json()["error"] is None


@pytest.fixture
def apart(store_url: str) -> Iterator[tuple[TestClient, ServedRegister]]:
    """The API without a projector of its own, lagging after two events at most."""
    settings = Settings(database_url=store_url, ready_max_lag=2, ready_max_lag_seconds=60)
    services = build_services(settings, clock=fixed_today)
    key, _ = services.keys.create(
        Role.PROGRAMME_OFFICE, province=bodies.registration()["location"]["province"]
    )
    with TestClient(create_app(services, run_projector=False)) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        yield client, services
    services.close()


def test_a_projector_failing_in_another_process_makes_readiness_503(
    apart: tuple[TestClient, ServedRegister], store_url: str
) -> None:
    client, services = apart
    elsewhere = Projector(services.registry, connections_to(store_url), poll_interval=0.05)
    elsewhere.start()
    try:
        assert client.post("/v1/products", json=bodies.registration("QN-0001")).status_code == 201
        # ready is not enough (a lag within the bound is ready): the first product is projected
        assert wait_until(lambda: client.get("/readyz").json().get("position") == 1)
        with unwritable_audit_trail(services):
            client.post("/v1/products", json=bodies.registration("QN-0002"))
            assert wait_until(lambda: client.get("/readyz").status_code == 503)
            body = client.get("/readyz").json()
            assert (body["code"], body["projector"]) == ("projector-failing", "elsewhere")
            assert body["failing_position"] == services.read_side.head()
        assert wait_until(lambda: client.get("/readyz").status_code == 200)
    finally:
        elsewhere.stop()


def test_readiness_is_503_when_the_lag_exceeds_its_bound_in_events_or_seconds(
    apart: tuple[TestClient, ServedRegister],
) -> None:
    client, services = apart
    services.projector.catch_up()  # as a projector elsewhere would, once
    for code in ("QN-0001", "QN-0002"):
        assert client.post("/v1/products", json=bodies.registration(code)).status_code == 201
    assert client.get("/readyz").status_code == 200  # two behind, just now advanced: ready
    with services.read_side.connections.borrowed() as db:
        record_advance(db, now() - timedelta(seconds=61))
    stale = client.get("/readyz")
    assert (stale.status_code, stale.json()["code"]) == (503, "projection-lagging")
    assert stale.json()["lag_seconds"] >= 61
    with services.read_side.connections.borrowed() as db:
        record_advance(db, now())
    assert client.post("/v1/products", json=bodies.registration("QN-0003")).status_code == 201
    behind = client.get("/readyz")
    assert (behind.status_code, behind.json()["code"], behind.json()["lag"]) == (
        503,
        "projection-lagging",
        3,
    )
    services.projector.catch_up()
    assert client.get("/readyz").json() | {"lag_seconds": 0} == {
        "status": "ready",
        "head": 3,
        "position": 3,
        "lag": 0,
        "lag_seconds": 0,
        "projector": "elsewhere",
    }
