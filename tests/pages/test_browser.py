"""The pages in real headless Chromium, at a phone's and a desktop's size, in both languages:
a shopper's search without diacritics, the product page's answer before, during and after a
suspension, revoked and expired products, and the language switch. Screenshots of each page
are kept under ``test-artifacts/`` (not committed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from lifecycle.values import Role
from tests.pages.conftest import Live

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
LOCALES = {"vi": "vi-VN", "en": "en-GB"}
WORDS = {
    "vi": {"certified": "Còn hiệu lực", "suspended": "Bị đình chỉ", "expired": "Hết hạn",
           "revoked": "Bị thu hồi", "search": "Tìm kiếm", "switch": "English"},
    "en": {"certified": "Valid", "suspended": "Suspended", "expired": "Expired",
           "revoked": "Revoked", "search": "Search", "switch": "Tiếng Việt"},
}  # fmt: skip
TRAU_TIEN = "Tinh dầu trầu tiên Yên Tử"
COMBINATIONS = [(size, language) for size in VIEWPORTS for language in LOCALES]


def open_page(browser: Browser, size: str, language: str) -> Page:
    """A fresh page at the viewport's size whose browser prefers ``language``."""
    context = browser.new_context(viewport=VIEWPORTS[size], locale=LOCALES[language])  # type: ignore[arg-type]
    return context.new_page()


@pytest.fixture(params=COMBINATIONS, ids=lambda c: f"{c[0]}-{c[1]}")
def visitor(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, str, str]]:
    size, language = request.param
    page = open_page(browser, size, language)
    yield page, size, language
    page.context.close()


def shot(page: Page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def answer_of(page: Page) -> str:
    return page.locator(".answer-word").inner_text().strip()


def test_a_search_without_diacritics_finds_the_product(
    visitor: tuple[Page, str, str], live_site: Live, artifacts: Path
) -> None:
    page, size, language = visitor
    page.goto(live_site.base_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    shot(page, artifacts, f"home-{size}-{language}")
    page.locator("#q").fill("tinh dau trau")
    page.get_by_role("button", name=WORDS[language]["search"]).first.click()
    expect(page.get_by_role("link", name=TRAU_TIEN)).to_be_visible()
    shot(page, artifacts, f"register-{size}-{language}")
    page.get_by_role("link", name=TRAU_TIEN).click()
    expect(page.locator("h1")).to_have_text(TRAU_TIEN)
    for path, name in (("/statistics", "statistics"), ("/expiring", "expiring"),
                       ("/overdue", "overdue"), ("/certificates/QN-UB-01-C1", "certificate"),
                       ("/p/QN-UB-01/label", "label"), ("/p/QN-NONE-01", "not-found")):  # fmt: skip
        page.goto(live_site.base_url + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        shot(page, artifacts, f"{name}-{size}-{language}")


def test_revoked_and_expired_products_say_so(
    visitor: tuple[Page, str, str], live_site: Live, artifacts: Path
) -> None:
    page, size, language = visitor
    for code, state in (("QN-BC-01", "revoked"), ("QN-BL-01", "expired")):
        page.goto(f"{live_site.base_url}/p/{code}")
        assert answer_of(page).endswith(WORDS[language][state])
        expect(page.locator(f".answer-{state}")).to_be_visible()
        shot(page, artifacts, f"product-{state}-{size}-{language}")


def test_the_language_switch_changes_every_later_page(
    visitor: tuple[Page, str, str], live_site: Live
) -> None:
    page, _size, language = visitor
    other = "en" if language == "vi" else "vi"
    page.goto(f"{live_site.base_url}/p/QN-HL-01")
    page.get_by_role("link", name=WORDS[language]["switch"]).click()
    expect(page.locator("html")).to_have_attribute("lang", other)
    assert answer_of(page).endswith(WORDS[other]["certified"])
    page.goto(f"{live_site.base_url}/register")  # the cookie keeps the choice
    expect(page.locator("html")).to_have_attribute("lang", other)


def record(live: Live, path: str, body: dict[str, Any], role: Role) -> None:
    """An inspector's order through the API; waits until the pages reflect it."""
    key, _ = live.services.keys.create(role, province="Quảng Ninh")
    answer = httpx.post(
        f"{live.base_url}{path}", json=body, headers={"Authorization": f"Bearer {key}"}
    )
    assert answer.status_code == 201, answer.text
    assert live.services.read_side.wait_for(int(answer.headers["x-log-position"]), timeout=10)


def test_the_product_page_answers_before_during_and_after_a_suspension(
    browser: Browser, live_site: Live, artifacts: Path
) -> None:
    pages = {combination: open_page(browser, *combination) for combination in COMBINATIONS}

    def every_page_says(state: str, stage: str) -> None:
        for (size, language), page in pages.items():
            page.goto(f"{live_site.base_url}/p/QN-UB-01")
            assert answer_of(page).endswith(WORDS[language][state]), (size, language)
            shot(page, artifacts, f"product-{stage}-suspension-{size}-{language}")

    every_page_says("certified", "before")
    record(live_site, "/v1/products/QN-UB-01/suspensions", {
        "inspection_ref": "08/BB-KT", "effective_on": "2025-03-18",
        "findings": "Hàm lượng tinh dầu thấp hơn mức đã cam kết.",
        "reason": "Chất lượng sản phẩm không đạt như cam kết",
        "corrective_deadline": "2025-06-18"}, Role.INSPECTOR)  # fmt: skip
    every_page_says("suspended", "during")
    record(live_site, "/v1/products/QN-UB-01/reinstatements", {
        "reinspection_ref": "21/BB-KT", "effective_on": "2025-05-27",
        "corrected": "Chuẩn hóa quy trình chưng cất."}, Role.INSPECTOR)  # fmt: skip
    every_page_says("certified", "after")
    for page in pages.values():
        page.context.close()
