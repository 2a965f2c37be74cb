"""The hand-offs between levels: a district or commune forwards a product to the province, a
province proposes it to the central level as potential 5 stars. Small, immutable, past tense,
like every event of a product (``lifecycle/events.py``); each names the evaluation it rests
on, so the record answers who handed the product on, when, and with what score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from lifecycle.events import ProductEvent
from lifecycle.handoffs import HandOff, HandOffKind
from lifecycle.values import Level

if TYPE_CHECKING:
    from lifecycle.product import Product


@dataclass(frozen=True)
class HandedOff(ProductEvent):
    """A council handed the product to the level above, on its own latest evaluation."""

    kind: ClassVar[HandOffKind]

    dispatch_ref: str
    from_level: Level
    to_level: Level
    criteria_set: str
    total: Decimal
    band: int
    minutes_ref: str
    evaluated_on: date

    def record(self, product: Product) -> None:
        standing = HandOff(
            kind=self.kind,
            from_level=self.from_level,
            to_level=self.to_level,
            by=self.actor.principal_id,
            on=self.effective_on,
            total=self.total,
            band=self.band,
            criteria_set=self.criteria_set,
            minutes_ref=self.minutes_ref,
            evaluated_on=self.evaluated_on,
            dispatch_ref=self.dispatch_ref,
        )
        others = [h for h in product.handed_to if h.to_level is not self.to_level]
        product.handed_to = (*others, standing)


@dataclass(frozen=True)
class Forwarded(HandedOff):
    """A district council (under 1489, a commune's) forwarded the product to the province."""

    kind: ClassVar[HandOffKind] = HandOffKind.FORWARD


@dataclass(frozen=True)
class ProposedAsPotentialFiveStar(HandedOff):
    """A province proposed the product to the central level as potential 5 stars."""

    kind: ClassVar[HandOffKind] = HandOffKind.PROPOSE_POTENTIAL_FIVE_STAR
