"""The products the benchmarks load: ten events each, through the register's own commands.

Every product lives the same ten-event story (registered under 1048, certified, suspended
and reinstated, renewed, re-certified under 148) and ends in one of three ways, so the
register holds certified, suspended and revoked products in equal thirds. The commands are
the shared builders' (``seed.builders``), whose defaults are this story's first year.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from lifecycle.commands import ProductCommand, RecordEvaluation, RegisterProduct
from lifecycle.values import Actor, Level, Location, Owner, OwnerKind, RevocationReason
from registry.service import Order
from seed import builders as make

PROVINCE = make.QUANG_NINH
DISTRICTS = ("Uông Bí", "Đông Triều", "Hạ Long", "Móng Cái", "Tiên Yên", "Đầm Hà", "Vân Đồn")
OFFICE = make.office(PROVINCE, "bench-van-phong-ocop")
COUNCIL = make.council(Level.PROVINCE, PROVINCE, "bench-hd-ocop-tinh")
AUTHORITY = make.authority(Level.PROVINCE, PROVINCE, "bench-ubnd-tinh")
INSPECTOR = make.inspector(PROVINCE, "bench-thanh-tra")
EVENTS_PER_PRODUCT = 10
CURRENT_CERTIFICATE = 3  # every story issues three certificates; the third is current
AS_OF = date(2021, 6, 1)  # a date in every product's past: certified under 1048
FINDINGS = "Hàm lượng kiểm nghiệm thấp hơn mức đã công bố"
REASON = "Chất lượng không đạt như cam kết"


def code_of(n: int) -> str:
    """The code of the n-th loaded product."""
    return f"QN-{n:06d}"


def registration(code: str, n: int) -> RegisterProduct:
    """A Quảng Ninh cooperative's product joining the programme under Decision 1048."""
    return make.registration(
        code=code,
        name=f"Sản phẩm thử nghiệm số {n}",
        owner=Owner(f"57{n:08d}", f"HTX thử nghiệm {n}", OwnerKind.COOPERATIVE),
        location=Location(PROVINCE, DISTRICTS[n % len(DISTRICTS)], f"Xã {n % 97}"),
        group=("food", "beverages")[n % 2],
        subgroup="",
    )


def evaluation(on: date, points: tuple[int, int, int], minutes: str) -> RecordEvaluation:
    """A provincial council's evaluation meeting the mandatory criteria."""
    return make.evaluation(on, points=dict(zip("ABC", points, strict=True)), minutes_ref=minutes)


def first_year() -> list[tuple[Actor, ProductCommand]]:
    """Evaluated, certified, suspended after an inspection (the builders' defaults, 2019-20)."""
    return [
        (COUNCIL, evaluation(make.EVALUATED_ON, (30, 20, 30), "12/BB-HĐOCOP")),
        (AUTHORITY, make.certificate()),
        (INSPECTOR, make.suspension(findings=FINDINGS, reason=REASON)),
    ]


def story(n: int) -> Iterator[Order]:
    """The ten orders of the n-th product, in the order they took effect."""
    code = code_of(n)
    endings: list[tuple[Actor, ProductCommand]] = [
        (INSPECTOR, make.suspension(date(2025, 1, 10), 90, findings=FINDINGS, reason=REASON)),
        (COUNCIL, evaluation(date(2025, 8, 1), (36, 21, 30), "19/BB-HĐOCOP")),
        (AUTHORITY, make.revocation(
            date(2025, 2, 1), RevocationReason.PRODUCTION_STOPPED, decision_ref="220/QĐ-UBND")),
    ]  # fmt: skip
    changes: list[tuple[Actor, ProductCommand]] = [
        *first_year(),
        (INSPECTOR, make.reinstatement(corrected="Đã chuẩn hóa quy trình")),
        (COUNCIL, evaluation(date(2022, 9, 1), (30, 20, 30), "31/BB-HĐOCOP")),
        (AUTHORITY, make.certificate(date(2022, 10, 1), 4, "3120/QĐ-UBND")),
        (COUNCIL, evaluation(date(2024, 3, 1), (35, 20, 30), "07/BB-HĐOCOP")),
        (AUTHORITY, make.certificate(date(2024, 4, 1), 4, "1042/QĐ-UBND")),
        endings[n % len(endings)],
    ]
    yield Order(OFFICE, registration(code, n))
    for actor, command in changes:
        yield Order(actor, command, code)


def orders(first: int, count: int) -> Iterator[Order]:
    """The stories of products ``first`` to ``first + count - 1``, product after product."""
    for n in range(first, first + count):
        yield from story(n)
