"""A paper register: the SPEC's rules restated as simply as they can be, for comparison.

Nothing here is imported from the rules or the aggregate; the criteria sets are restated
from the decisions. The model notes a handful of facts about one product and answers
whether a command dated ``day`` would be accepted. ``TODAY`` is the unit stories' clock.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from lifecycle.values import Level, Status
from tests.unit.eras import TODAY

K, D, P, C = Level.COMMUNE, Level.DISTRICT, Level.PROVINCE, Level.CENTRAL
UPWARDS = (K, D, P, C)
FORWARD, PROPOSE = "forward", "propose"
OLD_PARTS, NEW_PARTS = {"A": 35, "B": 25, "C": 40}, {"A": 40, "B": 25, "C": 35}
# 148's bonus kinds, each capped at 2 points, 5 in all (the register's ASSUMPTION).
BONUS_KINDS = {"women-participation", "ethnic-minority-participation", "local-materials"}
BONUS_KINDS |= {"local-labour"}
KIND_CAP, BONUS_CAP = 2, 5


@dataclass(frozen=True)
class Rules:
    """One criteria set as its decision states it."""

    starts: date
    parts: dict[str, int]
    bonus: bool
    councils: frozenset[Level]
    certifies: dict[Level, set[int]]
    # The last decision day on which the previous set's evaluations still count (assumed).
    takes_previous_until: date | None
    # The levels whose councils evaluate without a hand-off, and each hand-off: who hands
    # the product on, to whom, from how many points.
    entry: frozenset[Level]
    hand_offs: dict[str, tuple[Level, Level, int]]


SETS = (  # latest first: 1489/2025, 148/2023, 1048/2019, provincial legacy
    Rules(
        date(2025, 7, 6), NEW_PARTS, True, frozenset({K, P, C}), {P: {3, 4}, C: {5}},
        date(2025, 12, 31), frozenset({K}), {FORWARD: (K, P, 50), PROPOSE: (P, C, 90)},
    ),
    Rules(
        date(2023, 2, 24), NEW_PARTS, True, frozenset({D, P, C}), {D: {3}, P: {4}, C: {5}},
        date(2023, 12, 31), frozenset({D}), {FORWARD: (D, P, 70), PROPOSE: (P, C, 90)},
    ),
    Rules(
        date(2019, 8, 21), OLD_PARTS, False, frozenset({D, P, C}), {P: {3, 4}, C: {5}},
        None, frozenset({D}), {FORWARD: (D, P, 50), PROPOSE: (P, C, 90)},
    ),
    Rules(
        date(2013, 1, 1), OLD_PARTS, False, frozenset({D, P}), {P: {3, 4, 5}},
        None, frozenset({D, P}), {},
    ),
)  # fmt: skip


def rules_on(day: date) -> Rules:
    return next(rules for rules in SETS if rules.starts <= day)


def evaluation_counts(evaluated_on: date, decided_on: date) -> bool:
    """An evaluation counts under the set it was made in, or the next set's transition."""
    made_under, deciding = rules_on(evaluated_on), rules_on(decided_on)
    if made_under == deciding:
        return True
    just_before = SETS[SETS.index(deciding) + 1]
    window = deciding.takes_previous_until
    return made_under == just_before and window is not None and decided_on <= window


def band(total: Decimal, met_for: tuple[int, ...] = (3, 4, 5)) -> int:
    """The points' band, lowered to the highest level whose mandatory criteria hold (to 2
    when 3-star's do not)."""
    bands = ((5, 90), (4, 70), (3, 50), (2, 30), (1, 0))
    points_band = next((stars for stars, lowest in bands if total >= lowest), 1)
    return min(points_band, max(met_for, default=2))


def two_places(value: Decimal) -> bool:
    return value * 100 == int(value * 100)


def bonus_allowed(bonus: dict[str, Decimal], counts: bool) -> bool:
    if any(value < 0 for value in bonus.values()):
        return False
    if not counts:
        return all(value == 0 for value in bonus.values())
    return (
        set(bonus) <= BONUS_KINDS
        and all(value <= KIND_CAP for value in bonus.values())
        and sum(bonus.values()) <= BONUS_CAP
    )


def sheet_allowed(rules: Rules, points: dict[str, Decimal], bonus: dict[str, Decimal]) -> bool:
    return (
        all(two_places(value) for value in [*points.values(), *bonus.values()])
        and points.keys() == rules.parts.keys()
        and all(0 <= points[part] <= top for part, top in rules.parts.items())
        and bonus_allowed(bonus, rules.bonus)
        and sum(points.values()) + sum(bonus.values()) <= 100
    )


def council_average(totals: list[Decimal]) -> Decimal:
    """The average of the members' totals, to two places, half up (the register's
    ASSUMPTION)."""
    return (sum(totals) / len(totals)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def levels_met(met: bool | None, met_for: tuple[int, ...] | None) -> tuple[int, ...] | None:
    """The star levels whose mandatory criteria were met, or None when the council's answer
    is not one the register takes (neither or both forms, an unknown level, a gap)."""
    if (met is None) == (met_for is None):
        return None
    if met_for is None:
        return (3, 4, 5) if met else ()
    levels = tuple(sorted(set(met_for)))
    return levels if levels in ((), (3,), (3, 4), (3, 4, 5)) else None


def last_valid_day(valid_from: date) -> date:
    """The day before the same day 36 months on (the month's last day if it has none)."""
    year, month = valid_from.year + 3, valid_from.month
    last_of_month = calendar.monthrange(year, month)[1]
    if valid_from.day > last_of_month:
        return date(year, month, last_of_month)
    return date(year, month, valid_from.day) - timedelta(days=1)


@dataclass
class PaperRegister:
    """What a clerk would note about one product, and the rules as the clerk applies them."""

    last: date
    removed: bool = False
    # council level, band, levels whose mandatory criteria were met, evaluated on
    pending: tuple[Level, int, tuple[int, ...], date] | None = None
    stars: int = 0
    issued_by: Level | None = None
    valid_until: date | None = None
    suspended: bool = False
    revoked: bool = False
    issued: int = 0
    # The latest evaluation by any council (level, total, day), and the hand-offs standing:
    # to each level, the day of the evaluation it rested on.
    latest: tuple[Level, Decimal, date] | None = None
    handed: dict[Level, date] | None = None

    def handed_to(self) -> dict[Level, date]:
        return self.handed or {}

    def handed_after_certificate(self, level: Level) -> dict[Level, date]:
        """A certificate at a level ends the hand-offs to it and below."""
        above = UPWARDS[UPWARDS.index(level) + 1 :]
        return {to: on for to, on in self.handed_to().items() if to in above}

    def status(self, day: date) -> Status:
        if self.removed:
            return Status.REMOVED
        if self.valid_until is None:
            return Status.PARTICIPATING
        if self.revoked:
            return Status.REVOKED
        if day > self.valid_until:
            return Status.EXPIRED
        return Status.SUSPENDED if self.suspended else Status.CERTIFIED

    def may_act(self, day: date) -> bool:
        return not self.removed and self.last <= day <= TODAY

    def accepts_evaluation(
        self,
        day: date,
        level: Level,
        points: dict[str, Decimal],
        bonus: dict[str, Decimal],
        met: tuple[int, ...] | None,
    ) -> bool:
        return self.accepts_council(day, level, [("", points, bonus)], 1, met)

    def accepts_council(
        self,
        day: date,
        level: Level,
        sheets: list[tuple[str, dict[str, Decimal], dict[str, Decimal]]],
        members: int | None,
        met: tuple[int, ...] | None,
    ) -> bool:
        """A council's sheets: two thirds of its members or more, each once, each sheet
        within the set's rules."""
        rules = rules_on(day)
        return (
            self.may_act(day)
            and self.status(day) is not Status.SUSPENDED
            and level in rules.councils
            and (level in rules.entry or level in self.handed_to())
            and all(sheet_allowed(rules, points, bonus) for _, points, bonus in sheets)
            and members is not None
            and 3 * len(sheets) >= 2 * members >= 2 * len(sheets)
            and len({member for member, _, _ in sheets}) == len(sheets)
            and met is not None
        )

    def accepts_certificate(self, day: date, level: Level, stars: int) -> bool:
        return (
            self.may_act(day)
            and stars in (3, 4, 5)
            and self.status(day) is not Status.SUSPENDED
            and self.pending is not None
            and self.pending[0] is level
            and stars in self.pending[2]
            and self.pending[1] >= stars
            and evaluation_counts(self.pending[3], day)
            and stars in rules_on(day).certifies.get(level, ())
        )

    def accepts_hand_off(self, day: date, kind: str, level: Level) -> bool:
        """A council hands on its own latest evaluation, the way and from the points its set
        says, once per evaluation."""
        step = rules_on(day).hand_offs.get(kind)
        latest = self.latest
        return (
            self.may_act(day)
            and self.status(day) is not Status.SUSPENDED
            and step is not None
            and step[0] is level
            and latest is not None
            and latest[0] is level
            and latest[1] >= step[2]
            and self.handed_to().get(step[1]) != latest[2]
        )

    def accepts_suspension(self, day: date, deadline: date) -> bool:
        return self.may_act(day) and deadline >= day and self.status(day) is Status.CERTIFIED

    def accepts_reinstatement(self, day: date) -> bool:
        return self.may_act(day) and self.status(day) is Status.SUSPENDED

    def accepts_revocation(self, day: date, level: Level) -> bool:
        competent = level is self.issued_by or self.stars in rules_on(day).certifies.get(level, ())
        return self.may_act(day) and self.valid_until is not None and not self.revoked and competent

    def accepts_removal(self, day: date) -> bool:
        return self.may_act(day) and self.status(day) not in (Status.CERTIFIED, Status.SUSPENDED)
