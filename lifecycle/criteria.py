"""The OCOP criteria sets as versioned data, to be checked line by line against the decisions.

Each set says when it was in force, the maximum points of each criteria part (citing its
``source``), which bonus points count and their caps (``lifecycle/scoring_figures.py``),
which council levels evaluate, which level certifies which stars, how long a certificate
is valid and which product groups exist.
A set is chosen by the effective date of the evaluation or certificate and recorded on the
event by its identifier. A certificate records the set of the evaluation it rests on; the
set in force on the decision date says who is competent, and whether an earlier set's
evaluation may still support it (its ``transitions``, each citing its provision).
Where the decision texts were not at hand, the data says so in an ``assumption``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lifecycle.scoring_figures import BONUS_148, BonusRule
from lifecycle.values import Level

TOTAL_MAXIMUM = 100
CERTIFIABLE_STARS = frozenset({3, 4, 5})
# Lower bound of each star band, highest first: 5★ 90-100, 4★ 70-<90, 3★ 50-<70, 2★ 30-<50.
STAR_BANDS: tuple[tuple[int, int], ...] = ((5, 90), (4, 70), (3, 50), (2, 30), (1, 0))

GROUPS_1048 = {
    "food": "Thực phẩm (food)",
    "beverages": "Đồ uống (beverages)",
    "herbal-products": "Thảo dược (herbal products)",
    "textiles-garments": "Vải và may mặc (textiles and garments)",
    "souvenirs-furniture-decoration": "Lưu niệm - nội thất - trang trí "
    "(souvenirs, furniture and decoration)",
    "rural-tourism": "Dịch vụ du lịch nông thôn, bán hàng "
    "(rural tourism services and sales points)",
}
GROUPS_148 = {
    "food": "Thực phẩm (food)",
    "beverages": "Đồ uống (beverages)",
    "medicinal-herbs": "Dược liệu và sản phẩm từ dược liệu (medicinal herbs and herbal products)",
    "handicrafts": "Thủ công mỹ nghệ (handicrafts)",
    "ornamental-plants-animals": "Sinh vật cảnh (ornamental plants and animals)",
    "community-tourism": "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch "
    "(community tourism, eco-tourism and tourist sites)",
}


@dataclass(frozen=True)
class Transition:
    """Until when a certificate decided under a newer set may rest on an earlier set's
    evaluation, and the decision's provision that allows it."""

    earlier_set: str
    decided_until: date
    provision: str
    assumption: str = ""


@dataclass(frozen=True)
class CriteriaSet:
    """One decision's criteria: the facts the rules read, nothing computed."""

    id: str
    title: str
    in_force_from: date
    in_force_until: date | None
    part_maxima: dict[str, int]
    bonus: BonusRule | None
    evaluating_levels: frozenset[Level]
    certifiers: dict[Level, frozenset[int]]
    validity_months: int
    groups: dict[str, str]
    transitions: tuple[Transition, ...] = ()
    source: str = ""

    @property
    def bonus_counts(self) -> bool:
        """Whether this set awards bonus points at all."""
        return self.bonus is not None

    def in_force_on(self, day: date) -> bool:
        """Whether this set governs evaluations and certificates dated ``day``."""
        ends = self.in_force_until
        return self.in_force_from <= day and (ends is None or day <= ends)

    def may_certify(self, level: Level, stars: int) -> bool:
        """Whether an authority at ``level`` is competent to certify ``stars`` under this set."""
        return stars in self.certifiers.get(level, frozenset())

    def accepts_evaluation_under(self, criteria_id: str, decided_on: date) -> bool:
        """Whether a certificate decided on ``decided_on`` under this set may rest on an
        evaluation made under ``criteria_id`` (this set, or an earlier one in transition)."""
        return criteria_id == self.id or any(
            t.earlier_set == criteria_id and decided_on <= t.decided_until for t in self.transitions
        )


CRITERIA_SETS: tuple[CriteriaSet, ...] = (
    CriteriaSet(
        id="provincial-legacy",
        title="Provincial OCOP criteria before the national set, where the province's own "
        "are not in hand (lifecycle.legacy_sets holds those that are)",
        in_force_from=date(2013, 1, 1),
        in_force_until=date(2019, 8, 20),
        part_maxima={"A": 35, "B": 25, "C": 40},
        bonus=None,
        evaluating_levels=frozenset({Level.DISTRICT, Level.PROVINCE}),
        certifiers={Level.PROVINCE: frozenset({3, 4, 5})},
        validity_months=36,
        groups=GROUPS_1048,
        source="ASSUMPTION (provincial texts not at hand): figures as under 1048.",
    ),
    CriteriaSet(
        id="1048-2019",
        title="Decision 1048/QĐ-TTg (21/8/2019), amended by 781/QĐ-TTg (8/6/2020)",
        in_force_from=date(2019, 8, 21),
        in_force_until=date(2023, 2, 23),
        part_maxima={"A": 35, "B": 25, "C": 40},
        bonus=None,
        evaluating_levels=frozenset({Level.DISTRICT, Level.PROVINCE, Level.CENTRAL}),
        certifiers={Level.PROVINCE: frozenset({3, 4}), Level.CENTRAL: frozenset({5})},
        validity_months=36,
        groups=GROUPS_1048,
        source="Decision 1048/QĐ-TTg (21/8/2019), its criteria set (appendix): parts A 35, "
        "B 25, C 40; amended by 781/QĐ-TTg (8/6/2020).",
    ),
    CriteriaSet(
        id="148-2023",
        title="Decision 148/QĐ-TTg (24/2/2023)",
        in_force_from=date(2023, 2, 24),
        in_force_until=date(2025, 7, 5),
        part_maxima={"A": 40, "B": 25, "C": 35},
        bonus=BONUS_148,
        evaluating_levels=frozenset({Level.DISTRICT, Level.PROVINCE, Level.CENTRAL}),
        certifiers={
            Level.DISTRICT: frozenset({3}),
            Level.PROVINCE: frozenset({4}),
            Level.CENTRAL: frozenset({5}),
        },
        validity_months=36,
        groups=GROUPS_148,
        source="Decision 148/QĐ-TTg (24/2/2023), Appendix I: parts A 40, B 25, C 35.",
        transitions=(
            Transition(
                earlier_set="1048-2019",
                decided_until=date(2023, 12, 31),
                provision="Decision 148/QĐ-TTg (24/2/2023), transitional provisions: products "
                "recognised under 1048 keep their certificates until they expire.",
                assumption="ASSUMPTION (decision text not at hand): an evaluation made under "
                "1048 before 24/2/2023 may still be certified under it by a decision of the "
                "same year's round, until 31/12/2023; later it must be re-evaluated.",
            ),
        ),
    ),
    CriteriaSet(
        id="1489-2025",
        title="Decision 1489/QĐ-TTg (6/7/2025), amending 148/QĐ-TTg",
        in_force_from=date(2025, 7, 6),
        in_force_until=None,
        part_maxima={"A": 40, "B": 25, "C": 35},
        bonus=BONUS_148,
        evaluating_levels=frozenset({Level.COMMUNE, Level.PROVINCE, Level.CENTRAL}),
        certifiers={Level.PROVINCE: frozenset({3, 4}), Level.CENTRAL: frozenset({5})},
        validity_months=36,
        groups=GROUPS_148,
        source="Decision 1489/QĐ-TTg (6/7/2025), amending 148/QĐ-TTg: parts as under 148.",
        transitions=(
            Transition(
                earlier_set="148-2023",
                decided_until=date(2025, 12, 31),
                provision="Decision 1489/QĐ-TTg (6/7/2025), amending 148/QĐ-TTg: transitional "
                "provisions for products evaluated under 148.",
                assumption="ASSUMPTION (decision text not at hand): an evaluation made under "
                "148 before 6/7/2025 may still be certified by a decision of the same year's "
                "round, until 31/12/2025; later it must be re-evaluated.",
            ),
        ),
    ),
)
BY_ID = {criteria.id: criteria for criteria in CRITERIA_SETS}


def criteria_in_force(day: date) -> CriteriaSet | None:
    """The criteria set in force on ``day``, or None before the programme began."""
    return next((c for c in CRITERIA_SETS if c.in_force_on(day)), None)


def criteria_set(criteria_id: str) -> CriteriaSet:
    """A criteria set by its identifier, as recorded on events."""
    return BY_ID[criteria_id]


def star_band(total: Decimal | int) -> int:
    """The star band a total score falls in (1 to 5); 69.5 is in the 3-star band."""
    return next(stars for stars, lowest in STAR_BANDS if total >= lowest)
