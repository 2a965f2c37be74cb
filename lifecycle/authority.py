"""Who may change what: one role per change, and provincial principals only in their province
as it stood on the act's date; and which roles, levels and provinces make a principal at all."""

from __future__ import annotations

from datetime import date
from enum import Enum

from lifecycle import errors
from lifecycle.places import (
    DISTRICTS_ABOLISHED_ON,
    check_province_known,
    province_on,
    successor_named,
)
from lifecycle.values import Actor, Level, Role


class Change(Enum):
    """The changes a principal can make to a product's record."""

    REGISTER = "register"
    EVALUATE = "evaluate"
    CERTIFY = "certify"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"
    REVOKE = "revoke"
    REMOVE = "remove"
    CORRECT = "correct"
    TRANSFER = "transfer"
    EXTEND_DEADLINE = "extend-deadline"
    GIVE_NOTICE = "give-notice"
    RENAME_PLACE = "rename-place"
    FORWARD = "forward"
    PROPOSE = "propose"


ROLE_FOR: dict[Change, Role] = {
    Change.REGISTER: Role.PROGRAMME_OFFICE,
    Change.EVALUATE: Role.EVALUATION_COUNCIL,
    Change.CERTIFY: Role.CERTIFYING_AUTHORITY,
    Change.SUSPEND: Role.INSPECTOR,
    Change.REINSTATE: Role.INSPECTOR,
    Change.REVOKE: Role.CERTIFYING_AUTHORITY,
    Change.REMOVE: Role.PROGRAMME_OFFICE,
    Change.CORRECT: Role.PROGRAMME_OFFICE,
    Change.TRANSFER: Role.PROGRAMME_OFFICE,
    Change.EXTEND_DEADLINE: Role.INSPECTOR,
    Change.GIVE_NOTICE: Role.CERTIFYING_AUTHORITY,  # the issuing body gives notice
    Change.RENAME_PLACE: Role.PROGRAMME_OFFICE,
    # The council that scored hands the product on (lifecycle/handoffs.py says which way).
    Change.FORWARD: Role.EVALUATION_COUNCIL,
    Change.PROPOSE: Role.EVALUATION_COUNCIL,
}
LEVELLED_ROLES = frozenset({Role.EVALUATION_COUNCIL, Role.CERTIFYING_AUTHORITY})
# Roles that act for every province whatever their level (they change nothing).
NATIONAL_ROLES = frozenset({Role.AUDITOR, Role.ADMIN})


def check_principal_fits(role: Role, level: Level | None, province: str | None) -> None:
    """Councils and authorities act at a level, no other role does; every principal belongs
    to a province but central ones, auditors and administrators; central ones to none."""
    if role in LEVELLED_ROLES and level is None:
        raise errors.InvalidPrincipal(
            f"A {role.value} acts at a level: commune, district, province or central."
        )
    if role not in LEVELLED_ROLES and level is not None:
        raise errors.InvalidPrincipal(f"A {role.value} has no level.")
    if level is not Level.CENTRAL and role not in NATIONAL_ROLES and not province:
        raise errors.InvalidPrincipal(f"A {role.value} at this level belongs to a province.")
    if level is Level.CENTRAL and province:
        raise errors.InvalidPrincipal("Central principals act for every province: no province.")


def check_principal_may_be_made(
    role: Role, level: Level | None, province: str | None, day: date
) -> None:
    """A new principal (a key made on ``day``) fits the programme, names a known province
    and stands that day: none for a merged province (its successor is named) nor for a
    district. Keys made before the merger keep acting for acts dated before it."""
    check_principal_fits(role, level, province)
    if province:
        check_province_known(province)
    check_principal_stands(Actor("new", role, province, level), day)


def is_central(actor: Actor) -> bool:
    """Central councils and the ministry act for every province."""
    return actor.level is Level.CENTRAL and actor.role in LEVELLED_ROLES


def check_role_may_make(actor: Actor, change: Change) -> None:
    """Each change is made by exactly one role."""
    expected = ROLE_FOR[change]
    if actor.role is not expected:
        raise errors.RoleNotPermitted(
            f"A {actor.role.value} may not {change.value}; that is for the {expected.value}."
        )
    if actor.role in LEVELLED_ROLES:
        check_acts_at_a_level(actor)


def check_acts_at_a_level(actor: Actor) -> Level:
    """Councils and certifying authorities act at a stated level."""
    if actor.level is None:
        raise errors.RoleNotPermitted(f"A {actor.role.value} must act at a stated level.")
    return actor.level


def check_within_jurisdiction(actor: Actor, province: str, day: date) -> None:
    """Provincial and district principals act only on products of their own province, as
    the provinces stood on ``day`` (a Hà Giang product is Tuyên Quang's from 1/7/2025)."""
    if is_central(actor):
        return
    own = province_on(actor.province, day) if actor.province else None
    under = province_on(province, day)
    if own != under:
        formerly = f" (formerly {province})" if under != province else ""
        raise errors.OutsideJurisdiction(
            f"A principal of {actor.province or 'no province'} may not act on a product "
            f"of {under}{formerly} on {day}."
        )


def check_principal_stands(actor: Actor, day: date) -> None:
    """A principal acts only while its province stands, and a district one only while there
    are districts (until 30 June 2025)."""
    if actor.level is Level.DISTRICT and day >= DISTRICTS_ABOLISHED_ON:
        raise errors.DistrictLevelEnded(
            f"District principals do not act from {DISTRICTS_ABOLISHED_ON}; the act is dated {day}."
        )
    successor = successor_named(actor.province, day) if actor.province else None
    if successor is not None:
        raise errors.ProvinceNoLongerStands(
            f"{actor.province} no longer stands on {day}: its principals' acts from then are "
            f"{successor}'s."
        )


def check_may_make(actor: Actor, change: Change, province: str, day: date) -> None:
    """The actor has the role for the change, stands on the act's date and has jurisdiction
    over the product's province on that date."""
    check_role_may_make(actor, change)
    check_principal_stands(actor, day)
    check_within_jurisdiction(actor, province, day)


def check_may_open(actor: Actor, change: Change, province: str, day: date) -> None:
    """The actor has the role for the change and jurisdiction over the product's province on
    ``day``: a form may be drawn for it; whether the actor still stands is judged on the
    act's own date when the change is made (a district principal's act of June 2025)."""
    check_role_may_make(actor, change)
    check_within_jurisdiction(actor, province, day)


def check_may_read(actor: Actor, province: str, day: date) -> None:
    """Auditors and central principals read everything; others their own province's, as
    the provinces stand on ``day``."""
    if actor.role is not Role.AUDITOR:
        check_within_jurisdiction(actor, province, day)


def check_may_read_the_log(actor: Actor) -> None:
    """Only auditors read the global audit trail: every event of every province."""
    if actor.role is not Role.AUDITOR:
        raise errors.RoleNotPermitted("Only auditors read the global audit trail.")


def check_may_watch_the_projector(actor: Actor) -> None:
    """Auditors and administrators see how the projector is doing, failures' texts included."""
    if actor.role not in (Role.AUDITOR, Role.ADMIN):
        raise errors.RoleNotPermitted("Only auditors and administrators see the projector.")
