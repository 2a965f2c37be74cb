"""Replaying a product's events: its state after each, and as of a date, version or moment.

History is bitemporal. ``as_of`` selects what was legally true on a date (by ``effective_on``);
``known_at`` selects what the register had recorded by then (by the stored timestamp).
Effective dates never go backwards and timestamps only grow, so both select a prefix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime
from itertools import takewhile
from typing import Any

from lifecycle.events import ProductEvent
from lifecycle.product import Product


@dataclass(frozen=True)
class Step:
    """One event of a product and the product's state right after it."""

    event: ProductEvent
    state: Product


def replay(events: Iterable[ProductEvent]) -> Product | None:
    """The product built from its events, or None if there are none."""
    product: Product | None = None
    for event in events:
        product = event.mutate(product)
    return product


def steps(events: Iterable[ProductEvent]) -> list[Step]:
    """Every event with the state after it, in order."""
    product: Any = None
    result = []
    for event in events:
        product = event.mutate(product)
        result.append(Step(event, deepcopy(product)))
    return result


def known_prefix(
    events: Sequence[ProductEvent],
    *,
    as_of: date | None = None,
    version: int | None = None,
    known_at: datetime | None = None,
) -> list[ProductEvent]:
    """The events that make up the product's state at that date, version and moment."""

    def included(event: ProductEvent) -> bool:
        return (
            (as_of is None or event.effective_on <= as_of)
            and (version is None or event.originator_version <= version)
            and (known_at is None or event.timestamp <= known_at)
        )

    return list(takewhile(included, events))
