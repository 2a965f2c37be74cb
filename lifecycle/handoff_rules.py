"""The rules of the hand-offs between levels, each ``check_*`` raising one error class and
naming the figures; the figures themselves are data in ``lifecycle/handoffs.py``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lifecycle import errors
from lifecycle.criteria import CriteriaSet
from lifecycle.handoffs import HandOff, HandOffKind, HandOffStep, hand_offs_under
from lifecycle.values import Evaluation, Level

VERBS = {
    HandOffKind.FORWARD: "forwards",
    HandOffKind.PROPOSE_POTENTIAL_FIVE_STAR: "proposes as potential 5-star",
}


def in_words(step: HandOffStep) -> str:
    """The step as the texts say it: who hands which products to whom."""
    return (
        f"the {step.from_level.value} {VERBS[step.kind]} products of {step.threshold} points "
        f"and more to the {step.to_level.value}"
    )


def check_handed_off_to(
    criteria: CriteriaSet, level: Level, handed_to: Sequence[HandOff], code: str
) -> None:
    """A council above its set's entry levels evaluates only a product handed to its level
    (a central council only what a province proposed)."""
    rules = hand_offs_under(criteria.id)
    if level in rules.entry_levels or any(h.to_level is level for h in handed_to):
        return
    step = rules.step_to(level)
    how = in_words(step) if step else f"no level hands products to the {level.value}"
    raise errors.NotHandedOff(
        f"Under {criteria.id} a {level.value} council evaluates only products handed to it "
        f"({how}); nothing was handed to the {level.value} for product {code}."
    )


def hand_off_facts(
    criteria: CriteriaSet,
    kind: HandOffKind,
    level: Level,
    latest: Evaluation | None,
    handed_to: Sequence[HandOff],
) -> dict[str, Any]:
    """What a hand-off records of its step and of the evaluation it rests on, once every rule
    of a hand-off holds."""
    step = check_hand_off_provided(criteria, kind, level)
    evaluation = check_hands_on_own_evaluation(level, latest)
    check_reaches_threshold(criteria, step, evaluation)
    check_not_handed_off_already(step, evaluation, handed_to)
    return {
        "from_level": level, "to_level": step.to_level, "criteria_set": criteria.id,
        "total": evaluation.total, "band": evaluation.band,
        "minutes_ref": evaluation.minutes_ref, "evaluated_on": evaluation.evaluated_on,
    }  # fmt: skip


def check_hand_off_provided(criteria: CriteriaSet, kind: HandOffKind, level: Level) -> HandOffStep:
    """A council hands a product on only the way its set provides for its level."""
    rules = hand_offs_under(criteria.id)
    step = rules.step_of(kind, level)
    if step is None:
        ways = "; ".join(in_words(s) for s in rules.steps if s.kind is kind) or "none does"
        raise errors.NoHandOffFromLevel(
            f"Under {criteria.id} a {level.value} council does not {kind.value}: {ways}."
        )
    return step


def check_hands_on_own_evaluation(level: Level, latest: Evaluation | None) -> Evaluation:
    """A council hands on its own evaluation, the product's latest."""
    if latest is None or latest.council_level is not level:
        found = (
            f"is by the {latest.council_level.value} council ({latest.evaluated_on})"
            if latest
            else "does not exist"
        )
        raise errors.NoEvaluationToHandOn(
            f"A {level.value} council hands on its own evaluation; the product's latest "
            f"evaluation {found}."
        )
    return latest


def check_reaches_threshold(criteria: CriteriaSet, step: HandOffStep, latest: Evaluation) -> None:
    """The evaluation scored at least the set's threshold for that hand-off."""
    if latest.total < step.threshold:
        raise errors.BelowHandOffThreshold(
            f"The {step.from_level.value} council's evaluation of {latest.evaluated_on} scored "
            f"{latest.total} points; under {criteria.id} {in_words(step)}."
        )


def check_not_handed_off_already(
    step: HandOffStep, latest: Evaluation, handed_to: Sequence[HandOff]
) -> None:
    """One evaluation is handed to a level once."""
    if any(h.to_level is step.to_level and h.evaluated_on == latest.evaluated_on
           and h.minutes_ref == latest.minutes_ref for h in handed_to):  # fmt: skip
        raise errors.AlreadyHandedOff(
            f"The evaluation of {latest.evaluated_on} ({latest.minutes_ref}) was already "
            f"handed to the {step.to_level.value}."
        )
