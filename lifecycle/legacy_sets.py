"""Each province's own criteria sets before the national one, and its switch-over, as data.

Before Decision 1048/QĐ-TTg each province certified under a set of its own. The set that
governs an evaluation or certificate is chosen by the product's province and the effective
date: on and after the province's switch-over, the national set in force; before it, the
province's own set in force that day (none before its first); a province whose own sets are
not in hand falls back to the generic ``provincial-legacy`` set of ``lifecycle.criteria``,
and switches over on 1048's national date (an ASSUMPTION, said so below).

The generic set keeps its id: events stored under ``provincial-legacy`` were recorded so and
still read so (the record says which set was applied; guessing a province's own set for them
would rewrite what the register knew).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lifecycle.criteria import BY_ID, CRITERIA_SETS, GROUPS_1048, CriteriaSet, criteria_set
from lifecycle.values import Level

GENERIC_LEGACY = "provincial-legacy"
NATIONAL_1048 = criteria_set("1048-2019")
QUANG_NINH = "Quảng Ninh"
AS_THE_GENERIC_SET = (
    "ASSUMPTION (the decision's text is not at hand): parts A 35, B 25, C 40, district and "
    "province councils, the province certifying 3 to 5 stars for 36 months and the groups of "
    "1048, as the generic provincial-legacy set (itself modelled on 1048)."
)


@dataclass(frozen=True)
class SwitchOver:
    """The day a province's evaluations and certificates came under the national set."""

    province: str
    national_from: date
    source: str


def provincial_set(id: str, title: str, start: date, until: date, source: str) -> CriteriaSet:
    """A province's own set: its dates and decision from the source, its figures assumed."""
    return CriteriaSet(
        id=id,
        title=title,
        in_force_from=start,
        in_force_until=until,
        part_maxima={"A": 35, "B": 25, "C": 40},
        bonus=None,
        evaluating_levels=frozenset({Level.DISTRICT, Level.PROVINCE}),
        certifiers={Level.PROVINCE: frozenset({3, 4, 5})},
        validity_months=36,
        groups=GROUPS_1048,
        source=f"{source} {AS_THE_GENERIC_SET}",
    )


PROVINCIAL_SETS: dict[str, tuple[CriteriaSet, ...]] = {
    QUANG_NINH: (
        provincial_set(
            "quang-ninh-3479-2015",
            "Quảng Ninh: Decision 3479/QĐ-UBND (5/11/2015), the province's OCOP criteria",
            date(2015, 11, 5),
            date(2018, 3, 29),
            "Decision 3479/QĐ-UBND of Quảng Ninh's People's Committee (5/11/2015); replaced "
            "by 978/QĐ-UBND from 30/3/2018.",
        ),
        provincial_set(
            "quang-ninh-978-2018",
            "Quảng Ninh: Decision 978/QĐ-UBND (in force from 30/3/2018)",
            date(2018, 3, 30),
            date(2019, 12, 31),
            "Decision 978/QĐ-UBND of Quảng Ninh's People's Committee, in force from "
            "30/3/2018; repealed by the application of 1048/QĐ-TTg (from 2020 in Quảng Ninh).",
        ),
    ),
}
SWITCH_OVERS: dict[str, SwitchOver] = {
    QUANG_NINH: SwitchOver(
        QUANG_NINH,
        date(2020, 1, 1),
        "Quảng Ninh's report on the first half of 2020: 2020 is the province's first year "
        "evaluating under 1048/QĐ-TTg.",
    ),
}
DEFAULT_SWITCH_OVER_SOURCE = (
    "ASSUMPTION (no provincial text at hand): the province applied 1048/QĐ-TTg from its "
    "national date, 21/8/2019."
)
ALL_SETS: dict[str, CriteriaSet] = {
    **BY_ID,
    **{c.id: c for sets in PROVINCIAL_SETS.values() for c in sets},
}


def switch_over(province: str) -> SwitchOver:
    """When ``province`` came under the national set, and what says so."""
    found = SWITCH_OVERS.get(province)
    if found is not None:
        return found
    return SwitchOver(province, NATIONAL_1048.in_force_from, DEFAULT_SWITCH_OVER_SOURCE)


def criteria_for(province: str, day: date) -> CriteriaSet | None:
    """The set that governs an evaluation or certificate of ``province`` dated ``day``, or
    None before the province's first set."""
    if day >= switch_over(province).national_from:
        national = (c for c in CRITERIA_SETS if c.id != GENERIC_LEGACY and c.in_force_on(day))
        return next(national, None)
    own = PROVINCIAL_SETS.get(province, (BY_ID[GENERIC_LEGACY],))
    return next((c for c in own if c.in_force_on(day)), None)


def set_by_id(criteria_id: str) -> CriteriaSet:
    """Any set, national, generic or a province's own, by the id events record."""
    return ALL_SETS[criteria_id]
