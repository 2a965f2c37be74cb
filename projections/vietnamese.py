"""Vietnamese text folded for search: with or without diacritics, in any case.

"tinh dau tram" finds "Tinh dầu trầm"; "đ" and "Đ" match "d". Stored keys and the words
searched for are folded the same way.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

CONTROLS = frozenset({"Cc", "Cs"})  # PostgreSQL's text cannot hold NUL, nor lone surrogates


@lru_cache(maxsize=4096)  # a place's name is folded for each of its products' events
def search_key(text: str) -> str:
    """The text folded for search: no diacritics, đ as d, case-folded, single spaces; control
    characters (a NUL typed into a search box) separate words like spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(
        " " if unicodedata.category(c) in CONTROLS else c
        for c in decomposed
        if not unicodedata.combining(c)
    )
    return " ".join(bare.casefold().split())


def like_pattern(word: str) -> str:
    """A LIKE pattern finding ``word`` anywhere, with LIKE's wildcards taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
