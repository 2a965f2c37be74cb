"""The programme's numbers: counts over a period, counts now, certificates expiring soon and
suspensions past their corrective deadline, for the public and for provincial offices."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from projections import Projector, ReadSide, questions
from registry.service import Registry
from tests.conftest import TODAY
from tests.projections import programme as story

HA_GIANG = "Hà Giang"


@pytest.fixture
def two_provinces(registry: Registry, read_side: ReadSide, projector: Projector) -> ReadSide:
    """Quảng Ninh: three products of two owners over 2023-2025; Hà Giang: one in 2025."""
    story.register(registry, "QN-0301", "Mực khô Cô Tô", date(2023, 5, 2), owner="HTX Cô Tô")
    story.certify(registry, "QN-0301", 3, date(2023, 12, 15))  # valid until 2026-12-14
    story.register(registry, "QN-0302", "Sá sùng Vân Đồn", date(2024, 2, 1), owner="HTX Cô Tô")
    story.certify(registry, "QN-0302", 4, date(2024, 3, 1))
    story.suspend(registry, "QN-0302", date(2025, 9, 1), date(2025, 10, 1))
    story.register(registry, "QN-0303", "Gà đồi Tiên Yên", date(2024, 6, 3), owner="HTX Tiên Yên")
    story.certify(registry, "QN-0303", 3, date(2024, 7, 1))
    story.revoke(registry, "QN-0303", 3, date(2025, 2, 1))
    story.remove(registry, "QN-0303", date(2025, 3, 1))
    story.register(
        registry,
        "HG-0304",
        "Chè Shan tuyết",
        date(2025, 4, 1),
        owner="HTX Phìn Hồ",
        province=HA_GIANG,
        district="Hoàng Su Phì",
    )
    story.certify(registry, "HG-0304", 4, date(2025, 5, 1), province=HA_GIANG)
    projector.catch_up()
    return read_side


def test_counts_over_a_year_of_the_programme(two_provinces: ReadSide) -> None:
    year = two_provinces.ask(
        questions.statistics(start=date(2024, 1, 1), end=date(2024, 12, 31), on=TODAY)
    )
    assert {
        key: year[key]
        for key in (
            "joined_total",
            "joined_in_period",
            "in_programme_at_end",
            "owners_total",
            "new_owners_in_period",
            "certificates_issued",
            "suspensions",
            "reinstatements",
            "revocations",
            "removals",
        )
    } == {
        "joined_total": 3,
        "joined_in_period": 2,
        "in_programme_at_end": 3,
        "owners_total": 2,
        "new_owners_in_period": 1,
        "certificates_issued": 2,
        "suspensions": 0,
        "reinstatements": 0,
        "revocations": 0,
        "removals": 0,
    }
    later = two_provinces.ask(
        questions.statistics(start=date(2025, 1, 1), end=date(2025, 12, 31), on=TODAY)
    )
    assert (later["joined_total"], later["in_programme_at_end"]) == (4, 3)
    assert (later["suspensions"], later["revocations"], later["removals"]) == (1, 1, 1)
    assert (later["certificates_issued"], later["new_owners_in_period"]) == (1, 1)


def test_counts_now_by_province_group_stars_and_status(two_provinces: ReadSide) -> None:
    now = two_provinces.ask(questions.statistics(start=TODAY, end=TODAY, on=TODAY))["now"]
    assert now["by_status"] == {"certified": 2, "removed": 1, "suspended": 1}
    # Today Hà Giang's product is counted under Tuyên Quang, which it merged into in 2025.
    assert now["by_province"] == {"Tuyên Quang": 1, story.QUANG_NINH: 2}
    assert now["by_group"] == {"food": 3}
    assert now["by_stars"] == {"3": 1, "4": 1}
    later = two_provinces.ask(questions.statistics(start=TODAY, end=TODAY, on=date(2026, 12, 20)))[
        "now"
    ]
    assert later["by_status"] == {"certified": 1, "expired": 1, "removed": 1, "suspended": 1}


def test_a_province_sees_its_own_numbers(two_provinces: ReadSide) -> None:
    quang_ninh = two_provinces.ask(
        questions.statistics(
            start=date(2025, 1, 1), end=date(2025, 12, 31), province="quang ninh", on=TODAY
        )
    )
    assert (quang_ninh["joined_total"], quang_ninh["certificates_issued"]) == (3, 0)
    assert quang_ninh["now"]["by_province"] == {story.QUANG_NINH: 2}
    ha_giang = two_provinces.ask(
        questions.statistics(
            start=date(2025, 1, 1), end=date(2025, 12, 31), province=HA_GIANG, on=TODAY
        )
    )
    assert (ha_giang["joined_in_period"], ha_giang["new_owners_in_period"]) == (1, 1)
    assert ha_giang["now"]["by_stars"] == {"4": 1}


def test_certificates_expiring_within_thirty_days(two_provinces: ReadSide) -> None:
    soon = two_provinces.ask(questions.expiring(on=TODAY, within_days=30))
    assert [(row["code"], row["valid_until"], row["days_left"]) for row in soon] == [
        ("QN-0301", date(2026, 12, 14), 15)
    ]
    assert two_provinces.ask(questions.expiring(on=TODAY, within_days=30, province=HA_GIANG)) == []
    assert two_provinces.ask(questions.expiring(on=date(2026, 12, 15), within_days=30)) == []


def test_suspensions_past_their_corrective_deadline(two_provinces: ReadSide) -> None:
    overdue = two_provinces.ask(questions.overdue_corrections(on=TODAY))
    assert [(row["code"], row["corrective_deadline"]) for row in overdue] == [
        ("QN-0302", date(2025, 10, 1))
    ]
    assert overdue[0]["days_overdue"] == (TODAY - date(2025, 10, 1)).days
    assert two_provinces.ask(questions.overdue_corrections(on=date(2025, 9, 30))) == []
    assert two_provinces.ask(questions.overdue_corrections(on=TODAY, province=HA_GIANG)) == []


def test_a_corrective_deadline_is_overdue_from_the_day_after_it_not_on_the_day(
    two_provinces: ReadSide,
) -> None:
    deadline = date(2025, 10, 1)
    assert (
        two_provinces.ask(questions.overdue_corrections(on=deadline)) == []
    )  # the day itself: still in time
    [late] = two_provinces.ask(questions.overdue_corrections(on=deadline + timedelta(days=1)))
    assert (late["code"], late["corrective_deadline"], late["days_overdue"]) == (
        "QN-0302",
        deadline,
        1,
    )
