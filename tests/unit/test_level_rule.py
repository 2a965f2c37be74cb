"""Councils and certifying authorities act at a stated level: one rule, in one home
(``lifecycle.authority.check_acts_at_a_level``), asked by who-may-act and by the product."""

from __future__ import annotations

import pytest

from lifecycle import authority, errors, rules
from lifecycle.authority import Change, check_acts_at_a_level, check_may_make
from lifecycle.values import Actor, Level, Role
from seed.builders import certificate, evaluation
from tests.unit.eras import TODAY
from tests.unit.stages import evaluated, later, registered

UNLEVELLED_COUNCIL = Actor("council-1", Role.EVALUATION_COUNCIL, "QN")
UNLEVELLED_AUTHORITY = Actor("committee-1", Role.CERTIFYING_AUTHORITY, "QN")


def test_the_level_rule_lives_in_authority_only() -> None:
    assert not hasattr(rules, "check_acts_at_a_level")
    assert check_acts_at_a_level is authority.check_acts_at_a_level


@pytest.mark.parametrize("level", list(Level))
def test_a_stated_level_is_the_level_acted_at(level: Level) -> None:
    assert check_acts_at_a_level(Actor("council-1", Role.EVALUATION_COUNCIL, "QN", level)) is level


@pytest.mark.parametrize(
    ("actor", "change"),
    [(UNLEVELLED_COUNCIL, Change.EVALUATE), (UNLEVELLED_AUTHORITY, Change.CERTIFY)],
)
def test_an_unlevelled_council_or_authority_may_not_act(actor: Actor, change: Change) -> None:
    with pytest.raises(errors.RoleNotPermitted, match="must act at a stated level") as direct:
        check_acts_at_a_level(actor)
    with pytest.raises(errors.RoleNotPermitted) as asked:
        check_may_make(actor, change, "QN", TODAY)
    assert asked.value.message == direct.value.message


def test_the_product_refuses_an_unlevelled_council_and_authority_by_the_same_rule() -> None:
    product = registered("148-2023")
    with pytest.raises(errors.RoleNotPermitted, match="must act at a stated level"):
        product.evaluate(evaluation(later(product)), UNLEVELLED_COUNCIL, TODAY)
    product = evaluated("148-2023")
    with pytest.raises(errors.RoleNotPermitted, match="must act at a stated level"):
        product.certify(certificate(later(product), 4), UNLEVELLED_AUTHORITY, TODAY)


def test_a_principal_without_a_levelled_role_needs_no_level() -> None:
    check_may_make(Actor("office-qn", Role.PROGRAMME_OFFICE, "QN"), Change.REGISTER, "QN", TODAY)
