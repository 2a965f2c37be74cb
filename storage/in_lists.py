"""Lists of parameters in SQL (``IN (...)``, ``VALUES (...)``), written as few distinct
texts as may be."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def marks(values: Sequence[Any]) -> str:
    """As many ``?`` as values, for an ``IN (...)`` or a row of ``VALUES``."""
    return ", ".join("?" * len(values))


def padded(keys: Sequence[T]) -> list[T]:
    """``keys`` (at least one) with the last repeated up to a power of two in all: a query
    over any number of keys is then one of a few texts, each prepared once."""
    return [*keys, *[keys[-1]] * ((1 << (len(keys) - 1).bit_length()) - len(keys))]
