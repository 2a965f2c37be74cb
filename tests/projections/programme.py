"""Stories of the OCOP programme, told to a register through its use cases (never event rows).

The commands and principals are the shared builders' (``seed.builders``); each story step
here is made by the principal whose role it is (of the province standing that day: Tuyên
Quang's for a Hà Giang product from 1 July 2025), councils and authorities at the level the
criteria set in force makes competent for the stars asked for. References name the product
and the day, so that a test can find them in what the read side shows.
"""

from __future__ import annotations

from datetime import date, timedelta

from lifecycle.places import province_on
from lifecycle.values import Location, Owner, OwnerKind, RevocationReason
from registry.service import Recorded, Registry
from seed import builders as make, corrections as fix
from seed.renewal_builders import renewal_notice

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
    return registry.register_product(make.office(province_on(province, on)), command)


def evaluate(
    registry: Registry, code: str, stars: int, on: date, province: str = QUANG_NINH
) -> Recorded:
    """The competent council scores the product in the band of ``stars``, once the councils
    below have scored it and handed it up as the set in force asks (all on ``on``)."""
    total, level = make.TOTAL_FOR_STARS[stars], make.competent_level(stars, on, province)
    for actor, command in make.steps_to(level, on, total, province):
        registry.change(code, actor, command)
    scores = make.evaluation(on, total, minutes_ref=f"BB-{code}-{on:%Y%m%d}")
    return registry.change(code, make.council(level, province_on(province, on)), scores)


def certify(
    registry: Registry, code: str, stars: int, on: date, province: str = QUANG_NINH
) -> Recorded:
    """The competent council scores the product, then the authority certifies it."""
    evaluate(registry, code, stars, on, province)
    decision = make.certificate(on, stars, f"{on.day}/QĐ-UBND")
    return registry.change(
        code,
        make.authority(make.competent_level(stars, on, province), province_on(province, on)),
        decision,
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
    return registry.change(code, make.inspector(province_on(province, on)), inspection)


def reinstate(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """An inspector reinstates the certificate after re-inspection."""
    reinspection = make.reinstatement(
        on, reinspection_ref=f"TKT-{code}-{on:%Y%m%d}", corrected="Đã sửa nhãn"
    )
    return registry.change(code, make.inspector(province_on(province, on)), reinspection)


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
        code,
        make.authority(make.competent_level(stars, on, province), province_on(province, on)),
        decision,
    )


def give_notice(
    registry: Registry, code: str, stars: int, on: date, province: str = QUANG_NINH
) -> Recorded:
    """The authority competent for ``stars`` gives notice that the certificate ends."""
    notice = renewal_notice(on, notice_ref=f"TB-{code}-{on:%Y%m%d}")
    return registry.change(code, make.authority(make.competent_level(stars, on), province), notice)


def remove(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """The programme office takes the product out of the programme."""
    decision = make.removal(on, decision_ref=f"LOAI-{code}")
    return registry.change(code, make.office(province_on(province, on)), decision)


def correct(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """The programme office corrects the product's misspelt name and its commune."""
    name = f"{registry.product(code).name} (đã sửa {on:%d/%m/%Y})"
    command = fix.correction(on, name=name, commune="Hà Khẩu", decision_ref=f"SUA-{code}")
    return registry.change(code, make.office(province_on(province, on)), command)


def transfer(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """The programme office records the product's transfer to a new enterprise."""
    owner = Owner(f"org:{code}:{on}", f"Công ty {code} {on:%Y%m%d}", OwnerKind.ENTERPRISE)
    return registry.change(
        code,
        make.office(province_on(province, on)),
        fix.transfer(on, owner, decision_ref=f"CHUYEN-{code}"),
    )


def extend(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """An inspector gives a suspended product 20 more days to correct the breach."""
    certificate = registry.product(code).certificate
    deadline = certificate.corrective_deadline if certificate else None
    later = (deadline or on) + timedelta(days=20)
    return registry.change(
        code, make.inspector(province_on(province, on)), fix.extension(on, later)
    )


def rename_place(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """The programme office records the product's place under the province it lies in that
    day, without a district (there are none from 1 July 2025), its commune kept."""
    where = registry.product(code).location
    new = Location(province_on(where.province, on), "", where.commune)
    command = make.place_renamed(on, new, decision_ref=f"NQ-{code}-{on:%Y%m%d}")
    return registry.change(code, make.office(province_on(province, on)), command)
