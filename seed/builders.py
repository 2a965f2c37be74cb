"""The programme's vocabulary for stories: who acts, and the commands they make.

One set of builders for the tests, the seed data and the benchmark. Every builder has
defaults that tell one product's story: Tinh dầu trầu tiên Yên Tử, registered by Quảng
Ninh's programme office on 2 September 2019, scored by the provincial council, certified at
4 stars under the province's own set (978/QĐ-UBND: Quảng Ninh applied 1048 from 2020),
suspended after an inspection and reinstated in 2020, then revoked and removed. A story
elsewhere in time passes its own dates; anything else may be overridden (the offices'
corrections are in ``seed.corrections``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal

from lifecycle import commands
from lifecycle.legacy_sets import GENERIC_LEGACY, criteria_for, set_by_id
from lifecycle.values import Location, Owner, OwnerKind, RemovalReason, RevocationReason, ScoreSheet
from seed.hand_offs import Step, forwarding, proposal, steps_to
from seed.principals import QUANG_NINH, authority, competent_level, council, inspector, office

CODE = "QN-0001"
NAME = "Tinh dầu trầu tiên Yên Tử"
OWNER = Owner("5700101234", "HTX Yên Tử", OwnerKind.COOPERATIVE)
LOCATION = Location(QUANG_NINH, "Uông Bí", "Thượng Yên Công")
# The group of herbal products, by the name each criteria set gives it.
HERBAL = ("herbal-products", "medicinal-herbs")
TOTAL_FOR_STARS = {3: 60, 4: 80, 5: 95}
CORRECTED = "New distillation line; lab test meets the standard"
__all__ = ["QUANG_NINH", "authority", "competent_level", "council", "forwarding", "inspector"]
__all__ += ["Step", "office", "proposal", "steps_to"]
# When each step of the default story took effect.
REGISTERED_ON, EVALUATED_ON, CERTIFIED_ON = date(2019, 9, 2), date(2019, 10, 1), date(2019, 11, 1)
SUSPENDED_ON, REINSTATED_ON = date(2020, 2, 10), date(2020, 4, 20)
REVOKED_ON, REMOVED_ON = date(2020, 6, 1), date(2020, 6, 15)


def points_for(total: int | Decimal, day: date, province: str = QUANG_NINH) -> dict[str, Decimal]:
    """Points per criteria part that add up to ``total`` under the set in force on ``day``
    (before the province's first set, the generic one's parts: the register refuses it)."""
    criteria = criteria_for(province, day) or set_by_id(GENERIC_LEGACY)
    points = {part: Decimal(most * total // 100) for part, most in criteria.part_maxima.items()}
    for part, most in criteria.part_maxima.items():
        points[part] += min(most - points[part], total - sum(points.values()))
    return points


def herbal_group(day: date, province: str = QUANG_NINH) -> str:
    """The herbal products' group under the set in force on ``day``."""
    criteria = criteria_for(province, day)
    groups = criteria.groups if criteria else HERBAL
    return next(group for group in HERBAL if group in groups)


# Commands.


def registration(
    on: date = REGISTERED_ON,
    code: str = CODE,
    *,
    name: str = NAME,
    owner: Owner = OWNER,
    location: Location = LOCATION,
    group: str | None = None,
    subgroup: str | None = None,
    note: str = "",
) -> commands.RegisterProduct:
    """A product joining the programme: in the herbal group of its day, its essential oils,
    unless told its group (then no sub-group unless told)."""
    return commands.RegisterProduct(
        effective_on=on,
        code=code,
        name=name,
        owner=owner,
        location=location,
        group=group or herbal_group(on, location.province),
        subgroup=subgroup if subgroup is not None else "" if group else "essential-oils",
        note=note,
    )


def evaluation(
    on: date = EVALUATED_ON,
    total: int | Decimal = TOTAL_FOR_STARS[4],
    *,
    bonus: Mapping[str, int | Decimal] | None = None,
    mandatory_met: bool | None = None,
    mandatory_met_for: tuple[int, ...] | None = None,
    points: Mapping[str, int | Decimal] | None = None,
    minutes_ref: str | None = None,
    note: str = "",
    sheets: tuple[ScoreSheet, ...] = (),
    council_members: int | None = None,
    group: str = "",
    subgroup: str = "",
) -> commands.RecordEvaluation:
    """A council's scores totalling ``total`` (bonus by kind included) under the set in force,
    or its members' ``sheets`` instead; every star level's mandatory criteria met unless told.
    A ``group`` (and ``subgroup``) names the product's under that set when its own is not."""
    bonus = dict(bonus or {})
    scored = points if points is not None else points_for(total - sum(bonus.values()), on)
    if sheets:  # the council's points are its members', averaged by the register
        scored = points or {}
    if mandatory_met is None and mandatory_met_for is None:
        mandatory_met = True
    return commands.RecordEvaluation(
        effective_on=on,
        points={part: Decimal(value) for part, value in scored.items()},
        bonus={kind: Decimal(value) for kind, value in bonus.items()},
        mandatory_met=mandatory_met,
        mandatory_met_for=mandatory_met_for,
        minutes_ref=minutes_ref or f"BB-{on:%Y%m%d}",
        note=note,
        sheets=sheets,
        council_members=council_members,
        group=group,
        subgroup=subgroup,
    )


def sheet(
    member: str,
    total: int | Decimal,
    on: date = EVALUATED_ON,
    *,
    bonus: Mapping[str, int | Decimal] | None = None,
) -> ScoreSheet:
    """One council member's sheet totalling ``total`` (bonus by kind included)."""
    bonus = dict(bonus or {})
    points = points_for(total - sum(bonus.values()), on)
    return ScoreSheet(member, points, {kind: Decimal(value) for kind, value in bonus.items()})


def certificate(
    on: date = CERTIFIED_ON, stars: int = 4, decision_ref: str = "2656/QĐ-UBND"
) -> commands.IssueCertificate:
    """The decision certifying the product at ``stars``."""
    return commands.IssueCertificate(effective_on=on, stars=stars, decision_ref=decision_ref)


def suspension(
    on: date = SUSPENDED_ON,
    days_to_correct: int = 80,
    *,
    inspection_ref: str = "45/BB-KT",
    findings: str = "Essential oil content below the committed standard",
    reason: str = "Product quality below the committed standard",
) -> commands.SuspendCertificate:
    """An inspection that found a breach, to be corrected within ``days_to_correct``."""
    return commands.SuspendCertificate(
        effective_on=on,
        inspection_ref=inspection_ref,
        findings=findings,
        reason=reason,
        corrective_deadline=on + timedelta(days=days_to_correct),
    )


def reinstatement(
    on: date = REINSTATED_ON, *, reinspection_ref: str = "52/BB-KT", corrected: str = CORRECTED
) -> commands.ReinstateCertificate:
    """The re-inspection that found the breach corrected."""
    return commands.ReinstateCertificate(
        effective_on=on, reinspection_ref=reinspection_ref, corrected=corrected
    )


def revocation(
    on: date = REVOKED_ON,
    reason: RevocationReason = RevocationReason.BREACH_OF_REGULATION,
    *,
    decision_ref: str = "1234/QĐ-UBND",
    note: str = "",
) -> commands.RevokeCertificate:
    """The decision withdrawing the certificate."""
    return commands.RevokeCertificate(
        effective_on=on, decision_ref=decision_ref, reason=reason, note=note
    )


def removal(
    on: date = REMOVED_ON,
    reason: RemovalReason = RemovalReason.NO_LONGER_PRODUCED,
    *,
    decision_ref: str = "789/QĐ-UBND",
) -> commands.RemoveProduct:
    """The programme office's decision taking the product out of the programme; final."""
    return commands.RemoveProduct(effective_on=on, decision_ref=decision_ref, reason=reason)


def place_renamed(
    on: date, location: Location, *, decision_ref: str = "202/2025/QH15"
) -> commands.RenamePlace:
    """The programme office records the product's place under its new names after a merger
    of provinces or communes (the resolution that made it); the business did not move."""
    return commands.RenamePlace(effective_on=on, location=location, decision_ref=decision_ref)
