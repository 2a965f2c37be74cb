"""A paper register: the SPEC's rules restated as simply as they can be, for comparison.

Nothing here is imported from the rules or the aggregate; the criteria sets are restated
from the decisions. The model notes a handful of facts about one product and answers
whether a command dated ``day`` would be accepted. ``TODAY`` is the unit stories' clock.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
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
# The product groups of each set (1048's and 148's); a herbal product's essential oils are a
# sub-group of the herbal group under both.
OLD_GROUPS = {"food", "beverages", "herbal-products", "textiles-garments", "rural-tourism"}
OLD_GROUPS |= {"souvenirs-furniture-decoration"}
NEW_GROUPS = {"food", "beverages", "medicinal-herbs", "handicrafts", "community-tourism"}
NEW_GROUPS |= {"ornamental-plants-animals"}
HERBAL = {"herbal-products", "medicinal-herbs"}


@dataclass(frozen=True)
class Rules:
    """One criteria set as its decision states it."""

    starts: date
    parts: dict[str, int]
    bonus: bool
    councils: frozenset[Level]
    certifies: dict[Level, set[int]]
    groups: set[str]
    # The last decision day on which the previous set's evaluations still count (assumed).
    takes_previous_until: date | None
    # The levels whose councils evaluate without a hand-off, and each hand-off: who hands
    # the product on, to whom, from how many points.
    entry: frozenset[Level]
    hand_offs: dict[str, tuple[Level, Level, int]]


NATIONAL = (  # latest first: 1489/2025, 148/2023, 1048/2019 (from the province's switch-over)
    Rules(
        date(2025, 7, 6), NEW_PARTS, True, frozenset({K, P, C}), {P: {3, 4}, C: {5}},
        NEW_GROUPS, date(2025, 12, 31), frozenset({K}), {FORWARD: (K, P, 50), PROPOSE: (P, C, 90)},
    ),
    Rules(
        date(2023, 2, 24), NEW_PARTS, True, frozenset({D, P, C}), {D: {3}, P: {4}, C: {5}},
        NEW_GROUPS, date(2023, 12, 31), frozenset({D}), {FORWARD: (D, P, 70), PROPOSE: (P, C, 90)},
    ),
)  # fmt: skip
QUANG_NINH, HA_NOI = "Quảng Ninh", "Hà Nội"


def legacy(starts: date, forwarded: bool = False) -> Rules:
    """A province's own set before 1048: as the generic provincial set, its province council
    evaluating directly, or (Quảng Ninh's, assumed) only what its districts forwarded."""
    entry, hand_offs = (frozenset({D}), {FORWARD: (D, P, 50)}) if forwarded else ({D, P}, {})
    return Rules(
        starts, OLD_PARTS, False, frozenset({D, P}), {P: {3, 4, 5}}, OLD_GROUPS, None,
        frozenset(entry), hand_offs,
    )  # fmt: skip


# Each province's sets, latest first: Quảng Ninh's own from 3479/2015 and 978/2018, and 1048
# from 2020; a province without its own sets in hand, the generic one from 2013 and 1048
# from its national date.
PROVINCES = {
    QUANG_NINH: (
        date(2020, 1, 1),
        (legacy(date(2018, 3, 30), True), legacy(date(2015, 11, 5), True)),
    ),
    HA_NOI: (date(2019, 8, 21), (legacy(date(2013, 1, 1)),)),
}


def sets_of(province: str) -> tuple[Rules, ...]:
    """The province's criteria sets, latest first."""
    national_from, own = PROVINCES[province]
    national = Rules(
        national_from, OLD_PARTS, False, frozenset({D, P, C}), {P: {3, 4}, C: {5}}, OLD_GROUPS,
        None, frozenset({D}), {FORWARD: (D, P, 50), PROPOSE: (P, C, 90)},
    )  # fmt: skip
    return (*NATIONAL, national, *own)


NO_SET = Rules(
    date.min, {}, False, frozenset(), {}, set(), None, frozenset(), {}
)  # before a province's first set


def rules_on(day: date, province: str = QUANG_NINH) -> Rules:
    return next((rules for rules in sets_of(province) if rules.starts <= day), NO_SET)


def first_set(province: str) -> date:
    """The first day the province had a set: none before it, so no product joins before."""
    return sets_of(province)[-1].starts


def evaluation_counts(evaluated_on: date, decided_on: date, province: str) -> bool:
    """An evaluation counts under the set it was made in, or the next set's transition."""
    sets = sets_of(province)
    made_under, deciding = rules_on(evaluated_on, province), rules_on(decided_on, province)
    if made_under == deciding:
        return True
    just_before = sets[sets.index(deciding) + 1]
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
    province: str = QUANG_NINH
    group: str = ""
    subgroup: str = "essential-oils"
    removed: bool = False
    # council level, band, levels whose mandatory criteria were met, evaluated on
    pending: tuple[Level, int, tuple[int, ...], date] | None = None
    stars: int = 0
    issued_by: Level | None = None
    valid_until: date | None = None
    suspended: bool = False
    revoked: bool = False
    issued: int = 0
    deadline: date | None = None  # the corrective deadline while suspended
    details: dict[str, str] = field(default_factory=dict)  # as registered or corrected
    owner_id: str = ""
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

    def grouped(self, day: date, given: str) -> bool:
        """An evaluation is made in a group of its day's set: the product's own (its
        sub-group with it), or one the council names, with no sub-group."""
        groups = rules_on(day, self.province).groups
        if given:
            return given in groups
        return self.group in groups and (not self.subgroup or self.group in HERBAL)

    def renews(self, day: date) -> str:
        """The certificate a new one dated ``day`` continues: the previous one, unrevoked,
        standing that day or ending the day before."""
        if self.valid_until is None or self.revoked or day > self.valid_until + timedelta(1):
            return ""
        return f"QN-0001-C{self.issued}"

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
        rules = rules_on(day, self.province)
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
            and evaluation_counts(self.pending[3], day, self.province)
            and stars in rules_on(day, self.province).certifies.get(level, ())
        )

    def accepts_hand_off(self, day: date, kind: str, level: Level) -> bool:
        """A council hands on its own latest evaluation, the way and from the points its set
        says, once per evaluation."""
        step = rules_on(day, self.province).hand_offs.get(kind)
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

    def accepts_revocation(self, day: date, level: Level, not_renewed: bool = False) -> bool:
        """Revocation as not renewed only once the certificate has expired."""
        competent = level is self.issued_by or self.stars in rules_on(
            day, self.province
        ).certifies.get(level, ())
        lapsed = self.valid_until is not None and day > self.valid_until
        return (
            self.may_act(day)
            and self.valid_until is not None
            and not self.revoked
            and competent
            and (lapsed or not not_renewed)
        )

    def accepts_notice(self, day: date, level: Level) -> bool:
        """The issuing level, or the one competent for the stars that day, gives notice of
        an unrevoked certificate's end before it ends."""
        competent = level is self.issued_by or self.stars in rules_on(
            day, self.province
        ).certifies.get(level, ())
        standing = self.valid_until is not None and not self.revoked and day <= self.valid_until
        return self.may_act(day) and standing and competent

    def accepts_correction(self, day: date, named: dict[str, str]) -> bool:
        """A correction names a detail and changes at least one."""
        changes = any(self.details[name] != value for name, value in named.items())
        return self.may_act(day) and bool(named) and changes

    def accepts_transfer(self, day: date, owner_id: str) -> bool:
        return self.may_act(day) and owner_id != self.owner_id

    def accepts_extension(self, day: date, deadline: date) -> bool:
        """Only a suspended certificate's deadline, before it passes, to a later day."""
        current = self.deadline
        return (
            self.may_act(day)
            and self.status(day) is Status.SUSPENDED
            and current is not None
            and day <= current < deadline
        )

    def accepts_removal(self, day: date) -> bool:
        return self.may_act(day) and self.status(day) not in (Status.CERTIFIED, Status.SUSPENDED)
