"""A group of orders on products already in the store: the products are loaded together, in
one query, and each order is still checked against the rules in turn, on the state the
orders before it left; a refused order stores nothing. Told to every store."""

from __future__ import annotations

from datetime import date

from lifecycle import errors
from lifecycle.values import Level
from registry.loading import products_of
from registry.service import Order, Recorded, Registry
from seed import builders as make
from tests.conftest import fixed_today
from tests.contract.stories import assert_identical, domain_state

REGISTERED, EVALUATED = date(2026, 1, 5), date(2026, 1, 12)
CODES = ("QN-0201", "QN-0202")


def forwarded_to_the_province(registry: Registry, code: str) -> int:
    """Registers ``code``, has the commune score and forward it; its version now."""
    registry.register_product(make.office(), make.registration(REGISTERED, code))
    for actor, command in make.steps_to(Level.PROVINCE, EVALUATED):
        registry.change(code, actor, command)
    return registry.product(code).version


def test_two_conflicting_orders_in_one_group_the_second_is_refused_and_stores_nothing(
    registry: Registry,
) -> None:
    first, other = CODES
    version = forwarded_to_the_province(registry, first)
    forwarded_to_the_province(registry, other)
    outcomes = registry.carry_out_batch(
        [
            Order(make.council(), make.evaluation(EVALUATED, 80), first, version),
            Order(make.council(), make.evaluation(EVALUATED, 85), first, version),  # stale now
            Order(make.council(), make.evaluation(EVALUATED), "QN-9999"),
            Order(make.council(), make.evaluation(EVALUATED, 90), other),
        ]
    )
    assert [type(outcome) for outcome in outcomes] == [
        Recorded,
        errors.StaleVersion,
        errors.ProductNotFound,
        Recorded,
    ]
    events = registry.events_of(first)
    assert len(events) == version + 1  # the second evaluation left nothing
    assert registry.product(first).version == version + 1
    assert registry.product(other).version == version + 1


def test_products_loaded_together_are_the_products_loaded_one_by_one(registry: Registry) -> None:
    for code in CODES:
        forwarded_to_the_province(registry, code)
    registry.change(CODES[0], make.council(), make.evaluation(EVALUATED, 80))
    loaded = products_of(registry, [*CODES, "QN-9999"])
    assert sorted(loaded) == sorted(CODES)  # a code never registered is absent
    for code in CODES:
        assert_identical(domain_state(loaded[code]), domain_state(registry.product(code)), code)


def test_no_codes_load_nothing(registry: Registry) -> None:
    assert products_of(registry, []) == {}


def test_a_store_without_one_query_for_many_loads_them_one_by_one() -> None:
    registry = Registry({"PERSISTENCE_MODULE": "eventsourcing.popo"}, clock=fixed_today)
    forwarded_to_the_province(registry, CODES[0])
    loaded = products_of(registry, [CODES[0], "QN-9999"])
    assert list(loaded) == [CODES[0]]
    assert_identical(domain_state(loaded[CODES[0]]), domain_state(registry.product(CODES[0])))
