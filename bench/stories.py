"""The products the benchmarks load: sixteen events each, through the register's own commands.

Every product lives the same sixteen-event story (registered under 1048, scored and forwarded
by its district, certified by the province, suspended and reinstated, renewed, re-certified
under 148, each time after the district's forwarding) and ends in one of three ways, so the
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
DISTRICT_COUNCIL = make.council(Level.DISTRICT, PROVINCE, "bench-hd-ocop-huyen")
COMMUNE_COUNCIL = make.council(Level.COMMUNE, PROVINCE, "bench-hd-ocop-xa")
AUTHORITY = make.authority(Level.PROVINCE, PROVINCE, "bench-ubnd-tinh")
INSPECTOR = make.inspector(PROVINCE, "bench-thanh-tra")
EVENTS_PER_PRODUCT = 16
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


def forwarded(on: date, points: tuple[int, int, int]) -> list[tuple[Actor, ProductCommand]]:
    """The district council's scoring and its forwarding to the province, on ``on``."""
    scored = evaluation(on, points, f"{on.day}/BB-HĐOCOP-H")
    return [(DISTRICT_COUNCIL, scored), (DISTRICT_COUNCIL, make.forwarding(on))]


def first_year() -> list[tuple[Actor, ProductCommand]]:
    """Forwarded by the district and evaluated by the province, certified, suspended after an
    inspection (the builders' defaults, 2019-20)."""
    return [
        *forwarded(make.EVALUATED_ON, (30, 20, 30)),
        (COUNCIL, evaluation(make.EVALUATED_ON, (30, 20, 30), "12/BB-HĐOCOP")),
        (AUTHORITY, make.certificate()),
        (INSPECTOR, make.suspension(findings=FINDINGS, reason=REASON)),
    ]


def story(n: int) -> Iterator[Order]:
    """The sixteen orders of the n-th product, in the order they took effect."""
    code = code_of(n)
    endings: list[tuple[Actor, ProductCommand]] = [
        (INSPECTOR, make.suspension(date(2025, 1, 10), 90, findings=FINDINGS, reason=REASON)),
        (COMMUNE_COUNCIL, evaluation(date(2025, 8, 1), (36, 21, 30), "19/BB-HĐOCOP-X")),
        (AUTHORITY, make.revocation(
            date(2025, 2, 1), RevocationReason.PRODUCTION_STOPPED, decision_ref="220/QĐ-UBND")),
    ]  # fmt: skip
    changes: list[tuple[Actor, ProductCommand]] = [
        *first_year(),
        (INSPECTOR, make.reinstatement(corrected="Đã chuẩn hóa quy trình")),
        *forwarded(date(2022, 9, 1), (30, 20, 30)),
        (COUNCIL, evaluation(date(2022, 9, 1), (30, 20, 30), "31/BB-HĐOCOP")),
        (AUTHORITY, make.certificate(date(2022, 10, 1), 4, "3120/QĐ-UBND")),
        *forwarded(date(2024, 3, 1), (35, 20, 30)),
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
