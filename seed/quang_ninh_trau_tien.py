""" "Tinh dầu trầu tiên Yên Tử": certified 4 stars by the province in 2018, suspended after an
inspection early in 2020 found its committed quality was not met, reinstated after correction.
"""

from __future__ import annotations

from datetime import date

from lifecycle.values import Owner, OwnerKind
from seed import builders as make
from seed.quang_ninh_calendar import AUTHORITY, COUNCIL, INSPECTOR, Calendar
from seed.quang_ninh_names import OwnerPlan
from seed.quang_ninh_stories import Story

TRAU_TIEN = "Tinh dầu trầu tiên Yên Tử"
GROUP = "herbal-products"


def trau_tien_owner(organisation_id: str) -> OwnerPlan:
    """The cooperative of Thượng Yên Công, Uông Bí, that distils it."""
    owner = Owner(organisation_id, "HTX Dược liệu Yên Tử", OwnerKind.COOPERATIVE)
    return OwnerPlan(owner, "Uông Bí", "Thượng Yên Công")


def trau_tien_story(calendar: Calendar) -> Story:
    """Joined in 2016; 4 stars in the June 2018 round; suspended and reinstated in 2020."""
    round = calendar.legacy[2]
    story = Story(date(2016, 5, 12), "Uông Bí")
    scores = make.evaluation(
        date(2018, 5, 25), points={"A": 29, "B": 20, "C": 33}, minutes_ref="18/BB-HĐ"
    )
    certificate = make.certificate(round.on, 4, round.decision_ref)
    suspension = make.suspension(
        date(2020, 2, 14),
        76,
        inspection_ref="05/BB-KT",
        findings="Mẫu tinh dầu lấy tại cơ sở không đạt hàm lượng và chỉ tiêu cảm quan đã cam "
        "kết trong hồ sơ sản phẩm OCOP.",
        reason="Chất lượng sản phẩm không đạt như cam kết",
    )
    reinstatement = make.reinstatement(
        date(2020, 4, 24),
        reinspection_ref="11/BB-KT",
        corrected="Chuẩn hóa quy trình chưng cất; lô sản phẩm kiểm nghiệm lại đạt chỉ tiêu "
        "đã công bố.",
    )
    story.steps += [
        (COUNCIL, scores),
        (AUTHORITY, certificate),
        (INSPECTOR, suspension),
        (INSPECTOR, reinstatement),
    ]
    return story
