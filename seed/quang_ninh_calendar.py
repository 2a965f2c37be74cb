"""The Quảng Ninh scenario's principals and decision dates, from the province's first set
(Decision 3479/QĐ-UBND, 5/11/2015) to mid-2020.

Certification came in rounds: the councils scored the products, then one decision of the
province's People's Committee certified them. Until the end of 2019 the province's own sets
applied (3479/2015, then 978/2018 from 30/3/2018); from 2020, its first year, Decision 1048
(``lifecycle.legacy_sets``). The 2016 revocations were decided by the People's Committee,
the removals by the province's New Rural Development Board, in the first half of 2020.
Every date and number here is SYNTHETIC: drawn, not taken from the report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from lifecycle.legacy_sets import PROVINCIAL_SETS, switch_over
from lifecycle.values import Actor, Level, Role
from seed.quang_ninh_places import DISTRICTS, PROVINCE

# No product joins before the province's first set (the register refuses it).
OPENED, LAST_BEFORE_PERIOD = PROVINCIAL_SETS[PROVINCE][0].in_force_from, date(2019, 12, 20)
PERIOD_START, PERIOD_END = date(2020, 1, 1), date(2020, 6, 30)
NATIONAL_SET_FROM = switch_over(PROVINCE).national_from  # 1/1/2020 in Quảng Ninh

OFFICE = Actor("qn-van-phong-ocop", Role.PROGRAMME_OFFICE, PROVINCE)
COUNCIL = Actor("qn-hd-ocop-tinh", Role.EVALUATION_COUNCIL, PROVINCE, Level.PROVINCE)
AUTHORITY = Actor("qn-ubnd-tinh", Role.CERTIFYING_AUTHORITY, PROVINCE, Level.PROVINCE)
INSPECTOR = Actor("qn-thanh-tra", Role.INSPECTOR, PROVINCE)
DISTRICT_COUNCILS = {
    name: Actor(f"qn-hd-ocop-{slug}", Role.EVALUATION_COUNCIL, PROVINCE, Level.DISTRICT)
    for name, (slug, _, _) in DISTRICTS.items()
}


@dataclass(frozen=True)
class Round:
    """One decision (of the People's Committee, or for removals of the New Rural Development
    Board): its date and reference."""

    on: date
    decision_ref: str


@dataclass(frozen=True)
class Calendar:
    """The province's decisions that the scenario's stories use."""

    early: tuple[Round, ...]
    of_2016: tuple[Round, ...]
    legacy: tuple[Round, ...]
    late_2019: tuple[Round, ...]
    in_period: tuple[Round, ...]
    revocation: Round
    removals: tuple[Round, ...]

    @property
    def renewal(self) -> tuple[Round, ...]:
        """Rounds that renewed the certificates of 2015-2016."""
        return self.legacy[1:4]

    @property
    def lasting(self) -> tuple[Round, ...]:
        """Legacy rounds whose certificates were still valid at the end of 2020."""
        return self.legacy[1:]


def draw_calendar(rng: random.Random) -> Calendar:
    """The decision dates of the scenario, each with a drawn decision number."""

    def rounds(*days: str) -> tuple[Round, ...]:
        return tuple(
            Round(date.fromisoformat(day), f"{rng.randint(200, 4800)}/QĐ-UBND") for day in days
        )

    def board(*days: str) -> tuple[Round, ...]:
        """The New Rural Development Board's decisions: the report gives no numbers."""
        return tuple(
            Round(on, f"BCĐ NTM tỉnh Quảng Ninh {on:%d/%m/%Y} (SYNTHETIC reference)")
            for on in map(date.fromisoformat, days)
        )

    return Calendar(
        early=rounds("2015-12-15", "2016-03-25"),
        of_2016=rounds("2016-05-20", "2016-11-25"),
        legacy=rounds("2017-06-16", "2017-12-08", "2018-06-22", "2018-12-14", "2019-06-21"),
        late_2019=rounds("2019-11-29", "2019-12-27"),
        in_period=rounds("2020-03-13", "2020-06-19"),
        revocation=rounds("2020-04-17")[0],
        removals=board("2020-03-06", "2020-05-22"),
    )
