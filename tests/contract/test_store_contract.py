"""What every store must keep: each fact as it was recorded, in order, and one winner per version.

Runs once on SQLite and once on PostgreSQL (the ``registry`` fixture), with the same stories.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from lifecycle import errors
from lifecycle.values import Actor, Level, Location, Owner, Status
from registry.service import Order, Recorded, Registry
from seed import builders as make
from tests.contract.stories import (
    CODE,
    LIFE,
    STATUS_AFTER,
    TO_THE_PROVINCE,
    assert_identical,
    domain_state,
    live,
    race,
    record,
)

LATER = date(2026, 1, 5)  # a product registered under 1489, for the races and batches


def test_a_whole_life_round_trips_with_every_field_intact(registry: Registry) -> None:
    answers = record(registry, LIFE)
    assert [answer.version for answer in answers] == list(range(1, len(LIFE) + 1))
    kept = live(LIFE).pending_events
    stored = registry.events_of(CODE)
    assert [type(event) for event in stored] == [type(event) for event in kept]
    for stored_event, kept_event in zip(stored, kept, strict=True):
        where = f"v{kept_event.originator_version}"
        for name, value in vars(kept_event).items():
            if name != "timestamp":
                assert_identical(getattr(stored_event, name), value, f"{where}.{name}")
    registered, starred = vars(stored[0]), vars(stored[2 + len(TO_THE_PROVINCE)])
    assert type(registered["effective_on"]) is date
    assert type(registered["owner"]) is Owner and type(registered["location"]) is Location
    assert type(registered["actor"]) is Actor and registered["actor"] == make.office()
    assert starred["issuing_level"] is Level.PROVINCE
    assert starred["valid_until"] == date(2026, 3, 19)
    assert [event.timestamp.tzinfo is not None for event in stored] == [True] * len(LIFE)


def test_a_replay_equals_the_live_product(registry: Registry) -> None:
    record(registry, LIFE)
    expected = domain_state(live(LIFE))
    steps = registry.history(CODE)
    for replayed in (registry.product(CODE), registry.state_at(CODE), steps[-1].state):
        assert domain_state(replayed) == expected
    statuses = [step.state.status_on(step.event.effective_on).value for step in steps]
    assert statuses == STATUS_AFTER
    for index, step in enumerate(steps, start=1):
        assert domain_state(step.state) == domain_state(live(LIFE[:index]))


def test_the_register_reads_a_product_as_it_stood_at_a_past_version_or_date(
    registry: Registry,
) -> None:
    record(registry, LIFE)
    at_five = registry.state_at(CODE, version=5)  # the province's certificate
    assert at_five.version == 5 and at_five.certificate is not None
    assert (at_five.certificate.number, at_five.certificate.suspended_on) == ("QN-0123-C1", None)
    in_january_2024 = registry.state_at(CODE, as_of=date(2024, 1, 15))
    assert in_january_2024.status_on(date(2024, 1, 15)) is Status.SUSPENDED
    new_year_2026 = registry.state_at(CODE, as_of=date(2026, 1, 1))
    assert new_year_2026.certificate is not None and new_year_2026.certificate.stars == 5
    assert new_year_2026.status_on(date(2026, 1, 1)) is Status.CERTIFIED
    both = registry.state_at(CODE, as_of=date(2026, 1, 1), version=6)
    assert both.version == 6


def test_an_expired_certificate_reads_as_expired_now_and_as_of_a_date(registry: Registry) -> None:
    record(registry, LIFE[:5])  # to the province's 4-star certificate
    for day in (date(2026, 3, 20), date(2026, 6, 1)):
        assert registry.state_at(CODE, as_of=day).status_on(day) is Status.EXPIRED
    assert (
        registry.state_at(CODE, as_of=date(2026, 3, 19)).status_on(date(2026, 3, 19))
        is Status.CERTIFIED
    )
    assert registry.product(CODE).status_on(registry.today()) is Status.EXPIRED


def test_the_register_answers_what_it_knew_at_a_moment(registry: Registry) -> None:
    record(registry, LIFE)
    moments = [event.timestamp for event in registry.events_of(CODE)]
    assert moments == sorted(set(moments))
    assert registry.state_at(CODE, known_at=moments[3]).version == 4
    naive_utc = moments[5].replace(tzinfo=None)
    assert registry.state_at(CODE, known_at=naive_utc).version == 6
    with pytest.raises(errors.NotYetRegistered):
        registry.state_at(CODE, known_at=moments[0] - timedelta(microseconds=1))


def test_nothing_is_known_of_a_product_before_its_registration(registry: Registry) -> None:
    record(registry, LIFE[:2])
    readings = [
        lambda: registry.state_at(CODE, as_of=date(2023, 2, 28)),
        lambda: registry.state_at(CODE, version=0),
    ]
    for reading in readings:
        with pytest.raises(errors.NotYetRegistered) as refused:
            reading()
        assert refused.value.code == "not-registered-then"
    assert registry.state_at(CODE, as_of=date(2023, 3, 1)).version == 1


def test_an_unknown_code_is_not_found(registry: Registry) -> None:
    reads: list[Callable[[], Any]] = [
        lambda: registry.product("QN-9999"),
        lambda: registry.history("QN-9999"),
        lambda: registry.state_at("QN-9999"),
        lambda: registry.change("QN-9999", make.council(), make.evaluation(LATER)),
    ]
    for read in reads:
        with pytest.raises(errors.ProductNotFound) as refused:
            read()
        assert refused.value.code == "product-not-found"


def test_councils_racing_on_one_product_never_both_win_a_version(registry: Registry) -> None:
    registry.register_product(make.office(), make.registration(LATER, CODE))
    outcomes = race(
        8,
        lambda: registry.change(
            CODE, make.council(Level.COMMUNE), make.evaluation(LATER + timedelta(days=1))
        ),
    )
    # A lost race is retried on the fresh state, and an evaluation is allowed on any
    # version: with retries to spare, every one of the eight wins a version of its own.
    assert all(isinstance(outcome, Recorded) for outcome in outcomes), outcomes
    wins = [outcome for outcome in outcomes if isinstance(outcome, Recorded)]
    assert sorted(win.version for win in wins) == list(range(2, 10))
    assert len({win.position for win in wins}) == 8
    versions = [event.originator_version for event in registry.events_of(CODE)]
    assert versions == list(range(1, 10))
    assert registry.product(CODE).version == 9


def test_two_offices_racing_to_register_one_code_leave_one_winner(registry: Registry) -> None:
    outcomes = race(
        2, lambda: registry.register_product(make.office(), make.registration(LATER, CODE))
    )
    wins = [outcome for outcome in outcomes if isinstance(outcome, Recorded)]
    losses = [outcome for outcome in outcomes if not isinstance(outcome, Recorded)]
    assert len(wins) == 1 and wins[0].version == 1
    assert [type(loss) for loss in losses] == [errors.ProductAlreadyRegistered]
    assert len(registry.events_of(CODE)) == 1


def test_a_code_is_never_registered_again_even_after_removal(registry: Registry) -> None:
    registry.register_product(make.office(), make.registration(LATER, CODE))
    registry.change(CODE, make.office(), make.removal(LATER + timedelta(days=30)))
    with pytest.raises(errors.ProductAlreadyRegistered) as refused:
        registry.register_product(
            make.office(), make.registration(LATER + timedelta(days=60), CODE)
        )
    assert refused.value.code == "product-already-registered"
    assert len(registry.events_of(CODE)) == 2


def test_a_change_made_against_an_old_version_is_refused(registry: Registry) -> None:
    registry.register_product(make.office(), make.registration(LATER, CODE))
    for actor, command in make.steps_to(Level.PROVINCE, LATER):  # the commune forwards it
        registry.change(CODE, actor, command)
    registry.change(CODE, make.council(), make.evaluation(LATER), expected_version=3)
    with pytest.raises(errors.StaleVersion) as refused:
        registry.change(CODE, make.authority(), make.certificate(LATER, 4), expected_version=3)
    assert (refused.value.code, refused.value.actual) == ("stale-version", 4)
    assert (
        registry.change(
            CODE, make.authority(), make.certificate(LATER, 4), expected_version=4
        ).version
        == 5
    )


def test_a_batch_records_the_accepted_orders_and_answers_the_refused(registry: Registry) -> None:
    day = LATER + timedelta(days=7)
    orders = [
        Order(make.office(), make.registration(LATER, "QN-0001")),
        *[Order(a, c, code="QN-0001") for a, c in make.steps_to(Level.PROVINCE, day)],
        Order(make.council(), make.evaluation(day, 85), code="QN-0001"),
        Order(make.authority(), make.certificate(day, 2), code="QN-0001"),
        Order(make.authority(), make.certificate(day, 4), code="QN-0001"),
        Order(make.office(), make.registration(LATER, "QN-0001")),
        Order(make.inspector("HN"), make.suspension(day), code="QN-0001"),
        Order(make.council(), make.evaluation(day), code="QN-9999"),
        Order(make.office(), make.registration(LATER, "QN-0002")),
    ]
    outcomes = registry.carry_out_batch(orders)
    refused = [
        errors.StarsNotCertifiable,
        errors.ProductAlreadyRegistered,
        errors.OutsideJurisdiction,
        errors.ProductNotFound,
    ]
    assert [type(outcome) for outcome in outcomes if not isinstance(outcome, Recorded)] == refused
    recorded = [outcome for outcome in outcomes if isinstance(outcome, Recorded)]
    assert [(r.code, r.event, r.version) for r in recorded] == [
        ("QN-0001", "Registered", 1),
        ("QN-0001", "Evaluated", 2),
        ("QN-0001", "Forwarded", 3),
        ("QN-0001", "Evaluated", 4),
        ("QN-0001", "Starred", 5),
        ("QN-0002", "Registered", 1),
    ]
    assert len({r.position for r in recorded}) == 6
    assert registry.product("QN-0001").status_on(day) is Status.CERTIFIED
    assert [type(e).__name__ for e in registry.events_of("QN-0001")] == [
        "Registered",
        "Evaluated",
        "Forwarded",
        "Evaluated",
        "Starred",
    ]
    assert registry.product("QN-0002").version == 1
