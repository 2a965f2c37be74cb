"""The SPEC's state rules as one table: every command from every state, under every set.

A product is brought to a state under one criteria set, then each command is tried a few
days later (or a month after its certificate expired). An accepted command leaves the
product in the status the table names; a refused one names the rule and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from lifecycle.product import Product
from lifecycle.values import Level, Status
from tests.unit import stages
from tests.unit.eras import ERAS
from tests.unit.stages import (
    ALREADY_REVOKED,
    EXPIRED,
    NO_CERTIFICATE,
    NO_EVALUATION,
    NOT_CURRENT,
    NOT_SUSPENDED,
    REMOVED,
    STILL_CURRENT,
    SUSPENDED,
)

COMMANDS = ("evaluate", "certify", "suspend", "reinstate", "revoke", "remove")
# From each state, what each command leads to: the status after it, or the refusal.
TRANSITIONS: dict[str, tuple[Status | stages.Refusal, ...]] = {
    "participating": (
        Status.PARTICIPATING, NO_EVALUATION, NOT_CURRENT,
        NOT_SUSPENDED, NO_CERTIFICATE, Status.REMOVED,
    ),
    "evaluated": (
        Status.PARTICIPATING, Status.CERTIFIED, NOT_CURRENT,
        NOT_SUSPENDED, NO_CERTIFICATE, Status.REMOVED,
    ),
    "certified": (
        Status.CERTIFIED, NO_EVALUATION, Status.SUSPENDED,
        NOT_SUSPENDED, Status.REVOKED, STILL_CURRENT,
    ),
    "suspended": (
        SUSPENDED, SUSPENDED, SUSPENDED,
        Status.CERTIFIED, Status.REVOKED, STILL_CURRENT,
    ),
    "expired": (
        Status.EXPIRED, NO_EVALUATION, EXPIRED,
        EXPIRED, Status.REVOKED, Status.REMOVED,
    ),
    "suspended-then-expired": (
        Status.EXPIRED, NO_EVALUATION, EXPIRED,
        EXPIRED, Status.REVOKED, Status.REMOVED,
    ),
    "revoked": (
        Status.REVOKED, NO_EVALUATION, NOT_CURRENT,
        NOT_SUSPENDED, ALREADY_REVOKED, Status.REMOVED,
    ),
    "removed": (REMOVED,) * len(COMMANDS),
}  # fmt: skip


def at_stage(state: str, era: str) -> tuple[Product, date]:
    """A product in ``state`` under the era's criteria set, and the day of the next command."""
    if state == "expired":
        product = stages.certified(era)
        return product, stages.after_expiry(product)
    if state == "suspended-then-expired":
        product = stages.suspended(era)
        return product, stages.after_expiry(product)
    build: dict[str, Callable[[str], Product]] = {
        "participating": stages.registered,
        "evaluated": stages.evaluated,
        "certified": stages.certified,
        "suspended": stages.suspended,
        "revoked": stages.revoked,
        "removed": stages.removed,
    }
    product = build[state](era)
    return product, stages.later(product, 30)


CASES = [
    pytest.param(era, state, command, outcome, id=f"{era}:{state}:{command}")
    for era in ERAS
    for state, outcomes in TRANSITIONS.items()
    for command, outcome in zip(COMMANDS, outcomes, strict=True)
]


@pytest.mark.parametrize(("era", "state", "command", "outcome"), CASES)
def test_every_command_from_every_state_under_every_criteria_set(
    era: str, state: str, command: str, outcome: Status | stages.Refusal
) -> None:
    product, day = at_stage(state, era)
    version = product.version
    if isinstance(outcome, Status):
        handed_up = stages.hand_ups(product, Level.PROVINCE, day) if command == "evaluate" else []
        stages.attempt(command, product, day)()
        assert product.version == version + 1 + len(handed_up)
        assert product.last_effective_on == day
        assert product.status_on(day) is outcome
    else:
        error, code = outcome
        stages.assert_refused(product, error, code, stages.attempt(command, product, day))


@pytest.mark.parametrize("era", list(ERAS))
def test_a_certificate_reads_as_expired_the_day_after_its_valid_until_date(era: str) -> None:
    product = stages.certified(era)
    assert product.certificate is not None
    last_day = product.certificate.valid_until
    assert product.status_on(last_day) is Status.CERTIFIED
    assert product.status_on(date.fromordinal(last_day.toordinal() + 1)) is Status.EXPIRED
