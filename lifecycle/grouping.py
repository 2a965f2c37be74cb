"""The rules of a product's group and sub-group under a criteria set's catalogue
(``lifecycle/catalogue.py``): named at registration, renamed by an evaluation under a later
set whose catalogue lacks them."""

from __future__ import annotations

from lifecycle import errors
from lifecycle.catalogue import catalogue_of
from lifecycle.criteria import CriteriaSet


def check_subgroup_in_group(criteria: CriteriaSet, group: str, subgroup: str) -> None:
    """A stated sub-group is one of its group's under the set; none ('') may be stated, as
    older records imported name none."""
    known = catalogue_of(criteria.id)[group].subgroup_ids()
    if subgroup and subgroup not in known:
        raise errors.UnknownProductSubgroup(
            f"Sub-group {subgroup!r} is not one of group {group!r}'s under {criteria.id}; "
            f"expected one of {known}."
        )


def is_grouped_under(criteria: CriteriaSet, group: str, subgroup: str) -> bool:
    """Whether a group and sub-group are in the set's catalogue as they stand."""
    catalogue = catalogue_of(criteria.id)
    return group in catalogue and (not subgroup or subgroup in catalogue[group].subgroup_ids())


def check_grouped_under(
    criteria: CriteriaSet, kept: tuple[str, str], given: tuple[str, str]
) -> tuple[str, str]:
    """An evaluation is made in a group and sub-group of its set's catalogue: the product's
    own (``kept``) if the set has them, else the ones the council names (``given``), which
    must be the set's. Answers what the evaluation records: the group and sub-group given,
    or ('', '') when the product keeps its own."""
    group, subgroup = given
    if not group and not subgroup:
        if not is_grouped_under(criteria, *kept):
            raise errors.GroupNeededUnderSet(
                f"Group {kept[0]!r} (sub-group {kept[1] or 'not stated'!r}) is not in "
                f"{criteria.id}'s catalogue; name the product's group under {criteria.id}, "
                f"one of {sorted(catalogue_of(criteria.id))}."
            )
        return ("", "")
    group = group or kept[0]
    if group not in criteria.groups:
        raise errors.UnknownProductGroup(
            f"Group {group!r} is not defined under {criteria.id}; "
            f"expected one of {sorted(criteria.groups)}."
        )
    check_subgroup_in_group(criteria, group, subgroup)
    return (group, subgroup)
