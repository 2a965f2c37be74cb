"""Stories of the OCOP programme, told to a register through its use cases (never event rows).

The commands and principals are the shared builders' (``seed.builders``); each story step
here is made by the principal whose role it is, councils and authorities at the level the
criteria set in force makes competent for the stars asked for. References name the product
and the day, so that a test can find them in what the read side shows.
"""

from __future__ import annotations

from datetime import date

from lifecycle.values import Location, Owner, OwnerKind, RevocationReason
from registry.service import Recorded, Registry
from seed import builders as make

QUANG_NINH = make.QUANG_NINH


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
    command = make.registration(
        on,
        code,
        name=name,
        owner=Owner(owner_id or f"org:{owner}", owner, OwnerKind.COOPERATIVE),
        location=Location(province, district, commune),
        group=group,
        subgroup="",
    )
    return registry.register_product(make.office(province), command)


def evaluate(
    registry: Registry, code: str, stars: int, on: date, province: str = QUANG_NINH
) -> Recorded:
    """The competent council scores the product in the band of ``stars``, once the councils
    below have scored it and handed it up as the set in force asks (all on ``on``)."""
    total, level = make.TOTAL_FOR_STARS[stars], make.competent_level(stars, on)
    for actor, command in make.steps_to(level, on, total, province):
        registry.change(code, actor, command)
    scores = make.evaluation(on, total, minutes_ref=f"BB-{code}-{on:%Y%m%d}")
    return registry.change(code, make.council(level, province), scores)


def certify(
    registry: Registry, code: str, stars: int, on: date, province: str = QUANG_NINH
) -> Recorded:
    """The competent council scores the product, then the authority certifies it."""
    evaluate(registry, code, stars, on, province)
    decision = make.certificate(on, stars, f"{on.day}/QĐ-UBND")
    return registry.change(
        code, make.authority(make.competent_level(stars, on), province), decision
    )


def suspend(
    registry: Registry,
    code: str,
    on: date,
    deadline: date,
    reason: str = "Nhãn sai quy định",
    province: str = QUANG_NINH,
) -> Recorded:
    """An inspector suspends the certificate after an inspection found a breach."""
    inspection = make.suspension(
        on,
        (deadline - on).days,
        inspection_ref=f"KT-{code}-{on:%Y%m%d}",
        findings="Kiểm tra định kỳ",
        reason=reason,
    )
    return registry.change(code, make.inspector(province), inspection)


def reinstate(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """An inspector reinstates the certificate after re-inspection."""
    reinspection = make.reinstatement(
        on, reinspection_ref=f"TKT-{code}-{on:%Y%m%d}", corrected="Đã sửa nhãn"
    )
    return registry.change(code, make.inspector(province), reinspection)


def revoke(
    registry: Registry,
    code: str,
    stars: int,
    on: date,
    province: str = QUANG_NINH,
    reason: RevocationReason = RevocationReason.BREACH_OF_REGULATION,
) -> Recorded:
    """The authority competent for ``stars`` withdraws the certificate."""
    decision = make.revocation(on, reason, decision_ref=f"THU-{code}")
    return registry.change(
        code, make.authority(make.competent_level(stars, on), province), decision
    )


def remove(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """The programme office takes the product out of the programme."""
    decision = make.removal(on, decision_ref=f"LOAI-{code}")
    return registry.change(code, make.office(province), decision)
