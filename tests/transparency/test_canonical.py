"""The log's canonical JSON is RFC 8785's, byte for byte: the fast path over the standard
library's encoder gives what ``rfc8785`` gives, and refuses what it refuses."""

from __future__ import annotations

from typing import Any

import pytest
import rfc8785
from hypothesis import given, strategies as st

from transparency.canonical import dumps

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def outcome(dump: Any, value: Any) -> Any:
    try:
        return dump(value)
    except (rfc8785.CanonicalizationError, ValueError):
        return "refused"


@given(values)
def test_the_same_bytes_as_rfc8785_or_the_same_refusal(value: Any) -> None:
    assert outcome(dumps, value) == outcome(rfc8785.dumps, value)


@pytest.mark.parametrize(
    "value",
    [
        {"\U0001f600": 1, "\ue000": 2},  # UTF-16 order puts the emoji first, code points last
        {"stars": 4.0, "total": 1e21, "tiny": -1e-7},
        [2**53, -(2**53) + 1],
        {"line": 'tab\t, quote", back\\slash, nul\x00, del\x7f, sep\u2028'},
        {"Tuyên Quang": {"commune": "Thượng Lâm", "gtins": ["8934567890128"]}},
        1.5,
    ],
)
def test_edges_of_the_fast_path(value: Any) -> None:
    assert outcome(dumps, value) == outcome(rfc8785.dumps, value)


def test_a_lone_surrogate_is_refused_as_rfc8785_refuses_it() -> None:
    with pytest.raises(rfc8785.CanonicalizationError):
        dumps({"name": "\ud800"})


def test_an_entry_s_facts_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Times and dates in strings hold ``:05.`` and digits: only numbers outside strings
    send a value to ``rfc8785``."""
    facts = {
        "position": 12, "product": "QN-UB-01", "version": 3, "kind": "certified",
        "recorded_at": "2026-12-02T13:55:05.039193+00:00", "effective_on": "2024-03-01",
        "fields": {"stars": 4, "gtins": ["8934567890128"], "decision_ref": "1.5e3/QĐ"},
    }  # fmt: skip
    expected = rfc8785.dumps(facts)

    def refuse(value: Any) -> bytes:
        raise AssertionError("the slow path was taken")

    monkeypatch.setattr(rfc8785, "dumps", refuse)
    assert dumps(facts) == expected
