"""What happened to each kind of product in the Quảng Ninh scenario, as dated decisions. One
random source draws every date, score and reason, so a seed gives one history; each story's
decisions are in date order under the rules of the set in force on their dates."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from lifecycle.commands import ProductCommand, RecordEvaluation
from lifecycle.legacy_sets import criteria_for
from lifecycle.values import Actor, RemovalReason, RevocationReason
from seed import builders as make
from seed.quang_ninh_calendar import (
    AUTHORITY,
    COUNCIL,
    DISTRICT_COUNCILS,
    INSPECTOR,
    LAST_BEFORE_PERIOD,
    NATIONAL_SET_FROM,
    OFFICE,
    OPENED,
    PERIOD_END,
    PERIOD_START,
    Calendar,
    Round,
)
from seed.quang_ninh_places import PROVINCE

BANDS = {2: (30, 49), 3: (50, 69), 4: (70, 89), 5: (90, 97)}
NO_REASON_GIVEN = "SYNTHETIC: the report gives no reason for the revocation; reason 'other'."
BOARD = "Đưa ra khỏi Chương trình OCOP theo quyết định của Ban Chỉ đạo xây dựng nông thôn mới tỉnh."
BOARD_REMOVED = (
    "Removed by the province's New Rural Development Board, as the report says; it gives no "
    "reason ('other') and no decision number (the reference is SYNTHETIC)."
)
BREACHES = (
    ("Nhãn sản phẩm không đúng nội dung đã công bố", "Vi phạm quy định về nhãn hàng hóa"),
    ("Không duy trì hồ sơ truy xuất nguồn gốc", "Không duy trì điều kiện đã được công nhận"),
    ("Chỉ tiêu vi sinh của mẫu kiểm tra vượt mức công bố", "Chất lượng không đạt như công bố"),
)
Step = tuple[Actor, ProductCommand]


@dataclass
class Story:
    """A product's history: when it joined, where, and the decisions that followed, in order."""

    joined_on: date
    district: str
    steps: list[Step] = field(default_factory=list)

    @property
    def last_on(self) -> date:
        return self.steps[-1][1].effective_on if self.steps else self.joined_on


class Teller:
    """Draws the stories of the scenario's kinds of product."""

    def __init__(self, rng: random.Random, calendar: Calendar) -> None:
        self.rng, self.calendar = rng, calendar

    # Kinds of product.

    def participating(self, district: str) -> Story:
        """Joined before 2020, never certified; some scored by their district's council."""
        story = self.joined(district, LAST_BEFORE_PERIOD)
        if self.rng.random() < 0.4:
            self.scored_short(story, PERIOD_END - timedelta(days=4))
        return story

    def joined_in_period(self, district: str) -> Story:
        """Joined in the first half of 2020; some already scored by the district council."""
        story = Story(
            self.day(PERIOD_START + timedelta(days=1), PERIOD_END - timedelta(4)), district
        )
        on = story.joined_on + timedelta(days=self.rng.randint(20, 60))
        if self.rng.random() < 0.35 and on <= PERIOD_END:
            story.steps.append(
                (DISTRICT_COUNCILS[district], self.scores(on, self.rng.randint(40, 78)))
            )
        return story

    def removed(self, district: str) -> Story:
        """Never certified, and taken out of the programme by a decision of 2020."""
        story = self.joined(district, date(2018, 12, 31))
        if self.rng.random() < 0.5:
            self.scored_short(story, LAST_BEFORE_PERIOD, passing=False)
        decision = self.rng.choice(self.calendar.removals)
        removal = make.removal(decision.on, RemovalReason.OTHER, decision_ref=decision.decision_ref)
        story.steps.append((OFFICE, replace(removal, note=BOARD_REMOVED, public_reason=BOARD)))
        return story

    def revoked_2016(self, district: str) -> Story:
        """Certified in 2016, revoked in 2020 (the report gives no reason: "other")."""
        story = self.certified_once(district, self.rng.choice(self.calendar.of_2016))
        decision, reason = self.calendar.revocation, RevocationReason.OTHER
        revocation = make.revocation(
            decision.on, reason, decision_ref=decision.decision_ref, note=NO_REASON_GIVEN
        )
        story.steps.append((AUTHORITY, revocation))
        return story

    def legacy(self, district: str, *, lasting: bool = False) -> Story:
        """Certified once by the province under its own set, 2017-2019."""
        rounds = self.calendar.lasting if lasting else self.calendar.legacy
        return self.certified_once(district, self.rng.choice(rounds))

    def renewed(self, district: str) -> Story:
        """Certified in 2015-2016 under 3479, renewed in 2017-2018 under 3479 or 978."""
        story = self.certified_once(district, self.rng.choice(self.calendar.early))
        self.certified(story, self.rng.choice(self.calendar.renewal), self.stars(5))
        return story

    def late_2019(self, district: str) -> Story:
        """Certified by the province under its own 978 set at the end of 2019 (1048 came to
        Quảng Ninh in 2020)."""
        return self.certified_once(district, self.rng.choice(self.calendar.late_2019))

    def certified_in_period(self, district: str) -> Story:
        """Certified by the province under Decision 1048 in the first half of 2020."""
        return self.certified_once(district, self.rng.choice(self.calendar.in_period))

    def suspended(self, story: Story, *, reinstated: bool) -> Story:
        """An inspection of 2020 found a breach; some were corrected and reinstated."""
        on = self.day(date(2020, 1, 6), date(2020, 5, 15))
        findings, reason = self.rng.choice(BREACHES)
        days_to_correct, inspection = self.rng.randint(45, 90), f"{self.rng.randint(1, 40)}/BB-KT"
        story.steps.append((INSPECTOR, make.suspension(
            on, days_to_correct, inspection_ref=inspection, findings=findings, reason=reason
        )))  # fmt: skip
        if reinstated:
            back_on = on + timedelta(days=self.rng.randint(20, 45))
            reinspection = f"{self.rng.randint(41, 90)}/BB-KT"
            story.steps.append((INSPECTOR, make.reinstatement(
                back_on, reinspection_ref=reinspection,
                corrected="Cơ sở đã khắc phục theo kết luận kiểm tra.",
            )))  # fmt: skip
        return story

    # Decisions.

    def certified_once(self, district: str, round: Round) -> Story:
        story = self.joined(district, round.on - timedelta(days=100))
        self.certified(story, round, self.stars(5 if round.on < NATIONAL_SET_FROM else 4))
        return story

    def certified(self, story: Story, round: Round, stars: int) -> None:
        """Scored by the councils the set in force asks for, then certified in the round."""
        floor = NATIONAL_SET_FROM if round.on >= NATIONAL_SET_FROM else date.min
        first = max(story.last_on + timedelta(days=30), round.on - timedelta(days=120), floor)
        on = self.day(first, round.on - timedelta(days=50))
        district = self.scores(on, self.rng.randint(50, 89))
        on = round.on - timedelta(days=self.rng.randint(10, 35))
        scored = min(district.effective_on, on)  # a product that joined late: the same day
        council = DISTRICT_COUNCILS[story.district]  # 1048 and, assumed, 978: forwards from 50
        story.steps += [(council, replace(district, effective_on=scored))]
        story.steps.append((council, make.forwarding(scored)))
        story.steps.append((COUNCIL, self.scores(on, self.rng.randint(*BANDS[stars]))))
        story.steps.append((AUTHORITY, make.certificate(round.on, stars, round.decision_ref)))

    def scored_short(self, story: Story, last: date, *, passing: bool = True) -> None:
        """A district council's scoring that earned no certificate (yet)."""
        on = min(story.joined_on + timedelta(days=self.rng.randint(30, 400)), last)
        council = DISTRICT_COUNCILS[story.district]
        if passing and on >= NATIONAL_SET_FROM:
            story.steps.append((council, self.scores(on, self.rng.randint(35, 78))))
            return
        met = self.rng.random() < 0.6
        total = self.rng.randint(*BANDS[2 if met else 3])
        story.steps.append((council, self.scores(on, total, met=met)))

    def scores(self, on: date, total: int, *, met: bool = True) -> RecordEvaluation:
        """A council's minutes: points per part adding up to ``total`` within each maximum."""
        criteria = criteria_for(PROVINCE, on)
        assert criteria is not None
        maxima = criteria.part_maxima
        points = {part: min(top, total * top // 100) for part, top in maxima.items()}
        while (gap := total - sum(points.values())) != 0:
            part = self.rng.choice(list(maxima))
            step = 1 if gap > 0 else -1
            if 0 <= points[part] + step <= maxima[part]:
                points[part] += step
        minutes = f"{self.rng.randint(1, 60)}/BB-HĐ"
        return make.evaluation(on, points=points, mandatory_met=met, minutes_ref=minutes)

    def stars(self, highest: int) -> int:
        return (
            self.rng.choices((3, 4, 5), (45, 45, 10))[0]
            if highest == 5
            else self.rng.choice((3, 3, 4))
        )

    def joined(self, district: str, last: date) -> Story:
        return Story(self.day(OPENED, min(last, LAST_BEFORE_PERIOD)), district)

    def day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))
