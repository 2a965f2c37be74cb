"""Effective dates: never before the product's previous event, never in the future.

Legal effect may be dated earlier than the day a change is recorded, but a product's events
stay in date order and nothing takes effect after today.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from lifecycle import errors
from lifecycle.product import Product
from lifecycle.values import Level, Status
from seed import builders as make
from tests.unit.eras import ERAS, TODAY
from tests.unit.stages import (
    assert_refused,
    attempt,
    certified,
    evaluated,
    later,
    registered,
    suspended,
)

# For each command, a product in which it would be accepted.
READY: dict[str, Callable[[str], Product]] = {
    "evaluate": registered,
    "certify": evaluated,
    "suspend": certified,
    "reinstate": suspended,
    "revoke": certified,
    "remove": registered,
}
ERA = "1489-2025"


# Days a change may not take effect: before the product's previous event, or after today.
REFUSED_DAYS: dict[str, tuple[Callable[[Product], date], type[errors.RegisterError], str]] = {
    "before-the-previous-event": (
        lambda product: later(product, -1),
        errors.EffectiveDateOutOfOrder,
        "effective-date-out-of-order",
    ),
    "after-today": (
        lambda _: TODAY + timedelta(days=1),
        errors.EffectiveDateInFuture,
        "effective-date-in-future",
    ),
}


@pytest.mark.parametrize("when", list(REFUSED_DAYS))
@pytest.mark.parametrize("command", list(READY))
def test_a_change_dated_before_the_previous_event_or_after_today_is_refused(
    command: str, when: str
) -> None:
    product = READY[command](ERA)
    day_of, error, code = REFUSED_DAYS[when]
    assert_refused(product, error, code, attempt(command, product, day_of(product)))


@pytest.mark.parametrize("command", list(READY))
def test_a_change_may_take_effect_on_the_day_of_the_previous_event(command: str) -> None:
    product = READY[command](ERA)
    version = product.version
    attempt(command, product, later(product, 0))()
    handed_up = (
        len(make.steps_to(Level.PROVINCE, later(product, 0))) if command == "evaluate" else 0
    )
    assert product.version == version + 1 + handed_up


@pytest.mark.parametrize("command", list(READY))
def test_a_change_may_take_effect_today(command: str) -> None:
    product = Product.register(make.registration(TODAY - timedelta(days=90)), make.office(), TODAY)
    stages_before = {"evaluate": 0, "remove": 0, "certify": 1, "suspend": 2, "revoke": 2}
    for stage in ("evaluate", "certify", "suspend")[: stages_before.get(command, 3)]:
        attempt(stage, product, later(product))()
    attempt(command, product, TODAY)()
    assert product.last_effective_on == TODAY


def test_a_registration_dated_after_today_is_refused() -> None:
    with pytest.raises(errors.EffectiveDateInFuture) as refused:
        Product.register(make.registration(TODAY + timedelta(days=1)), make.office(), TODAY)
    assert refused.value.code == "effective-date-in-future"


def test_a_product_may_be_registered_with_effect_today() -> None:
    product = Product.register(make.registration(TODAY), make.office(), TODAY)
    assert product.last_effective_on == TODAY
    assert product.status_on(TODAY) is Status.PARTICIPATING


def test_a_refused_date_leaves_the_way_open_for_a_correctly_dated_change() -> None:
    product = registered(ERA)
    day = ERAS[ERA] + timedelta(days=20)
    attempt("evaluate", product, day)()
    assert_refused(
        product,
        errors.EffectiveDateOutOfOrder,
        "effective-date-out-of-order",
        attempt("remove", product, day - timedelta(days=1)),
    )
    attempt("remove", product, day)()
    assert product.status_on(day) is Status.REMOVED
