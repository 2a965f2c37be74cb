"""Who acts in the programme's stories: each principal by role, level and province, and the
demo register's principals: today's, one per role, level and province the demo acts in (its
keys), and the former ones, of Hà Giang and of the districts, who acted before 1 July 2025."""

from __future__ import annotations

from datetime import date

from lifecycle.legacy_sets import criteria_for
from lifecycle.values import Actor, Level, Role

QUANG_NINH, HA_GIANG, THAI_NGUYEN, DONG_THAP = "Quảng Ninh", "Hà Giang", "Thái Nguyên", "Đồng Tháp"
TUYEN_QUANG = "Tuyên Quang"  # Hà Giang merged into it on 1 July 2025
# Where the demo's products were registered, by the first letters of their codes.
PROVINCES = {"qn": QUANG_NINH, "hg": HA_GIANG, "tn": THAI_NGUYEN, "dt": DONG_THAP}
# The provinces standing today that the demo's keys act for.
PROVINCES_TODAY = {"qn": QUANG_NINH, "tq": TUYEN_QUANG, "tn": THAI_NGUYEN, "dt": DONG_THAP}


def office(province: str = QUANG_NINH, named: str = "") -> Actor:
    """The province's programme office."""
    return Actor(named or f"office:{province}", Role.PROGRAMME_OFFICE, province)


def council(level: Level = Level.PROVINCE, province: str = QUANG_NINH, named: str = "") -> Actor:
    """The evaluation council of ``level`` (the central one sits in no province)."""
    return levelled(Role.EVALUATION_COUNCIL, "council", level, province, named)


def authority(level: Level = Level.PROVINCE, province: str = QUANG_NINH, named: str = "") -> Actor:
    """The People's Committee (or the ministry, centrally) that certifies at ``level``."""
    return levelled(Role.CERTIFYING_AUTHORITY, "ubnd", level, province, named)


def levelled(role: Role, kind: str, level: Level, province: str, named: str) -> Actor:
    """A council or authority of ``level``, called ``named`` or else after its kind, level and
    province."""
    where = None if level is Level.CENTRAL else province
    return Actor(named or f"{kind}:{level.value}:{where or ''}", role, where, level)


def inspector(province: str = QUANG_NINH, named: str = "") -> Actor:
    """The province's inspector."""
    return Actor(named or f"inspector:{province}", Role.INSPECTOR, province)


def competent_level(stars: int, day: date, province: str = QUANG_NINH) -> Level:
    """The level that certifies ``stars`` under the criteria set in force on ``day``."""
    criteria = criteria_for(province, day)
    assert criteria is not None, f"no criteria set in force on {day}"
    return next(level for level, certified in criteria.certifiers.items() if stars in certified)


def provincial_principals(slug: str, province: str) -> dict[str, Actor]:
    """A province's programme office, council, People's Committee and inspector."""
    return {
        f"{slug}-programme-office": office(province, f"{slug}-van-phong-ocop"),
        f"{slug}-province-council": council(Level.PROVINCE, province, f"{slug}-hd-ocop-tinh"),
        f"{slug}-province-authority": authority(Level.PROVINCE, province, f"{slug}-ubnd-tinh"),
        f"{slug}-inspector": inspector(province, f"{slug}-thanh-tra"),
    }


DEMO_PRINCIPALS: dict[str, Actor] = {
    **{
        key: actor
        for slug, province in PROVINCES_TODAY.items()
        for key, actor in provincial_principals(slug, province).items()
    },
    # The councils that hand products up to the province since 1 July 2025 (Decision 1489):
    # a commune's; the demo names one per province.
    **{
        f"{slug}-commune-council": council(Level.COMMUNE, province, f"{slug}-hd-ocop-xa")
        for slug, province in PROVINCES_TODAY.items()
    },
    "central-council": council(Level.CENTRAL, named="hd-ocop-trung-uong"),
    "central-authority": authority(Level.CENTRAL, named="bo-nong-nghiep"),
    "auditor": Actor("kiem-toan-ocop", Role.AUDITOR),
}
"""Every principal the demo acts as (and each province's inspector, and an auditor), keyed
by a name saying its role, level and province."""

FORMER_PRINCIPALS: dict[str, Actor] = {
    **provincial_principals("hg", HA_GIANG),
    "hg-district-council": council(Level.DISTRICT, HA_GIANG, "hg-hd-ocop-dong-van"),
    "tn-district-council": council(Level.DISTRICT, THAI_NGUYEN, "tn-hd-ocop-dai-tu"),
    # The district councils that handed products up to the province before 1 July 2025.
    "qn-district-council": council(Level.DISTRICT, QUANG_NINH, "qn-hd-ocop-huyen"),
    "dt-district-council": council(Level.DISTRICT, DONG_THAP, "dt-hd-ocop-huyen"),
    "tn-district-authority": authority(Level.DISTRICT, THAI_NGUYEN, "tn-ubnd-huyen-dai-tu"),
}
"""The principals who acted in the demo's stories before 1 July 2025 and act no more: Hà
Giang's (merged into Tuyên Quang) and the district councils and authorities. No key is made
for them."""
ACTED_AS = {**DEMO_PRINCIPALS, **FORMER_PRINCIPALS}
