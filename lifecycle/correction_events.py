"""The offices' corrections of a product's record: small, immutable, past tense.

A correction never rewrites an earlier event: it records the new details beside the old
ones (``previous``), so the history shows both and every state as of a date reads the
details then in force.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from lifecycle.events import ProductEvent
from lifecycle.values import Location, Owner

if TYPE_CHECKING:
    from lifecycle.product import Product

CORRECTABLE = ("name", "owner_name", "district", "commune")


@dataclass(frozen=True)
class RegistrationCorrected(ProductEvent):
    """The programme office corrected details registered wrongly (a misspelt name, the
    owner's name, the district or commune); ``None`` leaves a detail as it was."""

    name: str | None
    owner_name: str | None
    district: str | None
    commune: str | None
    reason: str
    decision_ref: str
    previous: dict[str, str]  # each corrected detail as it read before

    def corrected(self) -> dict[str, str]:
        """The details this correction changed, by name, as they read after it."""
        return {name: value for name in CORRECTABLE if (value := getattr(self, name)) is not None}

    def record(self, product: Product) -> None:
        now = self.corrected()
        product.name = now.get("name", product.name)
        product.owner = replace(product.owner, name=now.get("owner_name", product.owner.name))
        where = product.location
        product.location = Location(
            where.province, now.get("district", where.district), now.get("commune", where.commune)
        )


@dataclass(frozen=True)
class OwnershipTransferred(ProductEvent):
    """By a decision, the product passed to another owner."""

    owner: Owner
    decision_ref: str
    previous_owner: Owner

    def record(self, product: Product) -> None:
        product.owner = self.owner


@dataclass(frozen=True)
class CorrectiveDeadlineExtended(ProductEvent):
    """The inspector gave a suspended product more time to correct the breach."""

    corrective_deadline: date
    reason: str
    previous_deadline: date

    def record(self, product: Product) -> None:
        assert product.certificate is not None
        product.certificate = replace(
            product.certificate, corrective_deadline=self.corrective_deadline
        )
