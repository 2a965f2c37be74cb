"""``IN (...)`` lists of parameters, written as few distinct SQL texts as may be."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def marks(values: Sequence[Any]) -> str:
    """As many ``?`` as values, for an ``IN (...)``."""
    return ", ".join("?" * len(values))


def padded(keys: Sequence[T]) -> list[T]:
    """``keys`` (at least one) with the last repeated up to a power of two in all: a query
    over any number of keys is then one of a few texts, each prepared once."""
    return [*keys, *[keys[-1]] * ((1 << (len(keys) - 1).bit_length()) - len(keys))]
