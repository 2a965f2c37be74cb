"""The staff workspace in real headless Chromium (the system's, as for the public pages): an
inspector signs in, suspends a product from the worklist and the public product page shows
it suspended, then reinstates it; repeated wrong passwords lock an account out; a form whose
CSRF token was taken out is refused. Screenshots are kept under ``test-artifacts/``."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.pages.conftest import Live
from tests.workspace.conftest import PASSWORD
from tests.workspace.live import shot, sign_in

TODAY = "2026-11-29"


def public_answer(page: Page, live: Live) -> str:
    page.goto(f"{live.base_url}/p/QN-UB-01")
    return page.locator(".answer-word").inner_text().strip()


def test_an_inspector_suspends_a_product_and_reinstates_it(
    page: Page, live_staff: Live, artifacts: Path
) -> None:
    sign_in(page, live_staff, "qn-inspector")
    expect(page.locator("h1")).to_have_text("Kiểm tra tại Quảng Ninh")
    shot(page, artifacts, "worklist-before")
    page.get_by_label("Mã sản phẩm").fill("QN-UB-01")
    page.get_by_role("button", name="Mở biểu mẫu").click()
    expect(page.locator("h1")).to_have_text("Tạm đình chỉ giấy chứng nhận")
    page.get_by_label("Số biên bản kiểm tra").fill("61/BB-KT")
    page.get_by_label("Kết quả kiểm tra").fill("Hàm lượng tinh dầu thấp hơn mức đã công bố.")
    page.get_by_label("Lý do").fill("Chất lượng sản phẩm không đạt như cam kết")
    page.get_by_label("Hạn khắc phục").fill("2026-01-31")  # before the suspension: refused
    page.get_by_label("Ngày có hiệu lực").fill(TODAY)
    page.get_by_role("button", name="Tạm đình chỉ giấy chứng nhận").click()
    expect(page.locator("#corrective_deadline-error")).to_contain_text(
        "Hạn khắc phục không được trước ngày tạm đình chỉ có hiệu lực."
    )
    shot(page, artifacts, "suspension-refused")
    page.get_by_label("Hạn khắc phục").fill("2027-01-31")
    page.get_by_role("button", name="Tạm đình chỉ giấy chứng nhận").click()
    expect(page.locator(".notice")).to_have_text("QN-UB-01: giấy chứng nhận đã bị tạm đình chỉ.")
    shot(page, artifacts, "worklist-after-suspension")
    assert public_answer(page, live_staff).endswith("Bị đình chỉ")
    shot(page, artifacts, "public-product-suspended")

    page.goto(f"{live_staff.base_url}/staff/inspections")
    page.get_by_role("link", name="Khôi phục").first.click()
    expect(page.locator("h1")).to_have_text("Khôi phục giấy chứng nhận")
    page.get_by_label("Số biên bản kiểm tra lại").fill("70/BB-KT")
    page.get_by_label("Nội dung đã khắc phục").fill("Ba lô kiểm nghiệm lại đạt chỉ tiêu.")
    page.get_by_label("Ngày có hiệu lực").fill(TODAY)
    page.get_by_role("button", name="Khôi phục giấy chứng nhận").click()
    expect(page.locator(".notice")).to_have_text("QN-UB-01: giấy chứng nhận đã được khôi phục.")
    assert public_answer(page, live_staff).endswith("Còn hiệu lực")
    shot(page, artifacts, "public-product-reinstated")


def test_repeated_wrong_passwords_lock_the_account(
    page: Page, live_staff: Live, artifacts: Path
) -> None:
    for _ in range(2):
        sign_in(page, live_staff, "qn-forgetful", "wrong password")
        expect(page.locator("#password-error")).to_contain_text("Tên hoặc mật khẩu không đúng.")
    sign_in(page, live_staff, "qn-forgetful", "wrong password")  # the third: locked
    expect(page.locator("#password-error")).to_contain_text("tài khoản tạm thời bị khóa")
    sign_in(page, live_staff, "qn-forgetful", PASSWORD)  # even the right one, while locked
    expect(page.locator("#password-error")).to_contain_text("tài khoản tạm thời bị khóa")
    shot(page, artifacts, "sign-in-locked")


def test_a_form_without_its_csrf_token_is_refused(
    page: Page, live_staff: Live, artifacts: Path
) -> None:
    sign_in(page, live_staff, "qn-inspector")
    page.goto(f"{live_staff.base_url}/staff/inspections/QN-HL-01/suspend?lang=en")
    page.locator("form.staff-form input[name=csrf]").evaluate("input => input.remove()")
    page.get_by_label("Inspection reference").fill("62/BB-KT")
    page.get_by_label("Findings").fill("x")
    page.get_by_label("Reason").fill("y")
    page.get_by_label("Corrective deadline").fill("2027-01-31")
    page.get_by_label("Effective date").fill(TODAY)
    page.get_by_role("button", name="Suspend the certificate").click()
    expect(page.locator("h1")).to_have_text("Not allowed")
    shot(page, artifacts, "form-without-csrf")
    assert type(live_staff.services.registry.events_of("QN-HL-01")[-1]).__name__ == "Starred"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_auditor_reads_the_log_a_history_and_the_verification_in_english(
    browser: Browser, live_staff: Live, artifacts: Path, size: str
) -> None:
    viewport = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
    context = browser.new_context(viewport=viewport[size], locale="en-GB")  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{live_staff.base_url}/staff/sign-in")
    page.get_by_label("Name").fill("auditor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("The register's log")
    shot(page, artifacts, f"log-{size}-en")
    page.get_by_role("link", name="HG-QB-01").first.click()
    expect(page.locator("h1")).to_have_text("History of HG-QB-01")
    page.get_by_label("On the date").fill("2025-06-30")
    page.get_by_role("button", name="Show the state").click()
    expect(page.locator("#state-title")).to_have_text("The state on 30 June 2025")
    shot(page, artifacts, f"history-{size}-en")
    page.goto(f"{live_staff.base_url}/staff/log/verification")
    expect(page.locator(".notice")).to_contain_text("no event is missing")
    shot(page, artifacts, f"verification-{size}-en")
    context.close()
