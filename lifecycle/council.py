"""A council's evaluation: its members' score sheets, the quorum, and the averages the
register computes from them (or, for an older record imported, one set of points read as a
one-member council's). The figures are in ``lifecycle/scoring_figures.py``, with sources.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from lifecycle import errors
from lifecycle.commands import RecordEvaluation
from lifecycle.criteria import CriteriaSet, star_band
from lifecycle.scoring import (
    band_within_mandatory,
    check_bonus_within_caps,
    check_mandatory_levels,
    check_points_precise_enough,
    check_points_within_maxima,
    check_total_within_100,
)
from lifecycle.scoring_figures import MANDATORY_STAR_LEVELS, POINT_PLACES, QUORUM
from lifecycle.values import Evaluation, Level, ScoreSheet

PLACES = Decimal(1).scaleb(-POINT_PLACES)


def check_sheets_or_points(command: RecordEvaluation) -> Sequence[ScoreSheet]:
    """The members' sheets, or one set of points read as a one-member council's sheet."""
    if command.sheets and (command.points or command.bonus):
        raise errors.ScoresGivenTwice(
            "Give either the members' score sheets or one set of points (a one-member "
            "council, for older records), not both."
        )
    if command.sheets:
        return command.sheets
    return (ScoreSheet(member="", points=command.points, bonus=command.bonus),)


def check_quorum(sheets: Sequence[ScoreSheet], size: int | None) -> int:
    """Enough of the council's members scored, each once; the council's size."""
    needed = math.ceil(QUORUM[0] * (size or 0) / QUORUM[1])
    if size is None or len(sheets) > size or len(sheets) < needed:
        raise errors.QuorumNotMet(
            f"{len(sheets)} score sheets from a council of {size or 'unstated size'}; "
            f"at least two thirds of its members ({needed or 'of a stated size'}) must score, "
            "each once."
        )
    names = [sheet.member for sheet in sheets]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise errors.MemberScoredTwice(f"Members {repeated} gave more than one sheet.")
    return size


def check_sheet(criteria: CriteriaSet, sheet: ScoreSheet) -> Decimal:
    """One member's sheet keeps every rule of a set of points; its total."""
    check_points_precise_enough(sheet.points, sheet.bonus)
    check_points_within_maxima(criteria, sheet.points)
    check_bonus_within_caps(criteria, sheet.bonus)
    total = sum([*sheet.points.values(), *sheet.bonus.values()], Decimal(0))
    check_total_within_100(total)
    return total


def average(values: Sequence[Decimal]) -> Decimal:
    """The council's average, rounded half up to the points' precision."""
    mean = sum(values, Decimal(0)) / len(values)
    return mean.quantize(PLACES, rounding=ROUND_HALF_UP).normalize() + 0


def average_bonus(sheets: Sequence[ScoreSheet]) -> dict[str, Decimal]:
    """Each bonus kind's average over the sheets (a sheet without it counting 0)."""
    kinds = sorted({kind for sheet in sheets for kind in sheet.bonus})
    return {k: average([s.bonus.get(k, Decimal(0)) for s in sheets]) for k in kinds}


def score(criteria: CriteriaSet, command: RecordEvaluation, level: Level) -> Evaluation:
    """The evaluation the council's sheets make under ``criteria``, once every rule holds."""
    sheets = [sheet_of(sheet) for sheet in check_sheets_or_points(command)]
    totals = [check_sheet(criteria, sheet) for sheet in sheets]
    # One set of points (an older record) is a one-member council's unless it says otherwise.
    stated = command.council_members
    members = check_quorum(sheets, stated if command.sheets or stated else 1)
    met_for = check_mandatory_levels(command)
    total = average(totals)
    points_band = star_band(total)
    return Evaluation(
        council_level=level,
        criteria_set=criteria.id,
        points={p: average([s.points[p] for s in sheets]) for p in criteria.part_maxima},
        bonus=average_bonus(sheets),
        mandatory_met=MANDATORY_STAR_LEVELS[0] in met_for,
        mandatory_met_for=met_for,
        total=total,
        points_band=points_band,
        band=band_within_mandatory(points_band, met_for),
        minutes_ref=command.minutes_ref,
        evaluated_on=command.effective_on,
        council_members=members,
        sheets=tuple(sheets) if command.sheets else (),
        one_member_import=not command.sheets,
    )


def sheet_of(sheet: ScoreSheet) -> ScoreSheet:
    """The sheet with its points as decimals and its bonus without empty kinds."""
    return ScoreSheet(
        member=sheet.member,
        points={part: Decimal(value) for part, value in sheet.points.items()},
        bonus={kind: Decimal(value) for kind, value in sheet.bonus.items() if value},
    )
