"""RFC 8785 (JCS) canonical JSON, the same bytes as ``rfc8785.dumps`` at the speed of the
standard library's C encoder.

For objects keyed by strings (JCS's only keys; the log's entries have no others) holding
strings, integers within JSON's safe range, booleans, null, arrays and objects whose keys
sort the same by code point as by UTF-16 code unit, JCS is exactly what ``json.dumps`` writes
with sorted keys, no spaces and no ASCII escaping (its string escapes are the standard
library's, which ``rfc8785`` adapted). Whatever could differ — a float (ECMAScript's number
form), an integer of 16 digits or more (beyond 2^53 JCS refuses it), a character from
U+E000 up (where UTF-16 order parts from code point order) — is handed to ``rfc8785``
itself. The entries of the log, hashed once per event, are the reason this exists.
"""

from __future__ import annotations

import json
import re
from typing import Any

import rfc8785

# In the UTF-8 bytes: a number token (after a JSON delimiter, up to the next) with a
# fraction or an exponent, as every float's repr has, or of 16 digits or more; and the
# lead bytes of the characters from U+E000 up. A string holding the like ("a:1.5,b") only
# costs the slow path. A search from one byte class for the numbers, and for the characters
# the bytes left when every other byte is deleted (``bytes.translate``), are the quickest.
_NOT_PLAIN_NUMBER = re.compile(
    rb"[:,\[]-?(?:[0-9]{16}|[0-9]+(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)[,}\]])"
)
_BUT_FROM_E000 = bytes(byte for byte in range(256) if not 0xEE <= byte <= 0xF4)
_ENCODE = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
).encode


def dumps(value: Any) -> bytes:
    """The JCS canonical JSON of ``value``, as ``rfc8785.dumps`` gives it."""
    if isinstance(value, (dict, list)):  # a lone number or string: the slow path
        try:
            data = _ENCODE(value).encode()  # a lone surrogate fails here, as JCS refuses it
        except (TypeError, ValueError):
            return rfc8785.dumps(value)
        if not _NOT_PLAIN_NUMBER.search(data) and not _from_e000(data):
            return data
    return rfc8785.dumps(value)  # it also refuses what JCS cannot hold, in its own words


def _from_e000(data: bytes) -> bool:
    """Whether UTF-8 bytes hold a character from U+E000 up (one of its lead bytes)."""
    return not data.isascii() and bool(data.translate(None, _BUT_FROM_E000))
