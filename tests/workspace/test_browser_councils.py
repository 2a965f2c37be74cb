"""The council's score sheet and the hand-offs in real headless Chromium: a commune council
enters its members' sheets (one refused beside its points first), sees the running average,
submits the evaluation and forwards the product; the province's council finds it handed to
it, scores it and proposes it as potential 5 stars. A district council's account, made before
the districts ended, has its evaluation dated today refused beside the effective date.
Screenshots are kept under ``test-artifacts/``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from lifecycle.values import Level, Role
from registry.orders import Order
from seed.builders import office, registration
from tests.pages.conftest import Live, caught_up
from tests.workspace.conftest import PASSWORD
from tests.workspace.live import shot, sign_in
from workspace.accounts import StaffAccounts

TODAY = "2026-11-29"


def joins(live: Live, code: str) -> None:
    """A Quảng Ninh product joins the programme (under 1489 its commune council scores)."""
    live.services.registry.carry_out(Order(office(), registration(date(2026, 11, 2), code)))
    caught_up(live.services)


def enter_sheet(page: Page, member: str, a: str, b: str, c: str) -> None:
    page.get_by_label("Thành viên", exact=True).fill(member)
    for part, points in zip("ABC", (a, b, c), strict=True):
        page.get_by_label(f"Phần {part} (tối đa", exact=False).fill(points)
    page.get_by_role("button", name="Lưu nháp phiếu").click()


def submit(page: Page, members: str, levels: tuple[int, ...]) -> None:
    for level in levels:
        page.get_by_label(f"Tiêu chí bắt buộc của hạng {level} sao").check()
    page.get_by_label("Biên bản họp hội đồng").fill("07/BB-HĐ")
    page.get_by_label("Số thành viên hội đồng").fill(members)
    page.get_by_label("Ngày có hiệu lực").fill(TODAY)
    page.get_by_role("button", name="Gửi kết quả đánh giá").click()


def hand_on(page: Page, link: str) -> None:
    page.get_by_role("link", name=link).click()
    page.get_by_label("Công văn").fill("15/CV-OCOP")
    page.get_by_label("Ngày có hiệu lực").fill(TODAY)
    page.get_by_role("button", name=link).click()


def test_a_commune_council_scores_and_forwards_and_the_province_proposes(
    page: Page, live_staff: Live, artifacts: Path
) -> None:
    joins(live_staff, "QN-CP-01")
    sign_in(page, live_staff, "qn-commune-council")
    page.get_by_role("link", name="Phiếu chấm điểm").click()
    page.get_by_label("Mã sản phẩm").fill("QN-CP-01")
    page.get_by_role("button", name="Mở phiếu chấm điểm").click()
    expect(page.locator("h1")).to_contain_text("QN-CP-01")
    enter_sheet(page, "Ủy viên 1", "41", "20", "25")  # part A's maximum is 40
    expect(page.locator("#points-error")).to_contain_text("vượt quá điểm tối đa")
    shot(page, artifacts, "score-sheet-refused")
    enter_sheet(page, "Ủy viên 1", "30", "20", "25")
    enter_sheet(page, "Ủy viên 2", "31.5", "20", "24")
    expect(page.locator("#average")).to_contain_text("75.25")
    shot(page, artifacts, "score-sheet-drafts")
    submit(page, "3", (3, 4, 5))
    expect(page.locator(".notice")).to_contain_text(
        "kết quả đánh giá của hội đồng đã được ghi nhận"
    )
    expect(page.locator("#latest")).to_contain_text("hạng 4 sao")
    hand_on(page, "Gửi lên cấp tỉnh")
    expect(page.locator(".notice")).to_have_text("QN-CP-01: sản phẩm đã được gửi lên cấp tỉnh.")
    shot(page, artifacts, "forwarded")

    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, live_staff, "qn-council")
    page.get_by_role("link", name="Phiếu chấm điểm").click()
    expect(page.locator("h1")).to_have_text("Sản phẩm được chuyển đến hội đồng của bạn")
    shot(page, artifacts, "handed-to-the-province")
    page.locator('a[href="/staff/councils/QN-CP-01"]').click()
    enter_sheet(page, "Ủy viên 1", "38", "24", "33")
    enter_sheet(page, "Ủy viên 2", "37", "25", "31")
    submit(page, "3", (3, 4, 5))
    expect(page.locator("#latest")).to_contain_text("hạng 5 sao")
    hand_on(page, "Đề xuất tiềm năng 5 sao")
    expect(page.locator(".notice")).to_contain_text("tiềm năng 5 sao")
    shot(page, artifacts, "proposed")
    kinds = [type(e).__name__ for e in live_staff.services.registry.events_of("QN-CP-01")]
    assert kinds[1:] == ["Evaluated", "Forwarded", "Evaluated", "ProposedAsPotentialFiveStar"]


def test_a_district_councils_evaluation_after_the_districts_ended_is_refused(
    page: Page, live_staff: Live, artifacts: Path
) -> None:
    # ``ocop staff create`` makes no district principal today; an account made before
    # 1 July 2025 still exists, so the test makes it directly in the store.
    accounts = StaffAccounts(live_staff.services.database)
    accounts.create("qn-district-council", Role.EVALUATION_COUNCIL, Level.DISTRICT,
                    "Quảng Ninh", PASSWORD)  # fmt: skip
    joins(live_staff, "QN-CP-02")
    sign_in(page, live_staff, "qn-district-council")
    page.goto(f"{live_staff.base_url}/staff/councils/QN-CP-02")
    enter_sheet(page, "Ủy viên 1", "30", "20", "25")
    submit(page, "1", (3,))
    expect(page.locator("#effective_on-error")).to_contain_text("Từ ngày 1/7/2025")
    shot(page, artifacts, "district-council-refused")
    kinds = [type(e).__name__ for e in live_staff.services.registry.events_of("QN-CP-02")]
    assert kinds == ["Registered"]
