"""The link to a page in the other language: the page's own address with ``lang`` set, as
Starlette's URL writes it, whether or not the address had a query already."""

from __future__ import annotations

from hypothesis import given, strategies as st
from starlette.requests import Request

from pages.visit import Visit


def switch_of(path: str, query: bytes) -> tuple[str, str]:
    """The visit's link to ``en``, and the one Starlette's URL makes of the same request."""
    scope = {"type": "http", "path": path, "query_string": query, "headers": [],
             "server": ("register.example", 80), "scheme": "http"}  # fmt: skip
    request = Request(scope)
    visit = Visit.__new__(Visit)  # only the request is read
    visit.request = request
    url = request.url.include_query_params(lang="en")
    return visit._in_language("en"), f"{url.path}?{url.query}"


@given(
    path=st.text(min_size=1).map(lambda text: "/" + text),
    query=st.sampled_from([b"", b"q=a&page=2", b"lang=vi"]),
)
def test_the_other_language_s_link_is_the_page_s_address_with_lang(path: str, query: bytes) -> None:
    made, expected = switch_of(path, query)
    assert made == expected


def test_a_product_page_s_link_keeps_its_path_and_escapes_nothing_twice() -> None:
    assert switch_of("/p/QN-0001", b"") == ("/p/QN-0001?lang=en", "/p/QN-0001?lang=en")
    assert switch_of("/certificates/a?b#c", b"")[0] == "/certificates/a%3Fb%23c?lang=en"
    assert switch_of("/p/\r", b"")[0] == "/p/?lang=en"
