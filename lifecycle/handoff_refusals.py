"""Refusals of the hand-offs between levels (read them through ``lifecycle.errors``, which
names every refusal)."""

from __future__ import annotations

from lifecycle.refusal import NotPermitted, RuleRefused


class NotHandedOff(RuleRefused):
    """A council above its set's entry levels evaluates only what was handed to it."""

    code = "not-handed-off"


class NoHandOffFromLevel(NotPermitted):
    """The council's level hands nothing on that way under the set in force."""

    code = "no-hand-off-from-level"


class NoEvaluationToHandOn(RuleRefused):
    """A council hands on its own latest evaluation; the product's latest is not its."""

    code = "no-evaluation-to-hand-on"


class BelowHandOffThreshold(RuleRefused):
    """The evaluation scored fewer points than the set asks for that hand-off."""

    code = "below-hand-off-threshold"


class AlreadyHandedOff(RuleRefused):
    """That evaluation was already handed to that level."""

    code = "already-handed-off"
