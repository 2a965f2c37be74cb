"""Replaying a product's events: its state after each, and as of a date, version or moment.

History is bitemporal. ``as_of`` selects what was legally true on a date (by ``effective_on``);
``known_at`` selects what the register had recorded by then (by the stored timestamp).
Effective dates never go backwards and timestamps only grow, so both select a prefix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import takewhile
from typing import Any

from lifecycle import errors
from lifecycle.events import ProductEvent, Registered
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


def state_at(
    events: Sequence[ProductEvent],
    *,
    as_of: date | None = None,
    version: int | None = None,
    known_at: datetime | None = None,
) -> Product:
    """The product as it stood on a date, at a version, as known at a moment.

    A version the product never reached is not found; a date, version or moment before its
    registration finds nothing on the register.
    """
    if known_at is not None and known_at.tzinfo is None:
        known_at = known_at.replace(tzinfo=UTC)  # a moment without a zone is read as UTC
    last = events[-1].originator_version if events else 0
    if version is not None and version > last:
        raise errors.VersionNotFound(
            f"The product has {last} versions; version {version} was never recorded."
        )
    product = replay(known_prefix(events, as_of=as_of, version=version, known_at=known_at))
    if product is None:
        raise errors.NotYetRegistered("The product was not yet on the register then.")
    return product


def jurisdiction_of(events: Sequence[ProductEvent]) -> str:
    """The province whose principals may read the product: where it was registered.

    Read before any replay, so that a principal of another province learns nothing of the
    product's dates from the answer.
    """
    registered = events[0]
    assert isinstance(registered, Registered), registered
    return registered.location.province
