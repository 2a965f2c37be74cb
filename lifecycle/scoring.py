"""How a council's scores become an evaluation: the rules they must keep (each ``check_*``
raising one error class, naming the figures) and the total and band the register computes.

The figures come from the criteria set in force (``lifecycle/criteria.py``) and from
``lifecycle/scoring_figures.py``, each citing its text.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from lifecycle import errors
from lifecycle.commands import RecordEvaluation
from lifecycle.criteria import TOTAL_MAXIMUM, CriteriaSet
from lifecycle.scoring_figures import BELOW_CERTIFIED_BAND, MANDATORY_STAR_LEVELS, POINT_PLACES
from lifecycle.values import Evaluation

# The kind older records' bonus points read under: they recorded no kind.
KIND_NOT_RECORDED = "not-recorded"


def check_points_precise_enough(
    points: Mapping[str, Decimal], bonus: Mapping[str, Decimal]
) -> None:
    """Points carry at most the texts' precision; more digits are refused, never rounded."""
    for name, value in [*points.items(), *bonus.items()]:
        exponent = Decimal(value).normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > POINT_PLACES:
            raise errors.PointsTooPrecise(
                f"{name} scored {value}: points carry at most {POINT_PLACES} decimal places."
            )


def check_points_within_maxima(criteria: CriteriaSet, points: Mapping[str, Decimal]) -> None:
    """Scores name exactly the set's parts, each from zero to its maximum."""
    if set(points) != set(criteria.part_maxima):
        raise errors.CriteriaPartsMismatch(
            f"Scores must give parts {sorted(criteria.part_maxima)} under {criteria.id}, "
            f"not {sorted(points)}."
        )
    for part, maximum in criteria.part_maxima.items():
        if points[part] < 0:
            raise errors.NegativePoints(f"Part {part} scored {points[part]}, below zero.")
        if points[part] > maximum:
            raise errors.PointsAboveMaximum(
                f"Part {part} scored {points[part]}, above its maximum of {maximum}."
            )


def check_bonus_within_caps(criteria: CriteriaSet, bonus: Mapping[str, Decimal]) -> None:
    """Bonus points come by kind, each kind and all together within the set's caps."""
    if any(value < 0 for value in bonus.values()):
        raise errors.NegativePoints(f"Bonus points cannot be negative ({dict(bonus)}).")
    awarded = {kind: value for kind, value in bonus.items() if value}
    rule = criteria.bonus
    if rule is None:
        if awarded:
            raise errors.BonusNotCounted(f"{criteria.id} awards no bonus points.")
        return
    for kind, value in bonus.items():
        if kind not in rule.kind_caps:
            raise errors.UnknownBonusKind(
                f"{criteria.id} awards no bonus of kind {kind!r}; "
                f"its kinds are {sorted(rule.kind_caps)}."
            )
        if value > rule.kind_caps[kind]:
            raise errors.BonusAboveKindCap(
                f"{kind} bonus {value} exceeds the {criteria.id} cap of {rule.kind_caps[kind]}."
            )
    if sum(bonus.values(), Decimal(0)) > rule.total_cap:
        raise errors.BonusAboveCap(
            f"bonus {sum(bonus.values(), Decimal(0))} exceeds the {criteria.id} cap of "
            f"{rule.total_cap}."
        )


def check_total_within_100(total: Decimal) -> None:
    """Bonus points never lift a total above 100."""
    if total > TOTAL_MAXIMUM:
        raise errors.TotalAboveMaximum(
            f"Points and bonus add up to {total}, above {TOTAL_MAXIMUM}."
        )


def check_mandatory_levels(command: RecordEvaluation) -> tuple[int, ...]:
    """The star levels whose mandatory criteria were met, stated once, without gaps; an older
    record's yes/no means every level's or none."""
    met, met_for = command.mandatory_met, command.mandatory_met_for
    if (met is None) == (met_for is None):
        raise errors.MandatoryCriteriaUnstated(
            "Say which star levels' mandatory criteria were met (mandatory_met_for), or, as "
            "older records do, whether all were (mandatory_met): one of the two."
        )
    if met_for is None:
        return MANDATORY_STAR_LEVELS if met else ()
    unknown = sorted(set(met_for) - set(MANDATORY_STAR_LEVELS))
    if unknown:
        raise errors.UnknownStarLevel(
            f"Star levels {unknown} have no mandatory criteria; levels are "
            f"{list(MANDATORY_STAR_LEVELS)}."
        )
    levels = tuple(sorted(set(met_for)))
    if levels != MANDATORY_STAR_LEVELS[: len(levels)]:
        raise errors.MandatoryLevelsWithGap(
            f"Mandatory criteria met for {list(levels)} but not for every lower level "
            f"(from {MANDATORY_STAR_LEVELS[0]})."
        )
    return levels


def band_within_mandatory(points_band: int, met_for: tuple[int, ...]) -> int:
    """The lower of the points' band and the highest level whose mandatory criteria hold."""
    return min(points_band, max(met_for, default=BELOW_CERTIFIED_BAND))


def evaluation_of_older_record(facts: Mapping[str, Any]) -> Evaluation:
    """An evaluation as the register stored it before decimals, bonus kinds and mandatory
    criteria per star level and score sheets: its yes/no meant every level's or none, its
    bonus is of no stated kind, its band the points' band, its council one member."""
    met_for = MANDATORY_STAR_LEVELS if facts["mandatory_met"] else ()
    return Evaluation(
        council_level=facts["council_level"],
        criteria_set=facts["criteria_set"],
        points={part: Decimal(value) for part, value in facts["points"].items()},
        bonus={KIND_NOT_RECORDED: Decimal(facts["bonus"])} if facts["bonus"] else {},
        mandatory_met=bool(facts["mandatory_met"]),
        mandatory_met_for=met_for,
        total=Decimal(facts["total"]),
        points_band=facts["band"],
        band=band_within_mandatory(facts["band"], met_for),
        minutes_ref=facts["minutes_ref"],
        evaluated_on=facts["evaluated_on"],
        council_members=1,
        sheets=(),
        one_member_import=True,
    )
