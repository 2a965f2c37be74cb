"""The event of an administrative change to a product's place (``lifecycle/events.py`` holds
the others): the province or commune it lies in was merged or renamed, by a text; the
business did not move, and the place it registered with stays on its registration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lifecycle.events import ProductEvent
from lifecycle.values import Location

if TYPE_CHECKING:
    from lifecycle.product import Product


@dataclass(frozen=True)
class PlaceRenamed(ProductEvent):
    """The product's place now reads under its new commune and province."""

    location: Location
    decision_ref: str

    def record(self, product: Product) -> None:
        product.location = self.location
