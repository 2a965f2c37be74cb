"""The rule on what text a command may carry: printable characters, tabs and newlines.

Every text field is kept for ever in the log and copied into the read models; a NUL or
another control character would be refused by PostgreSQL's text columns (and mean nothing to
a reader), so it is refused here, before anything is stored, on every backend alike.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterator
from enum import Enum
from typing import Any

from lifecycle import errors

ALLOWED_CONTROLS = frozenset("\t\n")
REFUSED_CATEGORIES = frozenset({"Cc", "Cs"})  # control characters, lone surrogates


def check_plain_text(*facts: Any) -> None:
    """No text field of a command or its actor holds a control character but tab and newline."""
    for where, text in _texts(facts, ""):
        for character in text:
            if character in ALLOWED_CONTROLS:
                continue
            if unicodedata.category(character) in REFUSED_CATEGORIES:
                raise errors.ControlCharacterInText(
                    f"Field {where or 'text'!r} holds U+{ord(character):04X}, a control "
                    "character; text may hold tabs and newlines but no other control characters."
                )


def _texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string inside ``value`` (dataclasses, mappings, sequences), with its path."""
    if isinstance(value, Enum):
        return
    if isinstance(value, str):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name), _join(where, field.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key, where)
            yield from _texts(item, _join(where, str(key)))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item, where)


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name
