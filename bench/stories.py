"""The products the benchmarks load: ten events each, through the register's own commands.

Every product lives the same ten-event story (registered under 1048, certified, suspended
and reinstated, renewed, re-certified under 148) and ends in one of three ways, so the
register holds certified, suspended and revoked products in equal thirds.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from lifecycle.commands import (
    IssueCertificate,
    ProductCommand,
    RecordEvaluation,
    RegisterProduct,
    ReinstateCertificate,
    RevokeCertificate,
    SuspendCertificate,
)
from lifecycle.values import Actor, Level, Location, Owner, OwnerKind, RevocationReason, Role
from registry.service import Order

PROVINCE = "Quảng Ninh"
DISTRICTS = ("Uông Bí", "Đông Triều", "Hạ Long", "Móng Cái", "Tiên Yên", "Đầm Hà", "Vân Đồn")
OFFICE = Actor("bench-van-phong-ocop", Role.PROGRAMME_OFFICE, PROVINCE)
COUNCIL = Actor("bench-hd-ocop-tinh", Role.EVALUATION_COUNCIL, PROVINCE, Level.PROVINCE)
AUTHORITY = Actor("bench-ubnd-tinh", Role.CERTIFYING_AUTHORITY, PROVINCE, Level.PROVINCE)
INSPECTOR = Actor("bench-thanh-tra", Role.INSPECTOR, PROVINCE)
EVENTS_PER_PRODUCT = 10
CURRENT_CERTIFICATE = 3  # every story issues three certificates; the third is current
AS_OF = date(2021, 6, 1)  # a date in every product's past: certified under 1048


def code_of(n: int) -> str:
    """The code of the n-th loaded product."""
    return f"QN-{n:06d}"


def registration(code: str, n: int, on: date = date(2019, 9, 2)) -> RegisterProduct:
    """A Quảng Ninh cooperative's product joining the programme under Decision 1048."""
    return RegisterProduct(
        code=code,
        name=f"Sản phẩm thử nghiệm số {n}",
        owner=Owner(f"57{n:08d}", f"HTX thử nghiệm {n}", OwnerKind.COOPERATIVE),
        location=Location(PROVINCE, DISTRICTS[n % len(DISTRICTS)], f"Xã {n % 97}"),
        group=("food", "beverages")[n % 2],
        effective_on=on,
    )


def evaluation(on: date, points: tuple[int, int, int], minutes: str) -> RecordEvaluation:
    """A provincial council's evaluation meeting the mandatory criteria."""
    scores = dict(zip("ABC", points, strict=True))
    return RecordEvaluation(effective_on=on, points=scores, mandatory_met=True, minutes_ref=minutes)


def suspension(on: date, deadline: date) -> SuspendCertificate:
    """An inspection that found the committed quality unmet."""
    return SuspendCertificate(
        effective_on=on,
        inspection_ref="45/BB-KT",
        findings="Hàm lượng kiểm nghiệm thấp hơn mức đã công bố",
        reason="Chất lượng không đạt như cam kết",
        corrective_deadline=deadline,
    )


def certificate(on: date, decision: str) -> IssueCertificate:
    """A provincial People's Committee's 4-star decision."""
    return IssueCertificate(effective_on=on, stars=4, decision_ref=decision)


def story(n: int) -> Iterator[Order]:
    """The ten orders of the n-th product, in the order they took effect."""
    code = code_of(n)
    endings: list[tuple[Actor, ProductCommand]] = [
        (INSPECTOR, suspension(date(2025, 1, 10), date(2025, 4, 10))),
        (COUNCIL, evaluation(date(2025, 8, 1), (36, 21, 30), "19/BB-HĐOCOP")),
        (AUTHORITY, RevokeCertificate(
            effective_on=date(2025, 2, 1), decision_ref="220/QĐ-UBND",
            reason=RevocationReason.PRODUCTION_STOPPED)),
    ]  # fmt: skip
    changes: list[tuple[Actor, ProductCommand]] = [
        (COUNCIL, evaluation(date(2019, 10, 1), (30, 20, 30), "12/BB-HĐOCOP")),
        (AUTHORITY, certificate(date(2019, 11, 1), "2656/QĐ-UBND")),
        (INSPECTOR, suspension(date(2020, 2, 10), date(2020, 4, 30))),
        (INSPECTOR, ReinstateCertificate(
            effective_on=date(2020, 4, 20), reinspection_ref="52/BB-KT",
            corrected="Đã chuẩn hóa quy trình")),
        (COUNCIL, evaluation(date(2022, 9, 1), (30, 20, 30), "31/BB-HĐOCOP")),
        (AUTHORITY, certificate(date(2022, 10, 1), "3120/QĐ-UBND")),
        (COUNCIL, evaluation(date(2024, 3, 1), (35, 20, 30), "07/BB-HĐOCOP")),
        (AUTHORITY, certificate(date(2024, 4, 1), "1042/QĐ-UBND")),
        endings[n % len(endings)],
    ]  # fmt: skip
    yield Order(OFFICE, registration(code, n))
    for actor, command in changes:
        yield Order(actor, command, code)


def orders(first: int, count: int) -> Iterator[Order]:
    """The stories of products ``first`` to ``first + count - 1``, product after product."""
    for n in range(first, first + count):
        yield from story(n)
