"""Stories of the OCOP programme, told through the register's commands (never event rows).

Actors act for one province; councils and authorities at the level the criteria set in
force makes competent for the stars asked for.
"""

from __future__ import annotations

from datetime import date

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
from registry.service import Recorded, Registry

QUANG_NINH = "Quảng Ninh"
SCORE_FOR = {3: 60, 4: 80, 5: 95}


def office(province: str = QUANG_NINH) -> Actor:
    return Actor(f"office:{province}", Role.PROGRAMME_OFFICE, province)


def inspector(province: str = QUANG_NINH) -> Actor:
    return Actor(f"inspector:{province}", Role.INSPECTOR, province)


def competent_level(stars: int, day: date) -> Level:
    """The level that certifies ``stars`` under the criteria set in force on ``day``."""
    criteria = criteria_in_force(day)
    assert criteria is not None
    return next(level for level, certified in criteria.certifiers.items() if stars in certified)


def council(stars: int, day: date, province: str = QUANG_NINH) -> Actor:
    level = competent_level(stars, day)
    return Actor(f"council:{province}:{level.value}", Role.EVALUATION_COUNCIL, province, level)


def authority(stars: int, day: date, province: str = QUANG_NINH) -> Actor:
    level = competent_level(stars, day)
    return Actor(f"ubnd:{province}:{level.value}", Role.CERTIFYING_AUTHORITY, province, level)


def points_for(total: int, day: date) -> dict[str, int]:
    """Points per criteria part that add up to ``total`` under the set in force."""
    criteria = criteria_in_force(day)
    assert criteria is not None
    points = {part: most * total // 100 for part, most in criteria.part_maxima.items()}
    for part, most in criteria.part_maxima.items():
        points[part] += min(most - points[part], total - sum(points.values()))
    return points


def register(
    registry: Registry,
    code: str,
    name: str,
    on: date,
    *,
    owner: str = "HTX Nông nghiệp Đồng Tâm",
    owner_id: str | None = None,
    province: str = QUANG_NINH,
    district: str = "Hạ Long",
    commune: str = "Đồng Lâm",
    group: str = "food",
) -> Recorded:
    """A programme office registers a product."""
    command = RegisterProduct(
        effective_on=on,
        code=code,
        name=name,
        group=group,
        owner=Owner(owner_id or f"org:{owner}", owner, OwnerKind.COOPERATIVE),
        location=Location(province, district, commune),
    )
    return registry.register_product(office(province), command)


def evaluate(
    registry: Registry, code: str, stars: int, on: date, province: str = QUANG_NINH
) -> Recorded:
    """The competent council scores the product in the band of ``stars``."""
    command = RecordEvaluation(
        effective_on=on,
        points=points_for(SCORE_FOR[stars], on),
        mandatory_met=True,
        minutes_ref=f"BB-{code}-{on:%Y%m%d}",
    )
    return registry.change(code, council(stars, on, province), command)


def certify(
    registry: Registry, code: str, stars: int, on: date, province: str = QUANG_NINH
) -> Recorded:
    """The competent council scores the product, then the authority certifies it."""
    evaluate(registry, code, stars, on, province)
    command = IssueCertificate(effective_on=on, stars=stars, decision_ref=f"{on.day}/QĐ-UBND")
    return registry.change(code, authority(stars, on, province), command)


def suspend(
    registry: Registry,
    code: str,
    on: date,
    deadline: date,
    reason: str = "Nhãn sai quy định",
    province: str = QUANG_NINH,
) -> Recorded:
    """An inspector suspends the certificate after an inspection found a breach."""
    command = SuspendCertificate(
        effective_on=on,
        inspection_ref=f"KT-{code}-{on:%Y%m%d}",
        findings="Kiểm tra định kỳ",
        reason=reason,
        corrective_deadline=deadline,
    )
    return registry.change(code, inspector(province), command)


def reinstate(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """An inspector reinstates the certificate after re-inspection."""
    command = ReinstateCertificate(
        effective_on=on, reinspection_ref=f"TKT-{code}-{on:%Y%m%d}", corrected="Đã sửa nhãn"
    )
    return registry.change(code, inspector(province), command)


def revoke(
    registry: Registry,
    code: str,
    stars: int,
    on: date,
    province: str = QUANG_NINH,
    reason: RevocationReason = RevocationReason.BREACH_OF_REGULATION,
) -> Recorded:
    """The authority competent for ``stars`` withdraws the certificate."""
    command = RevokeCertificate(effective_on=on, decision_ref=f"THU-{code}", reason=reason)
    return registry.change(code, authority(stars, on, province), command)


def remove(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """The programme office takes the product out of the programme."""
    command = RemoveProduct(
        effective_on=on, decision_ref=f"LOAI-{code}", reason=RemovalReason.NO_LONGER_PRODUCED
    )
    return registry.change(code, office(province), command)
