"""Refusals of a product's group or sub-group under a criteria set's catalogue (read them
through ``lifecycle.errors``, which names every refusal)."""

from __future__ import annotations

from lifecycle.refusal import InvalidCommand, RegisterError, RuleRefused


class UnknownProductSubgroup(InvalidCommand):
    """Sub-group not among its group's in the set's catalogue."""

    code = "unknown-product-subgroup"


class GroupNeededUnderSet(RuleRefused):
    """The product's group is not in the evaluation's set: the council names its new one."""

    code = "group-needed-under-set"


class CriteriaSetNotFound(RegisterError):
    """No criteria set has that identifier."""

    code = "criteria-set-not-found"
