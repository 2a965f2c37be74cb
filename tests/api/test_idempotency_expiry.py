"""Idempotency records expire: an unfinished claim after a short time (so a retry after a
crash finds out what happened), an answer after a day (then the key may be used afresh).
The store's clock is injected; nothing here waits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from api.idempotency import IdempotencyStore
from tests.api import bodies
from tests.api.conftest import Api

PATH = "/v1/products/QN-0001/evaluations"
KEY = {"Idempotency-Key": "council-ev-1"}


class Killed(Exception):
    """The process dies here (and, being dead, releases nothing)."""


def raising(error: Exception) -> Callable[..., None]:
    """A stand-in that fails with ``error`` whenever it is called."""

    def stand_in(*_: object) -> None:
        raise error

    return stand_in


class Clock:
    """A clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1_790_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta).total_seconds()


@pytest.fixture
def clock(api: Api) -> Clock:
    """The idempotency store's clock: answers kept 24 h, claims held 30 s."""
    clock = Clock()
    api.services.idempotency = IdempotencyStore(
        api.services.database,
        keep_for=timedelta(hours=24),
        claim_for=timedelta(seconds=30),
        clock=clock,
    )
    api.post("office_qn", "/v1/products", bodies.registration())
    return clock


def evaluate(api: Api) -> object:
    return api.post("council_district_qn", PATH, bodies.evaluation(), **KEY)


def test_an_answer_is_replayed_for_a_day_then_the_key_is_new_again(api: Api, clock: Clock) -> None:
    first = evaluate(api)
    clock.advance(hours=23, minutes=59)
    replayed = evaluate(api)
    assert replayed.headers.get("Idempotent-Replayed") == "true"
    assert replayed.json() == first.json()
    clock.advance(minutes=2)
    fresh = evaluate(api)
    assert fresh.status_code == 201 and "Idempotent-Replayed" not in fresh.headers
    assert fresh.json()["version"] == 3 == api.version_of("QN-0001")


def test_expired_answers_are_deleted(api: Api, clock: Clock) -> None:
    evaluate(api)
    store = api.services.idempotency
    clock.advance(hours=25)
    store.forget_expired()
    with api.services.database.transaction() as db:
        assert db.rows("SELECT count(*) AS n FROM ocop_idempotency_answers") == [{"n": 0}]
        assert db.rows("SELECT count(*) AS n FROM ocop_idempotency_claims") == [{"n": 0}]


def test_a_claim_left_by_a_crash_before_the_event_expires_and_the_retry_carries_it_out(
    api: Api, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.services.intake, "submit", raising(Killed("while carrying out")))
    monkeypatch.setattr(api.services.idempotency, "release", lambda _: None)  # killed: no release
    assert evaluate(api).status_code == 500
    monkeypatch.undo()
    early = evaluate(api)
    assert (early.status_code, early.json()["code"]) == (409, "idempotent-request-in-progress")
    clock.advance(seconds=31)
    retried = evaluate(api)
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried.headers
    assert retried.json()["version"] == 2 == api.version_of("QN-0001")


def test_a_crash_after_the_event_was_stored_leaves_its_answer_for_the_retry(
    api: Api, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    killed = Killed("after saving, before answering")
    monkeypatch.setattr(api.services.projector, "wake", raising(killed))
    monkeypatch.setattr(api.services.idempotency, "release", lambda _: None)  # killed: no release
    assert evaluate(api).status_code == 500
    monkeypatch.undo()
    assert api.version_of("QN-0001") == 2
    clock.advance(seconds=31)
    retried = evaluate(api)
    assert retried.status_code == 201
    assert retried.headers.get("Idempotent-Replayed") == "true"
    assert retried.json()["version"] == 2 == api.version_of("QN-0001")
    assert retried.json()["position"] == api.services.registry.recorder.max_notification_id()


def test_a_failure_after_the_event_was_stored_is_answered_by_the_retry_not_done_twice(
    api: Api, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.services.projector, "wake", raising(RuntimeError("a bug after saving")))
    assert evaluate(api).status_code == 500
    monkeypatch.undo()
    retried = evaluate(api)
    assert retried.status_code == 201
    assert retried.headers.get("Idempotent-Replayed") == "true"
    assert api.version_of("QN-0001") == 2
