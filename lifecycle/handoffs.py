"""Who hands a product to whom under each criteria set, from how many points: as data, each
figure with the text it comes from.

A council at an entry level evaluates any product of its place; a council at any other level
evaluates only what the level below handed to it: a district (under 1489, a commune) forwards
a product to the province, a province proposes it to the central level as potential 5 stars
("tiềm năng 5 sao"). Where no text in hand settles a figure, its ``assumption`` says so and
begins with ``ASSUMPTION``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from lifecycle.values import Level

# The levels from the lowest up: a certificate at a level ends the hand-offs to it and below.
LEVELS_UPWARDS = (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE, Level.CENTRAL)


class HandOffKind(Enum):
    """How a level hands a product on, in the texts' words."""

    FORWARD = "forward"  # "gửi hồ sơ lên cấp tỉnh": to the province
    PROPOSE_POTENTIAL_FIVE_STAR = "propose-potential-5-star"  # "đề xuất tiềm năng 5 sao"


@dataclass(frozen=True)
class HandOffStep:
    """One way up: who hands on, to whom, from how many points (the council's average)."""

    kind: HandOffKind
    from_level: Level
    to_level: Level
    threshold: Decimal
    source: str
    assumption: str = ""


@dataclass(frozen=True)
class HandOffs:
    """A criteria set's entry levels (no hand-off needed) and its steps up."""

    criteria_set: str
    entry_levels: frozenset[Level]
    entry_source: str
    steps: tuple[HandOffStep, ...]

    def step_to(self, level: Level) -> HandOffStep | None:
        """The step that hands a product to ``level``, if one does."""
        return next((step for step in self.steps if step.to_level is level), None)

    def step_of(self, kind: HandOffKind, level: Level) -> HandOffStep | None:
        """The step of ``kind`` a council at ``level`` takes, if it takes one."""
        return next((s for s in self.steps if s.kind is kind and s.from_level is level), None)


@dataclass(frozen=True)
class HandOff:
    """A hand-off standing on the product: which way, who made it and when, on what score."""

    kind: HandOffKind
    from_level: Level
    to_level: Level
    by: str
    on: date
    total: Decimal
    band: int
    criteria_set: str
    minutes_ref: str
    evaluated_on: date
    dispatch_ref: str


FIVE_STAR_PROPOSAL_SOURCE = (
    "Decision 1048/QĐ-TTg (21/8/2019), the evaluation process (appendix), and Decision "
    "148/QĐ-TTg (24/2/2023), Article on organising the evaluation: the province proposes "
    "products of 90 points and more to the central level as potential 5-star; the central "
    "council evaluates those; the ministry (Ministry of Agriculture and Rural Development) "
    "certifies 5 stars. Kept by Decision 1489/QĐ-TTg (6/7/2025)."
)
WHO_HANDS_ON = (
    "ASSUMPTION (the councils' working rules not at hand): the council that scored records "
    "the hand-off, citing the dispatch (official letter) that sent the dossier up, and rests "
    "it on its own latest evaluation."
)


def proposal_to_central(assumption: str = WHO_HANDS_ON) -> HandOffStep:
    """The province's proposal of potential 5-star products, the same under every national set."""
    return HandOffStep(
        HandOffKind.PROPOSE_POTENTIAL_FIVE_STAR,
        Level.PROVINCE,
        Level.CENTRAL,
        Decimal(90),
        FIVE_STAR_PROPOSAL_SOURCE,
        assumption,
    )


HAND_OFFS: dict[str, HandOffs] = {
    "provincial-legacy": HandOffs(
        "provincial-legacy",
        frozenset({Level.DISTRICT, Level.PROVINCE}),
        "ASSUMPTION (provincial texts not at hand): provincial certificates before 21/8/2019 "
        "are imported as the province recorded them; no hand-off is asked of them.",
        (),
    ),
    "1048-2019": HandOffs(
        "1048-2019",
        frozenset({Level.DISTRICT}),
        "Decision 1048/QĐ-TTg (21/8/2019), the evaluation process (appendix): the district "
        "council evaluates the products of its district first.",
        (
            HandOffStep(
                HandOffKind.FORWARD,
                Level.DISTRICT,
                Level.PROVINCE,
                Decimal(50),
                "Decision 1048/QĐ-TTg (21/8/2019), the evaluation process (appendix): the "
                "district council scores and forwards products of 50 points and more to the "
                "province, which evaluates and certifies 3 and 4 stars.",
                WHO_HANDS_ON,
            ),
            proposal_to_central(),
        ),
    ),
    "148-2023": HandOffs(
        "148-2023",
        frozenset({Level.DISTRICT}),
        "Decision 148/QĐ-TTg (24/2/2023), Article on organising the evaluation: the district "
        "council evaluates the products of its district and the district certifies 3 stars.",
        (
            HandOffStep(
                HandOffKind.FORWARD,
                Level.DISTRICT,
                Level.PROVINCE,
                Decimal(70),
                "Decision 148/QĐ-TTg (24/2/2023), Article on organising the evaluation: the "
                "district forwards products of 70 points and more to the province, which "
                "certifies 4 stars.",
                WHO_HANDS_ON,
            ),
            proposal_to_central(),
        ),
    ),
    "1489-2025": HandOffs(
        "1489-2025",
        frozenset({Level.COMMUNE}),
        "Decision 1489/QĐ-TTg (6/7/2025), amending 148/QĐ-TTg: no district level; the commune "
        "assesses the products of its commune and proposes them to the province.",
        (
            HandOffStep(
                HandOffKind.FORWARD,
                Level.COMMUNE,
                Level.PROVINCE,
                Decimal(50),
                "Decision 1489/QĐ-TTg (6/7/2025), amending 148/QĐ-TTg: the commune assesses "
                "and proposes; the province evaluates and certifies 3 and 4 stars.",
                "ASSUMPTION (decision text not at hand): the commune proposes products of 50 "
                "points and more (the 3-star band's floor, the least the province certifies); "
                "the council that scored records the hand-off, as at the other levels.",
            ),
            proposal_to_central(),
        ),
    ),
}

QUANG_NINH_OWN = "Decisions 3479/QĐ-UBND (5/11/2015) and 978/QĐ-UBND (30/3/2018) of Quảng Ninh"
QUANG_NINH_PROCESS = (
    "ASSUMPTION (texts not at hand): Quảng Ninh's own process, which 1048's followed, had the "
    "district council score first and forward products of 50 points and more to the province."
)
for own in ("quang-ninh-3479-2015", "quang-ninh-978-2018"):
    step = HandOffStep(
        HandOffKind.FORWARD, Level.DISTRICT, Level.PROVINCE, Decimal(50), QUANG_NINH_OWN,
        QUANG_NINH_PROCESS,
    )  # fmt: skip
    HAND_OFFS[own] = HandOffs(own, frozenset({Level.DISTRICT}), QUANG_NINH_PROCESS, (step,))


def hand_offs_under(criteria_id: str) -> HandOffs:
    """The hand-offs of a criteria set, by its identifier."""
    return HAND_OFFS[criteria_id]


def levels_up_to(level: Level) -> tuple[Level, ...]:
    """``level`` and every level below it."""
    return LEVELS_UPWARDS[: LEVELS_UPWARDS.index(level) + 1]


def after_certificate(handed_to: Sequence[HandOff], level: Level) -> tuple[HandOff, ...]:
    """The hand-offs still standing once a certificate is issued at ``level``: those to
    higher levels (a province's 4 stars leave its potential-5-star proposal standing)."""
    ended = levels_up_to(level)
    return tuple(h for h in handed_to if h.to_level not in ended)
