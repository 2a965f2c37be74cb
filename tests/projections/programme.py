"""Stories of the OCOP programme, told to a register through its use cases (never event rows).

The commands and principals are the shared builders' (``seed.builders``); each story step
here is made by the principal whose role it is, councils and authorities at the level the
criteria set in force makes competent for the stars asked for. References name the product
and the day, so that a test can find them in what the read side shows.
"""

from __future__ import annotations

from datetime import date, timedelta

from lifecycle.values import Location, Owner, OwnerKind, RevocationReason
from registry.service import Recorded, Registry
from seed import builders as make
from seed import corrections as fix
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
    return registry.register_product(make.office(province), command)


def evaluate(
    registry: Registry, code: str, stars: int, on: date, province: str = QUANG_NINH
) -> Recorded:
    """The competent council scores the product in the band of ``stars``."""
    scores = make.evaluation(on, make.TOTAL_FOR_STARS[stars], minutes_ref=f"BB-{code}-{on:%Y%m%d}")
    return registry.change(
        code, make.council(make.competent_level(stars, on, province), province), scores
    )


def certify(
    registry: Registry, code: str, stars: int, on: date, province: str = QUANG_NINH
) -> Recorded:
    """The competent council scores the product, then the authority certifies it."""
    evaluate(registry, code, stars, on, province)
    decision = make.certificate(on, stars, f"{on.day}/QĐ-UBND")
    return registry.change(
        code, make.authority(make.competent_level(stars, on, province), province), decision
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
        code, make.authority(make.competent_level(stars, on, province), province), decision
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
    return registry.change(code, make.office(province), decision)


def correct(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """The programme office corrects the product's misspelt name and its commune."""
    name = f"{registry.product(code).name} (đã sửa {on:%d/%m/%Y})"
    command = fix.correction(on, name=name, commune="Hà Khẩu", decision_ref=f"SUA-{code}")
    return registry.change(code, make.office(province), command)


def transfer(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """The programme office records the product's transfer to a new enterprise."""
    owner = Owner(f"org:{code}:{on}", f"Công ty {code} {on:%Y%m%d}", OwnerKind.ENTERPRISE)
    return registry.change(
        code, make.office(province), fix.transfer(on, owner, decision_ref=f"CHUYEN-{code}")
    )


def extend(registry: Registry, code: str, on: date, province: str = QUANG_NINH) -> Recorded:
    """An inspector gives a suspended product 20 more days to correct the breach."""
    certificate = registry.product(code).certificate
    deadline = certificate.corrective_deadline if certificate else None
    later = (deadline or on) + timedelta(days=20)
    return registry.change(code, make.inspector(province), fix.extension(on, later))
