"""The public register finds Vietnamese names with or without diacritics, in any case.

A consumer types "tinh dau tram" on a phone without a Vietnamese keyboard and finds
"Tinh dầu trầm hương"; "Đ" and "đ" match "d" and "D".
"""

from __future__ import annotations

from datetime import date

import pytest

from projections import Projector, ReadSide, questions, search_key
from projections.questions import Answer
from registry.service import Registry
from tests.conftest import TODAY
from tests.projections import programme as story

PRODUCTS = [
    ("QN-0201", "Tinh dầu trầm hương", "Quảng Ninh", "Vân Đồn", "Công ty Trầm Hương Việt"),
    ("QN-0202", "Đông trùng hạ thảo", "Quảng Ninh", "Đông Triều", "HTX Đức Thành"),
    ("HG-0203", "Chè Shan tuyết cổ thụ", "Hà Giang", "Hoàng Su Phì", "HTX Chè Phìn Hồ"),
    ("CM-0204", "Mật ong rừng U Minh", "Cà Mau", "U Minh", "Hộ kinh doanh Nguyễn Văn Đạt"),
    ("DL-0205", "Cà phê Buôn Ma Thuột", "Đắk Lắk", "Buôn Ma Thuột", "Công ty Cà phê Đắk Lắk"),
]


@pytest.fixture
def register_of_five(registry: Registry, read_side: ReadSide, projector: Projector) -> ReadSide:
    """Five products of four provinces; the first two certified."""
    for code, name, province, district, owner in PRODUCTS:
        story.register(
            registry,
            code,
            name,
            date(2024, 3, 1),
            owner=owner,
            province=province,
            district=district,
        )
    story.certify(registry, "QN-0201", 4, date(2024, 5, 2))
    story.certify(registry, "QN-0202", 3, date(2024, 5, 2))
    projector.catch_up()
    return read_side


def searched(read_side: ReadSide, **filters: object) -> tuple[list[Answer], int]:
    """One page of the register's search, by default the first 50 of everything today."""
    query: dict[str, object] = {
        "q": None,
        "province": None,
        "group": None,
        "stars": None,
        "status": None,
        "page": 1,
        "page_size": 50,
        "on": TODAY,
    }
    found: tuple[list[Answer], int] = read_side.ask(
        questions.search(**{**query, **filters})  # type: ignore[arg-type]
    )
    return found


def codes(read_side: ReadSide, **filters: object) -> list[str]:
    items, total = searched(read_side, **filters)
    assert total == len(items)
    return [item["code"] for item in items]


def test_a_name_is_found_with_or_without_diacritics_in_any_case(
    register_of_five: ReadSide,
) -> None:
    for typed in (
        "tinh dau tram",
        "Tinh dầu trầm",
        "TINH DẦU TRẦM",
        "TINH DAU TRAM",
        "trầm hương tinh",
    ):
        assert codes(register_of_five, q=typed) == ["QN-0201"], typed


def test_d_with_stroke_matches_d_in_either_case(register_of_five: ReadSide) -> None:
    for typed in ("dong trung", "Đông trùng", "ĐÔNG TRÙNG", "đông trùng", "DONG TRUNG"):
        assert codes(register_of_five, q=typed) == ["QN-0202"], typed
    assert codes(register_of_five, q="đức thành") == codes(register_of_five, q="DUC") == ["QN-0202"]


def test_owners_districts_codes_and_certificate_numbers_are_searchable(
    register_of_five: ReadSide,
) -> None:
    assert codes(register_of_five, q="nguyen van dat") == ["CM-0204"]
    assert codes(register_of_five, q="hoang su phi") == ["HG-0203"]
    assert codes(register_of_five, q="hg-0203") == ["HG-0203"]
    assert codes(register_of_five, q="QN-0202-C1") == ["QN-0202"]
    assert codes(register_of_five, q="buon ma thuot") == ["DL-0205"]


def test_province_filter_ignores_diacritics_and_case(register_of_five: ReadSide) -> None:
    assert codes(register_of_five, province="quang ninh") == ["QN-0201", "QN-0202"]
    assert codes(register_of_five, province="ĐẮK LẮK") == ["DL-0205"]
    assert codes(register_of_five, province="dak lak", q="ca phe") == ["DL-0205"]


def test_stars_and_status_narrow_the_register(register_of_five: ReadSide) -> None:
    assert codes(register_of_five, stars=4) == ["QN-0201"]
    assert codes(register_of_five, status="certified") == ["QN-0201", "QN-0202"]
    assert codes(register_of_five, status="participating") == ["CM-0204", "DL-0205", "HG-0203"]
    assert codes(register_of_five, status="expired", on=date(2027, 6, 1)) == ["QN-0201", "QN-0202"]
    assert codes(register_of_five, group="beverages") == []


def test_the_register_comes_in_pages_with_the_total(register_of_five: ReadSide) -> None:
    first, total = searched(register_of_five, page=1, page_size=2)
    third, _ = searched(register_of_five, page=3, page_size=2)
    assert total == 5
    assert [item["code"] for item in first] == ["CM-0204", "DL-0205"]
    assert [item["code"] for item in third] == ["QN-0202"]
    assert "owner_id" not in first[0] and first[0]["owner_name"]


def test_wildcards_typed_by_a_visitor_are_taken_literally(register_of_five: ReadSide) -> None:
    assert codes(register_of_five, q="%") == []
    assert codes(register_of_five, q="_") == []


def test_the_search_key_folds_vietnamese() -> None:
    assert search_key("Tinh dầu  TRẦM hương") == "tinh dau tram huong"
    assert search_key("Đắk Lắk - Đồng") == "dak lak - dong"
    assert search_key("Phở") == search_key("PHO") == "pho"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("a\\b", ["QN-0211"]),
        ("\\", ["QN-0211", "QN-0215"]),
        ("b\\", ["QN-0215"]),
        ("50%", ["QN-0212"]),
        ("tra_xanh", ["QN-0213"]),
        ("\\%_", []),
    ],
)
def test_a_backslash_a_percent_sign_and_an_underscore_are_searched_for_as_themselves(
    registry: Registry, read_side: ReadSide, projector: Projector, typed: str, found: list[str]
) -> None:
    for code, name in [
        ("QN-0211", "Gốm A\\B Bát Tràng"),  # a backslash
        ("QN-0212", "Rượu 50% Yên Tử"),
        ("QN-0213", "Trà_xanh Đầm Hà"),
        ("QN-0214", "Gốm AB 500 Trà xanh"),  # what unescaped wildcards would also find
        ("QN-0215", "Mành tre B\\"),  # a trailing backslash
    ]:
        story.register(registry, code, name, date(2024, 3, 1))
    projector.catch_up()
    assert codes(read_side, q=typed) == found
