"""Who may change what: one role per change, provincial principals only in their own province.

Central councils and the ministry act for every province; auditors read everything and
write nothing.
"""

from __future__ import annotations

from datetime import date

import pytest

from lifecycle import errors
from lifecycle.authority import (
    Change,
    check_may_make,
    check_may_read,
    check_may_read_the_log,
    check_may_watch_the_projector,
)
from lifecycle.values import Actor, Level, Role

# The SPEC's table of who does what, restated role by role.
CHANGES_BY = {
    Role.PROGRAMME_OFFICE: {
        Change.REGISTER,
        Change.REMOVE,
        Change.CORRECT,
        Change.TRANSFER,
        Change.RENAME_PLACE,
    },
    # A council also hands on what it scored (issue 11 item 5: forwarding, potential 5★).
    Role.EVALUATION_COUNCIL: {Change.EVALUATE, Change.FORWARD, Change.PROPOSE},
    # The issuing body gives notice of a certificate's end (148/QĐ-TTg).
    Role.CERTIFYING_AUTHORITY: {Change.CERTIFY, Change.REVOKE, Change.GIVE_NOTICE},
    Role.INSPECTOR: {Change.SUSPEND, Change.REINSTATE, Change.EXTEND_DEADLINE},
}
ROLE_FOR = {change: role for role, changes in CHANGES_BY.items() for change in changes}
LEVELLED = {Role.EVALUATION_COUNCIL, Role.CERTIFYING_AUTHORITY}
CENTRAL_CHANGES = [Change.EVALUATE, Change.CERTIFY, Change.REVOKE]
DAY = date(2024, 6, 1)  # before the provinces merged and the districts ended


def principal(role: Role, province: str | None = "QN", level: Level | None = None) -> Actor:
    """A principal of ``role``; councils and authorities act at the provincial level unless told."""
    if level is None and role in LEVELLED:
        level = Level.PROVINCE
    return Actor(f"{role.value}-1", role, province, level)


def assert_not_permitted(actor: Actor, change: Change, province: str, code: str) -> None:
    with pytest.raises(errors.NotPermitted) as refused:
        check_may_make(actor, change, province, DAY)
    assert refused.value.code == code


@pytest.mark.parametrize("change", list(Change))
@pytest.mark.parametrize("role", list(Role))
def test_each_change_is_made_by_exactly_one_role(change: Change, role: Role) -> None:
    actor = principal(role)
    if role is ROLE_FOR[change]:
        check_may_make(actor, change, "QN", DAY)
    else:
        assert_not_permitted(actor, change, "QN", "role-not-permitted")


@pytest.mark.parametrize("change", list(Change))
@pytest.mark.parametrize("level", [Level.DISTRICT, Level.PROVINCE])
def test_a_provincial_principal_acts_only_on_products_of_its_own_province(
    change: Change, level: Level
) -> None:
    role = ROLE_FOR[change]
    actor = principal(role, "QN", level if role in LEVELLED else None)
    check_may_make(actor, change, "QN", DAY)
    assert_not_permitted(actor, change, "HN", "outside-jurisdiction")


@pytest.mark.parametrize("change", CENTRAL_CHANGES)
@pytest.mark.parametrize("province", ["QN", "HN", "LC"])
def test_central_councils_and_the_ministry_act_in_every_province(
    change: Change, province: str
) -> None:
    check_may_make(principal(ROLE_FOR[change], None, Level.CENTRAL), change, province, DAY)


@pytest.mark.parametrize("change", [Change.CERTIFY, Change.SUSPEND, Change.REGISTER])
def test_a_central_council_still_may_not_make_another_roles_change(change: Change) -> None:
    actor = principal(Role.EVALUATION_COUNCIL, None, Level.CENTRAL)
    assert_not_permitted(actor, change, "QN", "role-not-permitted")


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.PROGRAMME_OFFICE])
def test_inspectors_and_programme_offices_are_never_central(role: Role) -> None:
    change = Change.SUSPEND if role is Role.INSPECTOR else Change.REGISTER
    for actor in (principal(role, None), principal(role, None, Level.CENTRAL)):
        assert_not_permitted(actor, change, "QN", "outside-jurisdiction")


@pytest.mark.parametrize("role", sorted(LEVELLED, key=lambda role: role.value))
def test_a_council_or_authority_must_state_its_level(role: Role) -> None:
    change = Change.EVALUATE if role is Role.EVALUATION_COUNCIL else Change.CERTIFY
    actor = Actor("nameless", role, "QN", None)
    assert_not_permitted(actor, change, "QN", "role-not-permitted")


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.ADMIN])
@pytest.mark.parametrize("change", list(Change))
def test_auditors_and_administrators_write_nothing(role: Role, change: Change) -> None:
    assert_not_permitted(principal(role, None), change, "QN", "role-not-permitted")


@pytest.mark.parametrize("province", ["QN", "HN"])
def test_auditors_and_central_principals_read_every_province(province: str) -> None:
    check_may_read(principal(Role.AUDITOR, None), province, DAY)
    check_may_read(principal(Role.CERTIFYING_AUTHORITY, None, Level.CENTRAL), province, DAY)


@pytest.mark.parametrize("role", [Role.PROGRAMME_OFFICE, Role.INSPECTOR, Role.EVALUATION_COUNCIL])
def test_other_principals_read_only_their_own_province(role: Role) -> None:
    actor = principal(role, "QN")
    check_may_read(actor, "QN", DAY)
    with pytest.raises(errors.OutsideJurisdiction) as refused:
        check_may_read(actor, "HN", DAY)
    assert refused.value.code == "outside-jurisdiction"


@pytest.mark.parametrize("role", list(Role))
def test_only_auditors_read_the_global_audit_trail(role: Role) -> None:
    actor = principal(role, None if role is Role.AUDITOR else "QN", None)
    if role is Role.AUDITOR:
        check_may_read_the_log(actor)
    else:
        with pytest.raises(errors.RoleNotPermitted):
            check_may_read_the_log(actor)


@pytest.mark.parametrize("role", list(Role))
def test_only_auditors_and_administrators_watch_the_projector(role: Role) -> None:
    actor = principal(role, None, None)
    if role in (Role.AUDITOR, Role.ADMIN):
        check_may_watch_the_projector(actor)
    else:
        with pytest.raises(errors.RoleNotPermitted):
            check_may_watch_the_projector(actor)
