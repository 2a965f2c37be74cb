"""Random lives of a product, checked step by step against a paper register.

The same commands go to the aggregate and to ``PaperRegister``, a plain restatement of the
SPEC's rules. After every command both must agree on whether it was accepted and on the
status it leaves, read on the command's date and years later; a refused command must leave
the aggregate untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from lifecycle.errors import RegisterError
from lifecycle.product import Product
from lifecycle.values import Level, ScoreSheet
from seed import builders as make
from tests.unit.eras import TODAY
from tests.unit.reference_model import (
    BONUS_KINDS,
    FORWARD,
    PROPOSE,
    SETS,
    C,
    D,
    K,
    P,
    PaperRegister,
    band,
    council_average,
    last_valid_day,
    levels_met,
    rules_on,
)

SOON = st.integers(0, 45)
# Mostly a few weeks on; sometimes years (to expiry), backwards, or after today (None).
STEPS = st.one_of(SOON, SOON, SOON, st.integers(46, 1300), st.integers(-40, -1), st.just(None))


def points(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Points from ``low`` to ``high``: whole, halves, hundredths, sometimes too precise."""
    return st.one_of(
        st.integers(low, high).map(Decimal),
        st.integers(low * 2, high * 2).map(lambda n: Decimal(n) / 2),
        st.integers(low * 100, high * 100).map(lambda n: Decimal(n) / 100),
        st.integers(low * 1000, high * 1000).map(lambda n: Decimal(n) / 1000),
    )


FAIR_POINTS = st.fixed_dictionaries({"A": points(20, 35), "B": points(12, 25), "C": points(20, 35)})
HIGH_POINTS = st.fixed_dictionaries(
    {"A": points(30, 35), "B": points(22, 25), "C": points(33, 35)}
)  # 85 to 95 points: a province's candidates for potential 5 stars
ANY_POINTS = st.one_of(
    st.fixed_dictionaries({"A": points(0, 41), "B": points(0, 26), "C": points(-1, 41)}),
    st.just({"A": Decimal(30), "B": Decimal(20)}),
    st.just({"A": Decimal(30), "B": Decimal(20), "C": Decimal(20), "D": Decimal(1)}),
)
KINDS = st.sampled_from([*sorted(BONUS_KINDS), "tourism"])
BONUS = st.one_of(st.just({}), st.just({}), st.dictionaries(KINDS, points(-1, 3), max_size=4))
LEVEL_SETS = st.sampled_from([(), (3,), (3, 4), (3, 4, 5), (4,), (3, 5), (2, 3)])
# (mandatory_met, mandatory_met_for): mostly one of the two, sometimes neither or both.
MET = st.one_of(
    st.tuples(st.booleans(), st.none()),
    st.tuples(st.none(), LEVEL_SETS),
    st.tuples(st.none() | st.booleans(), st.none() | LEVEL_SETS),
)
MOSTLY_MET = st.sampled_from([(True, None), (None, (3, 4, 5)), (None, (3,)), (False, None)])
Met = tuple[bool | None, tuple[int, ...] | None]
LEVELS = st.sampled_from([K, D, P, C])
SET_CHANGES = [date(2019, 8, 21), date(2023, 2, 24), date(2025, 7, 6)]


def fingerprint(product: Product) -> dict[str, Any]:
    """The product's state; its values are immutable but for the list of pending events."""
    return {**vars(product), "_pending_events": tuple(product.pending_events)}


class ProductLifecycle(RuleBasedStateMachine):
    """Drives the aggregate and the paper register with the same commands."""

    product: Product
    paper: PaperRegister

    @initialize(start=st.dates(date(2014, 1, 1), date(2029, 6, 30)))
    def register(self, start: date) -> None:
        self.product = Product.register(make.registration(start), make.office(), TODAY)
        self.paper = PaperRegister(last=start)

    def day(self, step: int | None) -> date:
        if step is None:
            return TODAY + timedelta(days=1)
        return min(self.paper.last + timedelta(days=step), TODAY)

    def check(self, act: Callable[[], None], expected: bool, day: date, **noted: Any) -> None:
        """Both accept or both refuse; on acceptance the clerk notes the new facts."""
        before = fingerprint(self.product)
        try:
            act()
            accepted = True
        except RegisterError:
            accepted = False
        assert accepted == expected
        if accepted:
            vars(self.paper).update(noted, last=day)
        else:
            assert fingerprint(self.product) == before
        for when in (day, day + timedelta(days=400), day + timedelta(days=1200)):
            assert self.product.status_on(when) is self.paper.status(when)

    @rule(step=STEPS, level=LEVELS, points=ANY_POINTS, bonus=BONUS, met=MET)
    def evaluate(
        self,
        step: int | None,
        level: Level,
        points: dict[str, Decimal],
        bonus: dict[str, Decimal],
        met: Met,
    ) -> None:
        self.evaluation(self.day(step), level, points, bonus, met)

    @rule(step=SOON, level=st.sampled_from([K, D, P, P, C]), points=FAIR_POINTS, met=MOSTLY_MET)
    def evaluate_fairly(
        self, step: int, level: Level, points: dict[str, Decimal], met: Met
    ) -> None:
        self.evaluation(self.day(step), level, points, {}, met)

    def evaluation(
        self,
        day: date,
        level: Level,
        points: dict[str, Decimal],
        bonus: dict[str, Decimal],
        met: Met,
    ) -> None:
        levels = levels_met(*met)
        expected = self.paper.accepts_evaluation(day, level, points, bonus, levels)
        scored = make.evaluation(day, bonus=bonus, points=points)
        command = replace(scored, mandatory_met=met[0], mandatory_met_for=met[1])
        act = lambda: self.product.evaluate(command, make.council(level), TODAY)  # noqa: E731
        total = sum([*points.values(), *bonus.values()], Decimal(0))
        found = band(total, levels or ())
        latest = (level, total, day)
        self.check(act, expected, day, pending=(level, found, levels, day), latest=latest)
        if expected:
            assert self.product.evaluation is not None
            assert self.product.evaluation.band == found
            assert self.product.evaluation.total == total

    @rule(
        step=SOON,
        level=st.sampled_from([D, P, P, C]),
        sheets=st.lists(
            st.tuples(st.sampled_from("abcdefg"), FAIR_POINTS, BONUS), min_size=1, max_size=7
        ),
        members=st.none() | st.integers(1, 9),
        met=MOSTLY_MET,
    )
    def evaluate_by_council(
        self,
        step: int,
        level: Level,
        sheets: list[tuple[str, dict[str, Decimal], dict[str, Decimal]]],
        members: int | None,
        met: Met,
    ) -> None:
        """A council's members' sheets, sometimes too few, too many or one member twice."""
        day, levels = self.day(step), levels_met(*met)
        expected = self.paper.accepts_council(day, level, sheets, members, levels)
        given = tuple(ScoreSheet(member, points, bonus) for member, points, bonus in sheets)
        scored = make.evaluation(day, sheets=given, council_members=members)
        command = replace(scored, mandatory_met=met[0], mandatory_met_for=met[1])
        act = lambda: self.product.evaluate(command, make.council(level), TODAY)  # noqa: E731
        total = council_average([sum([*p.values(), *b.values()], Decimal(0)) for _, p, b in sheets])
        found = band(total, levels or ())
        latest = (level, total, day)
        self.check(act, expected, day, pending=(level, found, levels, day), latest=latest)
        if expected:
            assert self.product.evaluation is not None
            assert (self.product.evaluation.total, self.product.evaluation.band) == (total, found)
            # The record keeps each sheet as scored, a bonus kind scored 0 left out.
            kept = tuple(
                ScoreSheet(s.member, s.points, {k: v for k, v in s.bonus.items() if v})
                for s in given
            )
            assert self.product.evaluation.sheets == kept

    @rule(change=st.sampled_from(SET_CHANGES), level=st.sampled_from([P, C]), points=FAIR_POINTS)
    def evaluate_on_the_eve_of_new_criteria(
        self, change: date, level: Level, points: dict[str, int]
    ) -> None:
        """An evaluation the day before a new criteria set comes into force."""
        day = change - timedelta(days=1)
        if self.paper.last <= day:
            self.evaluation(day, level, points, {}, (True, None))

    @precondition(lambda self: self.paper.pending is not None)
    @rule(days_past_window=st.sampled_from([-1, 0, 1, 30]))
    def certify_across_new_criteria(self, days_past_window: int) -> None:
        """A decision near the end of the transition after the evaluation's set ended."""
        assert self.paper.pending is not None
        level, found, _, evaluated_on = self.paper.pending
        later = [rules for rules in SETS if rules.starts > evaluated_on]
        window = later[-1].takes_previous_until if later else None
        if window is not None:
            day = window + timedelta(days=days_past_window)
            competent = [s for s in rules_on(day).certifies.get(level, ()) if s <= found]
            self.certification(day, level, max(competent, default=found))

    @rule(step=STEPS, level=LEVELS, stars=st.integers(1, 6))
    def certify(self, step: int | None, level: Level, stars: int) -> None:
        self.certification(self.day(step), level, stars)

    @precondition(lambda self: self.paper.pending is not None)
    @rule(step=SOON)
    def certify_as_evaluated(self, step: int) -> None:
        """The council's own level certifies the most stars it may within the band found."""
        assert self.paper.pending is not None
        day, (level, found, _, _) = self.day(step), self.paper.pending
        competent = [s for s in rules_on(day).certifies.get(level, ()) if s <= found]
        self.certification(day, level, max(competent, default=found))

    def certification(self, day: date, level: Level, stars: int) -> None:
        paper = self.paper
        expected = paper.accepts_certificate(day, level, stars)
        decision, by = make.certificate(day, stars), make.authority(level)
        act = lambda: self.product.certify(decision, by, TODAY)  # noqa: E731
        certificate = {"stars": stars, "issued_by": level, "valid_until": last_valid_day(day)}
        fresh = {"pending": None, "suspended": False, "revoked": False, "issued": paper.issued + 1}
        fresh["handed"] = paper.handed_after_certificate(level)
        self.check(act, expected, day, **certificate, **fresh)
        if expected:
            issued = self.product.certificate
            assert issued is not None
            assert issued.number == f"{make.CODE}-C{paper.issued}"
            assert (issued.valid_from, issued.valid_until) == (day, paper.valid_until)

    @rule(step=STEPS, kind=st.sampled_from([FORWARD, PROPOSE]), level=LEVELS)
    def hand_off(self, step: int | None, kind: str, level: Level) -> None:
        """A council forwards the product to the province, or proposes it as potential 5★
        (issue 11 item 5), whichever its level and latest evaluation allow or not."""
        self.hand_off_as(self.day(step), kind, level)

    @rule(step=SOON, kind=st.sampled_from([FORWARD, FORWARD, PROPOSE]))
    def hand_off_fairly(self, step: int, kind: str) -> None:
        """The council that scored last hands the product on."""
        if self.paper.latest is not None:
            self.hand_off_as(self.day(step), kind, self.paper.latest[0])

    @rule(step=SOON, points=HIGH_POINTS, upto=st.sampled_from([P, C]))
    def climb(self, step: int, points: dict[str, Decimal], upto: Level) -> None:
        """The councils score the product level by level and hand it up to ``upto``, as the
        set in force asks, and ``upto``'s council evaluates it (all on one day)."""
        day, hand_offs = self.day(step), rules_on(self.day(step)).hand_offs
        for kind in (FORWARD, PROPOSE):
            if kind not in hand_offs:
                break
            below, above, _ = hand_offs[kind]
            self.evaluation(day, below, points, {}, (True, None))
            self.hand_off_as(day, kind, below)
            if above is upto:
                break
        self.evaluation(day, upto, points, {}, (True, None))

    def hand_off_as(self, day: date, kind: str, level: Level) -> None:
        expected = self.paper.accepts_hand_off(day, kind, level)
        command = make.forwarding(day) if kind == FORWARD else make.proposal(day)
        act = {FORWARD: self.product.forward, PROPOSE: self.product.propose}[kind]
        step = rules_on(day).hand_offs.get(kind)
        latest = self.paper.latest
        handed = dict(self.paper.handed_to())
        if step is not None and latest is not None:
            handed[step[1]] = latest[2]
        self.check(lambda: act(command, make.council(level), TODAY), expected, day, handed=handed)  # type: ignore[operator]
        if expected:
            assert step is not None and latest is not None
            standing = self.product.handed_to[-1]
            assert (standing.to_level, standing.total, standing.on) == (step[1], latest[1], day)

    @rule(step=STEPS, deadline=st.integers(-3, 90))
    def suspend(self, step: int | None, deadline: int) -> None:
        day = self.day(step)
        expected = self.paper.accepts_suspension(day, day + timedelta(days=deadline))
        act = lambda: self.product.suspend(make.suspension(day, deadline), make.inspector(), TODAY)  # noqa: E731
        self.check(act, expected, day, suspended=True)

    @rule(step=STEPS)
    def reinstate(self, step: int | None) -> None:
        day = self.day(step)
        act = lambda: self.product.reinstate(make.reinstatement(day), make.inspector(), TODAY)  # noqa: E731
        self.check(act, self.paper.accepts_reinstatement(day), day, suspended=False)

    @rule(step=STEPS, level=LEVELS)
    def revoke(self, step: int | None, level: Level) -> None:
        day = self.day(step)
        act = lambda: self.product.revoke(make.revocation(day), make.authority(level), TODAY)  # noqa: E731
        self.check(act, self.paper.accepts_revocation(day, level), day, revoked=True)

    @precondition(lambda self: self.product.version >= 4)  # lives long enough to be certified
    @rule(step=STEPS)
    def remove(self, step: int | None) -> None:
        day = self.day(step)
        act = lambda: self.product.remove(make.removal(day), make.office(), TODAY)  # noqa: E731
        self.check(act, self.paper.accepts_removal(day), day, removed=True)

    @invariant()
    def agree_on_today(self) -> None:
        assert self.product.status_on(TODAY) is self.paper.status(TODAY)
        assert self.product.last_effective_on == self.paper.last
        assert self.product.certificates_issued == self.paper.issued


ProductLifecycle.TestCase.settings = settings(
    max_examples=200, stateful_step_count=30, deadline=None
)
test_random_lives_of_a_product_follow_the_paper_register = ProductLifecycle.TestCase
