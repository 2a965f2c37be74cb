"""The demo register's principals: one per role, level and province the demo acts in."""

from __future__ import annotations

from lifecycle.values import Actor, Level, Role

QUANG_NINH, HA_GIANG, THAI_NGUYEN, DONG_THAP = "Quảng Ninh", "Hà Giang", "Thái Nguyên", "Đồng Tháp"
PROVINCES = {"qn": QUANG_NINH, "hg": HA_GIANG, "tn": THAI_NGUYEN, "dt": DONG_THAP}


def provincial_principals(slug: str, province: str) -> dict[str, Actor]:
    """A province's programme office, council, People's Committee and inspector."""
    return {
        f"{slug}-programme-office": Actor(
            f"{slug}-van-phong-ocop", Role.PROGRAMME_OFFICE, province
        ),
        f"{slug}-province-council": Actor(
            f"{slug}-hd-ocop-tinh", Role.EVALUATION_COUNCIL, province, Level.PROVINCE
        ),
        f"{slug}-province-authority": Actor(
            f"{slug}-ubnd-tinh", Role.CERTIFYING_AUTHORITY, province, Level.PROVINCE
        ),
        f"{slug}-inspector": Actor(f"{slug}-thanh-tra", Role.INSPECTOR, province),
    }


DEMO_PRINCIPALS: dict[str, Actor] = {
    **{
        key: actor
        for slug, province in PROVINCES.items()
        for key, actor in provincial_principals(slug, province).items()
    },
    "hg-district-council": Actor(
        "hg-hd-ocop-dong-van", Role.EVALUATION_COUNCIL, HA_GIANG, Level.DISTRICT
    ),
    "tn-district-council": Actor(
        "tn-hd-ocop-dai-tu", Role.EVALUATION_COUNCIL, THAI_NGUYEN, Level.DISTRICT
    ),
    "tn-district-authority": Actor(
        "tn-ubnd-huyen-dai-tu", Role.CERTIFYING_AUTHORITY, THAI_NGUYEN, Level.DISTRICT
    ),
    "central-council": Actor("hd-ocop-trung-uong", Role.EVALUATION_COUNCIL, None, Level.CENTRAL),
    "central-authority": Actor("bo-nong-nghiep", Role.CERTIFYING_AUTHORITY, None, Level.CENTRAL),
    "auditor": Actor("kiem-toan-ocop", Role.AUDITOR),
}
"""Every principal the demo acts as (and each province's inspector, and an auditor), keyed
by a name saying its role, level and province."""
