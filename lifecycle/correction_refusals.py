"""Refusals of the offices' corrections, one class and stable code per rule."""

from __future__ import annotations

from lifecycle.refusal import InvalidCommand, RuleRefused


class NothingToCorrect(InvalidCommand):
    """A correction names at least one detail."""

    code = "nothing-to-correct"


class CorrectionChangesNothing(RuleRefused):
    """Every detail named already reads so."""

    code = "correction-changes-nothing"


class SameOwner(RuleRefused):
    """A transfer names another owner."""

    code = "transfer-to-same-owner"


class CorrectiveDeadlineAlreadyPassed(RuleRefused):
    """A deadline is extended before it passes."""

    code = "corrective-deadline-already-passed"


class DeadlineNotLater(InvalidCommand):
    """An extension ends later than the deadline it extends."""

    code = "deadline-not-extended"
