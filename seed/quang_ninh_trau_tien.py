""" "Tinh dầu trầu tiên Yên Tử": suspended after an inspection in the first half of 2020 and
reinstated after correction, as the report says. The report states neither its owner nor its
stars: the cooperative, the 4 stars of the June 2018 round (under 978/QĐ-UBND), the dates,
references and findings are SYNTHETIC, and the record says so in each note.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lifecycle.values import Owner, OwnerKind
from seed import builders as make
from seed.quang_ninh_calendar import AUTHORITY, COUNCIL, DISTRICT_COUNCILS, INSPECTOR, Calendar
from seed.quang_ninh_names import OwnerPlan
from seed.quang_ninh_stories import Story

TRAU_TIEN = "Tinh dầu trầu tiên Yên Tử"
STARS_UNSTATED = "SYNTHETIC: the report does not state the stars; 4 are assumed."
OWNER_UNSTATED = "SYNTHETIC: the report does not name the owner; the cooperative is invented."
GROUP = "herbal-products"


def trau_tien_owner(organisation_id: str) -> OwnerPlan:
    """The cooperative of Thượng Yên Công, Uông Bí, that distils it."""
    owner = Owner(organisation_id, "HTX Dược liệu Yên Tử", OwnerKind.COOPERATIVE)  # SYNTHETIC
    return OwnerPlan(owner, "Uông Bí", "Thượng Yên Công")


def trau_tien_story(calendar: Calendar) -> Story:
    """Joined in 2016; 4 stars (assumed) in the June 2018 round; suspended and reinstated in
    2020."""
    round = calendar.legacy[2]
    story = Story(date(2016, 5, 12), "Uông Bí")
    scores = make.evaluation(
        date(2018, 5, 25), points={"A": 29, "B": 20, "C": 33}, minutes_ref="18/BB-HĐ"
    )
    certificate = replace(make.certificate(round.on, 4, round.decision_ref), note=STARS_UNSTATED)
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
    district = replace(scores, minutes_ref="11/BB-HĐ")  # the same points (assumed)
    story.steps += [
        (DISTRICT_COUNCILS[story.district], district),  # 978, assumed: the district first
        (DISTRICT_COUNCILS[story.district], make.forwarding(date(2018, 5, 25))),
        (COUNCIL, scores),
        (AUTHORITY, certificate),
        (INSPECTOR, suspension),
        (INSPECTOR, reinstatement),
    ]
    return story
