"""A keyed order's answer is stored in the same transaction as its event, on every backend:
the store alone says whether a request was carried out, and never lets it be carried out twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from lifecycle.values import Level
from registry.answer_store import answering_environment
from registry.orders import Order, Recorded, Request
from registry.service import Registry
from seed import builders as make
from storage.url import StoreUrl
from tests.conftest import connections_to, fixed_today

LATER = date(2026, 1, 5)
# Under 1489 the commune's council evaluates first, with no hand-off before it.
COMMUNE_COUNCIL = make.council(Level.COMMUNE)
DAY = LATER + timedelta(days=7)


def request(key: str) -> Request:
    return Request("key:abc123", key, f"digest-of-{key}", 1_790_000_000.0)


@pytest.fixture
def answering(store_url: str) -> Iterator[tuple[Registry, str]]:
    """The register on a store whose recorders keep answers, and the store's URL."""
    registry = Registry(answering_environment(StoreUrl.parse(store_url)), clock=fixed_today)
    yield registry, store_url
    registry.close()


def stored_answers(url: str) -> dict[str, dict[str, object]]:
    database = connections_to(url)
    try:
        with database.transaction() as db:
            rows = db.rows("SELECT idempotency_key, status, body FROM ocop_idempotency_answers")
    finally:
        database.close()
    assert all(row["status"] == 201 for row in rows)
    return {row["idempotency_key"]: json.loads(row["body"]) for row in rows}


def test_a_batch_stores_each_keyed_answer_with_its_event_and_position(
    answering: tuple[Registry, str],
) -> None:
    registry, url = answering
    outcomes = registry.carry_out_batch(
        [
            Order(make.office(), make.registration(LATER, "QN-0001"), request=request("r-1")),
            Order(make.office(), make.registration(LATER, "QN-0002")),
            Order(
                COMMUNE_COUNCIL, make.evaluation(DAY, 85), code="QN-0001", request=request("e-1")
            ),
        ]
    )
    recorded = [outcome for outcome in outcomes if isinstance(outcome, Recorded)]
    assert len(recorded) == 3
    assert stored_answers(url) == {"r-1": recorded[0].body(), "e-1": recorded[2].body()}


def test_an_order_carried_out_twice_under_one_key_stores_its_event_once(
    answering: tuple[Registry, str],
) -> None:
    registry, url = answering
    registry.register_product(make.office(), make.registration(LATER, "QN-0001"))
    once = registry.change(
        "QN-0001", COMMUNE_COUNCIL, make.evaluation(DAY, 85), request=request("e-1")
    )
    again = registry.carry_out_batch(
        [
            Order(
                COMMUNE_COUNCIL, make.evaluation(DAY, 85), code="QN-0001", request=request("e-1")
            ),
            Order(make.office(), make.registration(LATER, "QN-0002")),
        ]
    )
    assert isinstance(again[1], Recorded) and again[1].code == "QN-0002"
    assert not isinstance(again[0], Recorded)
    assert registry.product("QN-0001").version == once.version == 2
    assert stored_answers(url) == {"e-1": once.body()}
