"""The public pages through HTTP: each answers in the visitor's language, with the page's
validators and a strict policy; bad input is shown beside its field, never a 500."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from lifecycle.values import Role

PAGES = (
    "/",
    "/register",
    "/register?q=tinh+dau+trau",
    "/p/QN-UB-01",
    "/certificates/QN-UB-01-C1",
    "/statistics",
    "/expiring",
    "/overdue",
    "/p/QN-UB-01/label",
)
POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def lang_of(html: str) -> str:
    found = re.search(r'<html lang="([a-z]+)">', html)
    assert found, html[:200]
    return found.group(1)


class Tags(HTMLParser):
    """Every start tag with its attributes, to find what a page holds."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_vietnamese_by_default_and_english_when_the_browser_asks(
    site: TestClient, path: str
) -> None:
    vietnamese = site.get(path)
    english = site.get(path, headers={"Accept-Language": "en-GB,en;q=0.9,vi;q=0.5"})
    assert vietnamese.status_code == english.status_code == 200, vietnamese.text[:300]
    assert lang_of(vietnamese.text) == "vi" and "Sổ đăng ký OCOP" in vietnamese.text
    assert lang_of(english.text) == "en" and "OCOP register" in english.text
    assert vietnamese.headers["content-security-policy"] == POLICY
    assert vietnamese.headers["vary"] == "Accept, Accept-Language, Cookie"
    assert vietnamese.headers["etag"] != english.headers["etag"]
    assert "last-modified" in vietnamese.headers
    assert "<script" not in vietnamese.text


@pytest.mark.parametrize("path", PAGES)
def test_a_page_the_browser_holds_answers_304(site: TestClient, path: str) -> None:
    first = site.get(path)
    again = site.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    other = site.get(path, headers={"If-None-Match": '"0-19700101-vi"'})
    assert other.status_code == 200


@pytest.mark.parametrize("path", (*PAGES, "/p/QN-UB-01/qr.png", "/static/pages.css"))
def test_every_page_answers_head_as_it_answers_get(site: TestClient, path: str) -> None:
    got, head = site.get(path), site.head(path)
    assert head.status_code == got.status_code == 200
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("etag") == got.headers.get("etag")


def test_the_language_switch_sets_a_cookie_the_next_page_follows(site: TestClient) -> None:
    page = site.get("/p/QN-UB-01")
    switch = next(a for tag, a in Tags(page.text).tags if tag == "a" and a.get("hreflang"))
    assert switch["href"] == "/p/QN-UB-01?lang=en" and switch["lang"] == "en"
    english = site.get(switch["href"] or "")
    assert lang_of(english.text) == "en" and english.cookies.get("lang") == "en"
    assert lang_of(site.get("/register").text) == "en"  # the cookie now chooses
    assert lang_of(site.get("/register?lang=vi").text) == "vi"
    site.cookies.clear()


def test_the_product_page_answers_first_whether_the_label_holds(site: TestClient) -> None:
    cases = {
        "QN-UB-01": "Còn hiệu lực",
        "HG-QB-01": "Bị đình chỉ",
        "QN-BL-01": "Hết hạn",
        "QN-BC-01": "Bị thu hồi",
        "TN-DH-01": "Đã rút khỏi Chương trình",
        "QN-VD-01": "Chưa được công nhận",
    }
    for code, word in cases.items():
        html = site.get(f"/p/{code}").text
        main = html[html.index("<main") :]
        assert main.index(word) < main.index("<h1>"), code  # the answer comes first
        assert f'href="/v1/public/products/{code}"' in html


def test_the_product_page_shows_the_public_timeline_in_the_page_language(
    site: TestClient,
) -> None:
    english = site.get("/p/QN-UB-01?lang=en").text
    for text in ("Certificate suspended", "08/BB-KT", "Certificate reinstated", "21/BB-KT"):
        assert text in english
    assert "The breach was corrected on re-inspection" in english
    vietnamese = site.get("/p/QN-UB-01?lang=vi").text
    assert "Vi phạm đã được khắc phục khi kiểm tra lại" in vietnamese
    assert "Chất lượng sản phẩm không đạt như cam kết" in vietnamese  # the inspector's words
    assert "Hàm lượng tinh dầu" not in vietnamese  # findings are not published
    site.cookies.clear()


def test_an_unknown_product_is_a_404_page_in_its_language_with_a_search_box(
    site: TestClient,
) -> None:
    for path in ("/p/QN-NONE-99", "/p/bad%20code", "/certificates/XX-1-C9", "/01/00000000"):
        page = site.get(path, headers={"Accept-Language": "en"})
        assert page.status_code == 404 and lang_of(page.text) == "en", path
        assert ("input", "q") in {(tag, a.get("name")) for tag, a in Tags(page.text).tags}
    assert "Không tìm thấy" in site.get("/p/QN-NONE-99").text


def test_a_json_client_asking_for_an_unknown_product_gets_a_problem(site: TestClient) -> None:
    for path, code in (("/p/QN-NONE-99", "product-not-found"),
                       ("/certificates/XX-1-C9", "certificate-not-found")):  # fmt: skip
        answer = site.get(path, headers={"Accept": "application/json"})
        assert answer.status_code == 404, path
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == code
        page = site.get(path, headers={"Accept": "text/html,application/json;q=0.9"})
        assert page.headers["content-type"].startswith("text/html")  # not the JSON remembered


def test_malformed_filters_are_shown_beside_their_field(site: TestClient) -> None:
    page = site.get("/register?stars=9&page=-1&status=valid&group=cakes")
    assert page.status_code == 400
    for field, message in (
        ("stars", "Hãy chọn 3, 4 hoặc 5 sao."),
        ("page", "Số trang phải là số nguyên từ 1 đến 10000."),
        ("status", "Hãy chọn một tình trạng trong danh sách."),
        ("group", "Hãy chọn một nhóm sản phẩm trong danh sách."),
    ):
        beside = re.search(f'id="{field}-error">.*?</p>', page.text, re.S)
        assert beside and message in beside.group(0), field
    english = site.get("/register?stars=9", headers={"Accept-Language": "en"})
    assert "Choose 3, 4 or 5 stars." in english.text


@pytest.mark.parametrize(
    "query",
    ["from=2025-13-01", "from=yesterday", "from=2025-06-01&to=2025-01-01", "province=" + "x" * 101],
)
def test_malformed_statistics_periods_are_400_pages(site: TestClient, query: str) -> None:
    page = site.get(f"/statistics?{query}")
    assert page.status_code == 400 and 'class="field-error"' in page.text


@pytest.mark.parametrize(
    "query", ["q=%00", "q=" + "a" * 5000, "stars=%F0%9F%98%80", "page=99999999999999999999"]
)
def test_odd_input_never_gives_a_500(site: TestClient, query: str) -> None:
    assert site.get(f"/register?{query}").status_code in (200, 400)


def test_the_register_finds_names_without_diacritics_and_pages_through(
    site: TestClient,
) -> None:
    found = site.get("/register?q=tinh+dau+trau").text
    assert "Tinh dầu trầu tiên Yên Tử" in found and 'class="badge badge-certified"' in found
    by_status = site.get("/register?status=revoked").text
    assert "Rượu ba kích Ba Chẽ" in by_status and "Tinh dầu trầu" not in by_status
    first = site.get("/register?province=quang+ninh&stars=4").text
    assert "Tinh dầu trầu tiên Yên Tử" in first and "Chả mực" not in first  # 5 stars


def test_statistics_draw_svg_charts_with_their_numbers_as_tables(site: TestClient) -> None:
    page = site.get("/statistics?from=2024-01-01&to=2024-12-31&lang=en").text
    tags = Tags(page).tags
    charts = [a for tag, a in tags if tag == "svg"]
    assert len(charts) == 4 and all(a["role"] == "img" and a["aria-labelledby"] for a in charts)
    assert page.count("<table>") == 4
    assert 'href="/v1/public/statistics?from=2024-01-01&amp;to=2024-12-31' in page
    site.cookies.clear()


def test_the_transparency_views_list_what_they_should(site: TestClient) -> None:
    assert "Trà Shan tuyết cổ thụ Thông Nguyên" in site.get("/expiring").text
    overdue = site.get("/overdue").text
    assert "Mật ong bạc hà Quản Bạ" in overdue and "Tinh dầu trầu" not in overdue


def test_a_product_named_like_a_script_is_shown_as_text(site: TestClient) -> None:
    services = site.services
    key, _ = services.keys.create(Role.PROGRAMME_OFFICE, province="Quảng Ninh")
    from tests.api import bodies

    answer = site.post(
        "/v1/products",
        json=bodies.registration("QN-XSS-01", name="<script>alert(1)</script>"),
        headers={"Authorization": f"Bearer {key}"},
    )
    assert answer.status_code == 201, answer.text
    assert services.read_side.wait_for(int(answer.headers["x-log-position"]), timeout=10)
    asked = site.get("/certificates/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert asked.status_code == 404 and "&lt;img src=x onerror=alert(1)&gt;" in asked.text
    assert "<img src=x" not in asked.text
    for path in ("/p/QN-XSS-01", "/register?q=alert", "/", "/p/QN-XSS-01/label"):
        html = site.get(path).text
        assert "<script>alert(1)</script>" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
