"""A council's score sheet in the workspace: a member's sheet read from its form and checked
by the register's own rules (``lifecycle.council.check_sheet``), the running tally of the
sheets saved so far (each member's total, the average, its band, by ``lifecycle.council``
and ``lifecycle.criteria``), and the council's latest evaluation of the product."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lifecycle.council import average, check_sheet
from lifecycle.criteria import CriteriaSet, star_band
from lifecycle.errors import RegisterError
from lifecycle.events import Evaluated, ProductEvent
from lifecycle.scoring_figures import MANDATORY_STAR_LEVELS
from lifecycle.values import Evaluation, ScoreSheet
from pages.words import N_
from workspace.forms import REQUIRED, Errors
from workspace.refusals import beside_field

NOT_A_NUMBER = N_("Write a number of points, for example 32.5.")
MEMBER_NAME_MOST = 200


@dataclass(frozen=True)
class Tally:
    """The sheets saved so far: each member's total, their average and its band."""

    totals: tuple[tuple[ScoreSheet, Decimal], ...]
    average: Decimal | None
    band: int | None


def bonus_kinds(criteria: CriteriaSet) -> dict[str, Decimal]:
    """The set's bonus kinds with their caps (none where the set awards no bonus)."""
    return dict(criteria.bonus.kind_caps) if criteria.bonus else {}


def read_sheet(criteria: CriteriaSet, form: Mapping[str, str]) -> tuple[ScoreSheet, Errors]:
    """A member's sheet as posted (``member``, ``points-<part>``, ``bonus-<kind>``), and what
    was wrong with it, field by field, then by the register's rules for a sheet."""
    errors: Errors = {}
    member = form.get("member", "").strip()
    if not member:
        errors["member"] = (REQUIRED, {})
    elif len(member) > MEMBER_NAME_MOST:
        errors["member"] = (N_("This is too long: at most %(most)s characters."), {"most": 200})
    points = {p: _number(form, f"points-{p}", errors) for p in criteria.part_maxima}
    bonus = {k: _number(form, f"bonus-{k}", errors, empty=True) for k in bonus_kinds(criteria)}
    sheet = ScoreSheet(
        member=member,
        points={p: v for p, v in points.items() if v is not None},
        bonus={k: v for k, v in bonus.items() if v},
    )
    if not errors:
        try:
            check_sheet(criteria, sheet)
        except RegisterError as refused:
            errors.update(beside_field(refused))
    return sheet, errors


def _number(
    form: Mapping[str, str], name: str, errors: Errors, empty: bool = False
) -> Decimal | None:
    text = form.get(name, "").strip().replace(",", ".")
    if not text:
        if not empty:
            errors[name] = (REQUIRED, {})
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or len(text) > 12:
        errors[name] = (NOT_A_NUMBER, {})
        return None
    return value


def tally(criteria: CriteriaSet, sheets: Sequence[ScoreSheet]) -> Tally:
    """Each saved sheet's total, and the council's running average and its band (the
    points' band: the mandatory criteria are found when the council submits)."""
    totals = []
    for sheet in sheets:
        try:
            totals.append((sheet, check_sheet(criteria, sheet)))
        except RegisterError:
            continue  # saved under a set no longer in force: no longer counted
    if not totals:
        return Tally((), None, None)
    mean = average([total for _sheet, total in totals])
    return Tally(tuple(totals), mean, star_band(mean))


def mandatory_met_for(form: Mapping[str, str]) -> tuple[int, ...]:
    """The star levels whose mandatory criteria the council found met (its ticked boxes)."""
    return tuple(level for level in MANDATORY_STAR_LEVELS if form.get(f"mandatory-{level}"))


def latest_evaluation(events: Sequence[ProductEvent]) -> Evaluation | None:
    """The product's latest evaluation, by whichever council."""
    found = [event.evaluation for event in events if isinstance(event, Evaluated)]
    return found[-1] if found else None
