"""The open data, read from the projection: a chunk at a time, all of it belonging to one
log position, and as of any day exactly what replaying each product's events says."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings

from lifecycle.history import state_at
from projections import Projector, ReadSide, open_data
from registry.service import Registry
from storage.environment import store_environment
from storage.sql import Database, Row
from storage.url import StoreUrl
from tests.conftest import TODAY, connections_to, fixed_today
from tests.projections import programme as story
from tests.projections.histories import Step, carry_out, dates_of, histories
from tests.projections.oracle import logged_events

FIRST = date(2020, 1, 6)
COMPARED = ("status", "stars", "last_stars", "certificate_number", "valid_until")
LATER = date(2021, 1, 6)  # within the certificates issued in these stories


class CountingAsk:
    """The read side's ``ask``, counting the questions put to it."""

    def __init__(self, read_side: ReadSide) -> None:
        self.read_side, self.asked = read_side, 0

    def __call__(self, question: Callable[[Database], list[Row]]) -> list[Row]:
        self.asked += 1
        return self.read_side.ask(question)


def register_five(registry: Registry) -> None:
    for n in range(1, 6):
        story.register(registry, f"QN-{n:04d}", f"Sản phẩm {n}", FIRST)


def test_an_export_is_fetched_a_chunk_at_a_time_only_as_it_is_consumed(
    registry: Registry, projector: Projector, read_side: ReadSide
) -> None:
    register_five(registry)
    projector.catch_up()
    ask = CountingAsk(read_side)
    chunks = open_data.rows(ask, on=TODAY, upto=read_side.position(), size=2)
    assert ask.asked == 0
    first = next(chunks)
    assert ask.asked == 1 and [row["code"] for row in first] == ["QN-0001", "QN-0002"]
    rest = list(chunks)
    assert ask.asked == 3
    assert [len(chunk) for chunk in [first, *rest]] == [2, 2, 1]
    whole = list(open_data.rows(read_side.ask, on=TODAY, upto=read_side.position(), size=100))
    assert [row for c in [first, *rest] for row in c] == whole[0]


def test_every_chunk_belongs_to_the_position_the_export_began_at(
    registry: Registry, projector: Projector, read_side: ReadSide
) -> None:
    """Changes projected while an export is under way do not reach it."""
    register_five(registry)
    story.certify(registry, "QN-0004", 4, FIRST + timedelta(days=30))
    projector.catch_up()
    upto = read_side.position()
    before = [row for chunk in open_data.rows(read_side.ask, on=LATER, upto=upto) for row in chunk]
    chunks = open_data.rows(read_side.ask, on=LATER, upto=upto, size=2)
    first = next(chunks)
    story.suspend(registry, "QN-0004", FIRST + timedelta(days=60), FIRST + timedelta(days=90))
    story.register(registry, "QN-0009", "Sản phẩm mới", FIRST + timedelta(days=60))
    projector.catch_up()
    assert read_side.position() > upto
    during = [*first, *(row for chunk in chunks for row in chunk)]
    assert during == before
    assert [row["status"] for row in during if row["code"] == "QN-0004"] == ["certified"]
    now = [r for c in open_data.rows(read_side.ask, on=LATER, upto=read_side.position()) for r in c]
    assert {row["code"]: row["status"] for row in now}["QN-0004"] == "suspended"
    assert len(now) == len(before) + 1


def days_worth_asking(registry: Registry) -> list[date]:
    """Each day something took effect, the days either side of it, and today."""
    days = {TODAY}
    for _, event in logged_events(registry):
        days |= {event.effective_on + timedelta(days=d) for d in (-1, 0, 1)}
    for _, event in logged_events(registry):
        valid_until = getattr(event, "valid_until", None)
        if valid_until is not None and valid_until <= TODAY:
            days |= {valid_until, valid_until + timedelta(days=1)}
    return sorted(day for day in days if day <= TODAY)


def expected_on(registry: Registry, day: date) -> dict[str, dict[str, Any]]:
    """Each product on the register on ``day``, as replaying its events up to then says."""
    by_product: dict[Any, list[Any]] = {}
    for _, event in logged_events(registry):
        by_product.setdefault(event.originator_id, []).append(event)
    expected = {}
    for events in by_product.values():
        if events[0].effective_on > day:
            continue
        product = state_at(events, as_of=day)
        certificate = product.certificate
        status = product.status_on(day).value
        expected[product.code] = {
            "status": status,
            "stars": certificate.stars
            if certificate and status in ("certified", "suspended")
            else None,
            "last_stars": certificate.stars if certificate else None,
            "certificate_number": certificate.number if certificate else None,
            "valid_until": certificate.valid_until if certificate else None,
        }
    return expected


def check_as_of(url: str, history: list[Step]) -> None:
    registry = Registry(store_environment(StoreUrl.parse(url)), clock=fixed_today)
    connections = connections_to(url)
    projector = Projector(registry, connections, batch_size=3)
    read_side = ReadSide.open(connections)
    try:
        for step, day in zip(history, dates_of(history), strict=True):
            carry_out(registry, step, day)
        projector.catch_up()
        upto = read_side.position()
        for day in days_worth_asking(registry):
            found = {
                row["code"]: {key: row[key] for key in COMPARED}
                for chunk in open_data.rows(read_side.ask, on=day, upto=upto, size=2)
                for row in chunk
            }
            assert found == expected_on(registry, day), day
    finally:
        projector.stop()
        read_side.close()
        registry.close()


EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@EXAMPLES
@given(history=histories)
def test_the_register_as_of_any_day_is_the_replay_of_each_product_on_sqlite(
    tmp_path_factory: pytest.TempPathFactory, history: list[Step]
) -> None:
    folder = tmp_path_factory.mktemp("as-of")
    check_as_of(f"sqlite:///{folder}/ocop.db", history)


@pytest.mark.postgres
@EXAMPLES
@given(history=histories)
def test_the_register_as_of_any_day_is_the_replay_of_each_product_on_postgres(
    postgres_database: str, history: list[Step]
) -> None:
    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_database, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            check_as_of(f"{postgres_database}?schema={schema}", history)
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
