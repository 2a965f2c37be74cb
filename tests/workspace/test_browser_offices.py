"""The programme office's and the certifying authority's forms in real headless Chromium: an
office registers a product from the catalogue's groups and today's provinces; an authority
certifies a product its province's council scored, offered only the stars the evaluation and
its competence allow, and finds the certificate's QR label to print. Screenshots are kept
under ``test-artifacts/``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from lifecycle.values import Level
from registry.orders import Order
from seed.builders import council, evaluation, forwarding, office, registration
from tests.pages.conftest import Live, caught_up
from tests.workspace.live import shot, sign_in

TODAY = "2026-11-29"


def test_an_office_registers_a_product(page: Page, live_staff: Live, artifacts: Path) -> None:
    sign_in(page, live_staff, "qn-office")
    page.get_by_role("link", name="Đăng ký sản phẩm").click()
    page.get_by_label("Mã sản phẩm").fill("QN-BR-01")
    page.get_by_label("Tên sản phẩm").fill("Nước mắm Cái Rồng")
    page.get_by_label("Mã số thuế hoặc số đăng ký của chủ thể").fill("5701234567")
    page.get_by_label("Tên chủ thể").fill("HTX Thủy sản Cái Rồng")
    page.locator("#owner_kind").select_option("cooperative")
    expect(page.locator("#province")).to_have_value("Quảng Ninh")
    page.get_by_label("Xã", exact=True).fill("Vân Đồn")
    page.locator("#group").select_option("food")
    page.get_by_label("Ngày có hiệu lực").fill(TODAY)
    shot(page, artifacts, "register-form")
    page.get_by_role("button", name="Đăng ký sản phẩm").click()
    expect(page.locator(".notice")).to_have_text("QN-BR-01: sản phẩm đã được đăng ký.")
    shot(page, artifacts, "registered")
    registered = live_staff.services.registry.events_of("QN-BR-01")[-1]
    assert registered.actor.principal_id == "staff:qn-office"


def test_an_authority_certifies_the_stars_offered_and_prints_the_label(
    page: Page, live_staff: Live, artifacts: Path
) -> None:
    registry, day = live_staff.services.registry, date(2026, 11, 20)
    registry.carry_out(Order(office(), registration(date(2026, 11, 2), "QN-BR-02")))
    registry.change("QN-BR-02", council(Level.COMMUNE), evaluation(day, 75))
    registry.change("QN-BR-02", council(Level.COMMUNE), forwarding(day))
    registry.change("QN-BR-02", council(), evaluation(day, 80, mandatory_met_for=(3, 4)))
    caught_up(live_staff.services)
    sign_in(page, live_staff, "qn-authority")
    page.get_by_role("link", name="Sản phẩm").first.click()
    page.get_by_label("Mã sản phẩm").fill("QN-BR-02")
    page.get_by_role("button", name="Mở sản phẩm").click()
    page.get_by_role("link", name="Cấp giấy chứng nhận").click()
    expect(page.locator("#stars option")).to_have_text(["3", "4"])  # not 5: band and level
    page.locator("#stars").select_option("4")
    page.get_by_label("Quyết định").fill("88/QĐ-UBND")
    page.get_by_label("Ngày có hiệu lực").fill(TODAY)
    shot(page, artifacts, "certify-form")
    page.get_by_role("button", name="Cấp giấy chứng nhận").click()
    expect(page.locator(".notice")).to_have_text("QN-BR-02: giấy chứng nhận đã được cấp.")
    page.get_by_role("link", name="In nhãn mã QR").click()
    expect(page.locator("body")).to_contain_text("QN-BR-02-C1")
    shot(page, artifacts, "certified-label")
