"""Builders for the programme's stories: the principals who act and the commands they make.

Every story starts in an *era*, a date well inside one criteria set's period, and moves on
by a few days per event. The unit clock (``TODAY``) lies late enough that a certificate
issued under any criteria set, the latest included, can already have expired.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lifecycle.commands import (
    IssueCertificate,
    RecordEvaluation,
    RegisterProduct,
    ReinstateCertificate,
    RemoveProduct,
    RevokeCertificate,
    SuspendCertificate,
)
from lifecycle.criteria import criteria_in_force
from lifecycle.values import (
    Actor,
    Level,
    Location,
    Owner,
    OwnerKind,
    RemovalReason,
    RevocationReason,
    Role,
)

TODAY = date(2029, 12, 31)
CODE = "QN-0123"
ERAS: dict[str, date] = {
    "provincial-legacy": date(2015, 3, 2),
    "1048-2019": date(2019, 9, 2),
    "148-2023": date(2023, 3, 1),
    "1489-2025": date(2025, 7, 7),
}
ALL_ERAS = pytest.mark.parametrize("era", list(ERAS))
TOTAL_FOR_STARS = {3: 60, 4: 80, 5: 95}


# Principals.


def office(province: str = "QN") -> Actor:
    return Actor(f"office-{province.lower()}", Role.PROGRAMME_OFFICE, province)


def council(level: Level = Level.PROVINCE, province: str = "QN") -> Actor:
    where = None if level is Level.CENTRAL else province
    return Actor(f"council-{level.value}", Role.EVALUATION_COUNCIL, where, level)


def authority(level: Level = Level.PROVINCE, province: str = "QN") -> Actor:
    where = None if level is Level.CENTRAL else province
    return Actor(f"committee-{level.value}", Role.CERTIFYING_AUTHORITY, where, level)


def inspector(province: str = "QN") -> Actor:
    return Actor(f"inspector-{province.lower()}", Role.INSPECTOR, province)


# Commands.


def registration(on: date, code: str = CODE, group: str = "food") -> RegisterProduct:
    return RegisterProduct(
        effective_on=on,
        code=code,
        name="Nước mắm Cái Rồng",
        owner=Owner("0101234567", "HTX Cái Rồng", OwnerKind.COOPERATIVE),
        location=Location("QN", "Vân Đồn", "Cái Rồng"),
        group=group,
        subgroup="sauces",
        note="first entry",
    )


def spread(total: int, maxima: dict[str, int]) -> dict[str, int]:
    """Points per part adding up to ``total``, filling the parts in order."""
    points, left = {}, total
    for part, maximum in maxima.items():
        points[part] = min(left, maximum)
        left -= points[part]
    return points


def scores(
    on: date,
    total: int = 80,
    *,
    bonus: int = 0,
    mandatory_met: bool = True,
    points: dict[str, int] | None = None,
) -> RecordEvaluation:
    """A council's scores totalling ``total`` (bonus included) under the set in force."""
    criteria = criteria_in_force(on)
    assert criteria is not None
    return RecordEvaluation(
        effective_on=on,
        points=points if points is not None else spread(total - bonus, criteria.part_maxima),
        bonus=bonus,
        mandatory_met=mandatory_met,
        minutes_ref=f"BB-{on:%Y%m%d}",
    )


def decision(on: date, stars: int = 4) -> IssueCertificate:
    return IssueCertificate(effective_on=on, stars=stars, decision_ref="2656/QĐ-UBND")


def inspection(on: date, deadline_in_days: int = 30) -> SuspendCertificate:
    return SuspendCertificate(
        effective_on=on,
        inspection_ref="KL-17/2024",
        findings="label lacks traceability code",
        reason="breach of labelling rules",
        corrective_deadline=on + timedelta(days=deadline_in_days),
    )


def reinspection(on: date) -> ReinstateCertificate:
    return ReinstateCertificate(
        effective_on=on, reinspection_ref="KL-21/2024", corrected="labels reprinted"
    )


def revocation(on: date) -> RevokeCertificate:
    return RevokeCertificate(
        effective_on=on, decision_ref="88/QĐ-UBND", reason=RevocationReason.BREACH_OF_REGULATION
    )


def removal(on: date) -> RemoveProduct:
    return RemoveProduct(
        effective_on=on, decision_ref="99/QĐ-UBND", reason=RemovalReason.OWNER_REQUEST
    )
