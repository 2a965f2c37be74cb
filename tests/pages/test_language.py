"""Which language a page speaks: the switch first, then the cookie it set, then the
browser's Accept-Language, then Vietnamese."""

from __future__ import annotations

import pytest

from pages.language import chosen, from_accept_language


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("en-GB,en;q=0.9", "en"),
        ("vi-VN,vi;q=0.9,en;q=0.8", "vi"),
        ("fr-FR,fr;q=0.9,en;q=0.5,vi;q=0.4", "en"),
        ("en;q=0.2,vi;q=0.8", "vi"),
        ("en;q=0", None),
        ("fr, de", None),
        ("en;q=abc,vi", "vi"),
        ("", None),
    ],
)
def test_the_browser_preference_is_read_by_weight(header: str, language: str | None) -> None:
    assert from_accept_language(header) == language


def test_the_switch_wins_over_the_cookie_and_the_cookie_over_the_browser() -> None:
    assert chosen("en", "vi", "vi") == "en"
    assert chosen(None, "en", "vi") == "en"
    assert chosen("xx", None, "en-US") == "en"
    assert chosen(None, "xx", None) == "vi"
    assert chosen(None, None, None) == "vi"
