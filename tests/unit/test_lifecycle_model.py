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

from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from lifecycle.errors import NoCriteriaSet, RegisterError
from lifecycle.product import Product
from lifecycle.values import Level, Location, RevocationReason, ScoreSheet
from seed import builders as make, corrections as fix
from seed.renewal_builders import renewal_notice
from tests.unit.eras import TODAY
from tests.unit.reference_model import (
    BONUS_KINDS,
    FORWARD,
    PROPOSE,
    PROVINCES,
    C,
    D,
    K,
    P,
    PaperRegister,
    band,
    council_average,
    first_set,
    last_valid_day,
    levels_met,
    rules_on,
    sets_of,
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
# The group an evaluation names: mostly none, else one of either set's.
NAMED_GROUPS = st.sampled_from(["", "", "herbal-products", "medicinal-herbs", "handicrafts"])
NAMED_GROUPS |= st.just("textiles-garments")
REASONS = st.sampled_from(
    [RevocationReason.BREACH_OF_REGULATION, RevocationReason.EXPIRED_NOT_RENEWED]
)
SET_CHANGES = [date(2018, 3, 30), date(2019, 8, 21), date(2020, 1, 1), date(2023, 2, 24)]
SET_CHANGES += [date(2025, 7, 6)]


def fingerprint(product: Product) -> dict[str, Any]:
    """The product's state; its values are immutable but for the list of pending events."""
    return {**vars(product), "_pending_events": tuple(product.pending_events)}


class ProductLifecycle(RuleBasedStateMachine):
    """Drives the aggregate and the paper register with the same commands."""

    product: Product
    paper: PaperRegister

    @initialize(
        start=st.dates(date(2014, 1, 1), date(2029, 6, 30)),
        province=st.sampled_from(sorted(PROVINCES)),
    )
    def register(self, start: date, province: str) -> None:
        """A product of a province with its own legacy sets, or of one without; none joins
        before its province's first set."""
        location = Location(province, "Uông Bí", "Thượng Yên Công")
        if start < first_set(province):
            try:
                Product.register(make.registration(start, location=location), make.office(), TODAY)
                raise AssertionError(f"registered in {province} before its first set")
            except NoCriteriaSet:
                start = first_set(province)
        self.product = Product.register(
            make.registration(start, location=location), make.office(), TODAY
        )
        details = {"name": make.NAME, "owner_name": make.OWNER.name}
        details |= {"district": location.district, "commune": location.commune}
        self.paper = PaperRegister(
            last=start,
            province=province,
            details=details,
            owner_id=make.OWNER.organisation_id,
            group=make.herbal_group(start, province),
        )

    def rules_on(self, day: date) -> Any:
        return rules_on(day, self.paper.province)

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

    @rule(step=STEPS, level=LEVELS, points=ANY_POINTS, bonus=BONUS, met=MET, group=NAMED_GROUPS)
    def evaluate(
        self,
        step: int | None,
        level: Level,
        points: dict[str, Decimal],
        bonus: dict[str, Decimal],
        met: Met,
        group: str,
    ) -> None:
        self.evaluation(self.day(step), level, points, bonus, met, group)

    def fair_group(self, day: date) -> str:
        """What a council that knows the catalogue names: the herbal group of the day's set
        when the product's own is not that set's, else nothing."""
        return "" if self.paper.grouped(day, "") else make.herbal_group(day, self.paper.province)

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
        group: str | None = None,
    ) -> None:
        levels, named = levels_met(*met), self.fair_group(day) if group is None else group
        expected = self.paper.accepts_evaluation(day, level, points, bonus, levels)
        expected = expected and self.paper.grouped(day, named)
        scored = make.evaluation(day, bonus=bonus, points=points, group=named)
        command = replace(scored, mandatory_met=met[0], mandatory_met_for=met[1])
        act = lambda: self.product.evaluate(command, make.council(level), TODAY)  # noqa: E731
        total = sum([*points.values(), *bonus.values()], Decimal(0))
        found = band(total, levels or ())
        grouping = {"group": named, "subgroup": ""} if named else {}
        latest = (level, total, day)
        self.check(
            act, expected, day, pending=(level, found, levels, day), latest=latest, **grouping
        )
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
        named = self.fair_group(day)
        expected = self.paper.accepts_council(day, level, sheets, members, levels)
        expected = expected and self.paper.grouped(day, named)
        given = tuple(ScoreSheet(member, points, bonus) for member, points, bonus in sheets)
        scored = make.evaluation(day, sheets=given, council_members=members, group=named)
        command = replace(scored, mandatory_met=met[0], mandatory_met_for=met[1])
        act = lambda: self.product.evaluate(command, make.council(level), TODAY)  # noqa: E731
        total = council_average([sum([*p.values(), *b.values()], Decimal(0)) for _, p, b in sheets])
        found = band(total, levels or ())
        grouping = {"group": named, "subgroup": ""} if named else {}
        latest = (level, total, day)
        self.check(
            act, expected, day, pending=(level, found, levels, day), latest=latest, **grouping
        )
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
        later = [rules for rules in sets_of(self.paper.province) if rules.starts > evaluated_on]
        window = later[-1].takes_previous_until if later else None
        if window is not None:
            day = window + timedelta(days=days_past_window)
            competent = [s for s in self.rules_on(day).certifies.get(level, ()) if s <= found]
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
        competent = [s for s in self.rules_on(day).certifies.get(level, ()) if s <= found]
        self.certification(day, level, max(competent, default=found))

    def certification(self, day: date, level: Level, stars: int) -> None:
        paper = self.paper
        expected, renews = paper.accepts_certificate(day, level, stars), paper.renews(day)
        decision, by = make.certificate(day, stars), make.authority(level)
        act = lambda: self.product.certify(decision, by, TODAY)  # noqa: E731
        certificate = {"stars": stars, "issued_by": level, "valid_until": last_valid_day(day)}
        fresh = {"pending": None, "suspended": False, "revoked": False, "issued": paper.issued + 1}
        fresh["deadline"] = None
        fresh["handed"] = paper.handed_after_certificate(level)
        self.check(act, expected, day, **certificate, **fresh)
        if expected:
            issued = self.product.certificate
            assert issued is not None
            assert issued.number == f"{make.CODE}-C{paper.issued}"
            assert (issued.valid_from, issued.valid_until) == (day, paper.valid_until)
            assert issued.renews == renews  # re-recognition continues the old one, no gap

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
        day, hand_offs = self.day(step), self.rules_on(self.day(step)).hand_offs
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
        step = self.rules_on(day).hand_offs.get(kind)
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
        self.check(act, expected, day, suspended=True, deadline=day + timedelta(days=deadline))

    @rule(step=STEPS)
    def reinstate(self, step: int | None) -> None:
        day = self.day(step)
        act = lambda: self.product.reinstate(make.reinstatement(day), make.inspector(), TODAY)  # noqa: E731
        self.check(act, self.paper.accepts_reinstatement(day), day, suspended=False, deadline=None)

    @rule(step=STEPS, level=LEVELS, reason=REASONS)
    def revoke(self, step: int | None, level: Level, reason: RevocationReason) -> None:
        day, not_renewed = self.day(step), reason is RevocationReason.EXPIRED_NOT_RENEWED
        decision = make.revocation(day, reason)
        act = lambda: self.product.revoke(decision, make.authority(level), TODAY)  # noqa: E731
        expected = self.paper.accepts_revocation(day, level, not_renewed)
        self.check(act, expected, day, revoked=True)

    @rule(step=STEPS, level=LEVELS)
    def give_notice(self, step: int | None, level: Level) -> None:
        """Notice of the certificate's end, near it or not, by any level."""
        day = self.day(step)
        act = lambda: self.product.give_renewal_notice(  # noqa: E731
            renewal_notice(day), make.authority(level), TODAY
        )
        self.check(act, self.paper.accepts_notice(day, level), day)

    @precondition(lambda self: self.paper.valid_until is not None)
    @rule(days=st.sampled_from([-31, -30, -1, 0, 1, 2]), level=LEVELS)
    def give_notice_near_the_end(self, days: int, level: Level) -> None:
        """Notice in time, late, on the last day, or after the end (refused)."""
        assert self.paper.valid_until is not None
        day = min(max(self.paper.valid_until + timedelta(days=days), self.paper.last), TODAY)
        act = lambda: self.product.give_renewal_notice(  # noqa: E731
            renewal_notice(day), make.authority(level), TODAY
        )
        self.check(act, self.paper.accepts_notice(day, level), day)

    @rule(
        step=STEPS,
        named=st.dictionaries(
            st.sampled_from(["name", "owner_name", "district", "commune"]),
            st.sampled_from([make.NAME, "Tinh dầu Trầu tiên", "Uông Bí", "Thượng Yên"]),
            max_size=3,
        ),
    )
    def correct(self, step: int | None, named: dict[str, str]) -> None:
        """The office corrects some details: sometimes none, sometimes to what they read."""
        day = self.day(step)
        command = fix.correction(day, **named)
        act = lambda: self.product.correct_registration(command, make.office(), TODAY)  # noqa: E731
        details = {**self.paper.details, **named}
        self.check(act, self.paper.accepts_correction(day, named), day, details=details)

    @rule(step=STEPS, owner_id=st.sampled_from([make.OWNER.organisation_id, "5700109876", "57x"]))
    def transfer(self, step: int | None, owner_id: str) -> None:
        """The office records a transfer, sometimes to the owner it already has."""
        day = self.day(step)
        owner = replace(fix.NEW_OWNER, organisation_id=owner_id)
        command = fix.transfer(day, owner)
        act = lambda: self.product.transfer_ownership(command, make.office(), TODAY)  # noqa: E731
        names = {**self.paper.details, "owner_name": owner.name}
        self.check(
            act, self.paper.accepts_transfer(day, owner_id), day, owner_id=owner_id, details=names
        )

    @rule(step=STEPS, more=st.integers(-10, 60))
    def extend(self, step: int | None, more: int) -> None:
        """The inspector extends the corrective deadline by ``more`` days (or shortens it)."""
        day = self.day(step)
        deadline = (self.paper.deadline or day) + timedelta(days=more)
        command = fix.extension(day, deadline)
        act = lambda: self.product.extend_deadline(command, make.inspector(), TODAY)  # noqa: E731
        self.check(act, self.paper.accepts_extension(day, deadline), day, deadline=deadline)

    @precondition(lambda self: self.paper.deadline is not None)
    @rule(offset=st.sampled_from([-1, 0, 0, 1]), more=st.integers(1, 30))
    def extend_about_the_deadline(self, offset: int, more: int) -> None:
        """An extension the day before, on, or the day after the deadline."""
        assert self.paper.deadline is not None
        day = min(max(self.paper.deadline + timedelta(days=offset), self.paper.last), TODAY)
        deadline = self.paper.deadline + timedelta(days=more)
        command = fix.extension(day, deadline)
        act = lambda: self.product.extend_deadline(command, make.inspector(), TODAY)  # noqa: E731
        self.check(act, self.paper.accepts_extension(day, deadline), day, deadline=deadline)

    @precondition(lambda self: self.product.version >= 4)  # lives long enough to be certified
    @rule(step=STEPS)
    def remove(self, step: int | None) -> None:
        day = self.day(step)
        act = lambda: self.product.remove(make.removal(day), make.office(), TODAY)  # noqa: E731
        self.check(act, self.paper.accepts_removal(day), day, removed=True)

    @invariant()
    def agree_on_the_record(self) -> None:
        """The details, owner and corrective deadline the clerk noted are the product's."""
        product, paper = self.product, self.paper
        where = product.location
        assert (product.name, product.owner.name, where.district, where.commune) == (
            paper.details["name"],
            paper.details["owner_name"],
            paper.details["district"],
            paper.details["commune"],
        )
        assert product.owner.organisation_id == paper.owner_id
        certificate = product.certificate
        if paper.suspended and certificate is not None and certificate.revoked_on is None:
            assert certificate.corrective_deadline == paper.deadline

    @invariant()
    def agree_on_today(self) -> None:
        assert self.product.status_on(TODAY) is self.paper.status(TODAY)
        assert self.product.last_effective_on == self.paper.last
        assert self.product.certificates_issued == self.paper.issued
        assert (self.product.group, self.product.subgroup) == (
            self.paper.group,
            self.paper.subgroup,
        )


ProductLifecycle.TestCase.settings = settings(
    max_examples=200, stateful_step_count=30, deadline=None
)
test_random_lives_of_a_product_follow_the_paper_register = ProductLifecycle.TestCase
