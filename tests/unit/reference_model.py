"""A paper register: the SPEC's rules restated as simply as they can be, for comparison.

Nothing here is imported from the rules or the aggregate; the criteria sets are restated
from the decisions. The model notes a handful of facts about one product and answers
whether a command dated ``day`` would be accepted. ``TODAY`` is the unit stories' clock.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from lifecycle.values import Level, Status
from tests.unit.eras import TODAY

D, P, C = Level.DISTRICT, Level.PROVINCE, Level.CENTRAL
OLD_PARTS, NEW_PARTS = {"A": 35, "B": 25, "C": 40}, {"A": 40, "B": 25, "C": 35}


@dataclass(frozen=True)
class Rules:
    """One criteria set as its decision states it."""

    starts: date
    parts: dict[str, int]
    bonus: bool
    councils: frozenset[Level]
    certifies: dict[Level, set[int]]
    # The last decision day on which the previous set's evaluations still count (assumed).
    takes_previous_until: date | None = None


SETS = (  # latest first: 1489/2025, 148/2023, 1048/2019, provincial legacy
    Rules(
        date(2025, 7, 6), NEW_PARTS, True, frozenset({P, C}), {P: {3, 4}, C: {5}},
        date(2025, 12, 31),
    ),
    Rules(
        date(2023, 2, 24), NEW_PARTS, True, frozenset({D, P, C}), {D: {3}, P: {4}, C: {5}},
        date(2023, 12, 31),
    ),
    Rules(date(2019, 8, 21), OLD_PARTS, False, frozenset({D, P, C}), {P: {3, 4}, C: {5}}),
    Rules(date(2013, 1, 1), OLD_PARTS, False, frozenset({D, P}), {P: {3, 4, 5}}),
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


def band(total: int) -> int:
    bands = ((5, 90), (4, 70), (3, 50), (2, 30), (1, 0))
    return next((stars for stars, lowest in bands if total >= lowest), 1)


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
    # council level, band, mandatory met, evaluated on
    pending: tuple[Level, int, bool, date] | None = None
    stars: int = 0
    issued_by: Level | None = None
    valid_until: date | None = None
    suspended: bool = False
    revoked: bool = False
    issued: int = 0

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
        self, day: date, level: Level, points: dict[str, int], bonus: int
    ) -> bool:
        rules = rules_on(day)
        return (
            self.may_act(day)
            and self.status(day) is not Status.SUSPENDED
            and level in rules.councils
            and points.keys() == rules.parts.keys()
            and all(0 <= points[part] <= top for part, top in rules.parts.items())
            and (bonus == 0 or (rules.bonus and bonus > 0))
            and sum(points.values()) + bonus <= 100
        )

    def accepts_certificate(self, day: date, level: Level, stars: int) -> bool:
        return (
            self.may_act(day)
            and stars in (3, 4, 5)
            and self.status(day) is not Status.SUSPENDED
            and self.pending is not None
            and self.pending[0] is level
            and self.pending[2]
            and self.pending[1] >= stars
            and evaluation_counts(self.pending[3], day)
            and stars in rules_on(day).certifies.get(level, ())
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
