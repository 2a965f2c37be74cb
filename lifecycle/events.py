"""The events of a product's life in the programme: small, immutable, past tense.

Every event carries the date it took legal effect (``effective_on``), the principal who made
it (``actor``) and a free-text ``note``; the store adds its own recorded ``timestamp``.
Each ``apply`` only records the fact on the product; the rules were checked before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import AggregateCreated, AggregateEvent

from lifecycle.values import (
    Actor,
    Certificate,
    Evaluation,
    Level,
    Location,
    Owner,
    RemovalReason,
    RevocationReason,
)

if TYPE_CHECKING:
    from lifecycle.product import Product


@dataclass(frozen=True)
class ProductEvent(AggregateEvent):
    """What every event of a product carries."""

    effective_on: date
    actor: Actor
    note: str

    def apply(self, aggregate: Any) -> None:
        product: Product = aggregate
        product.last_effective_on = self.effective_on
        self.record(product)

    def record(self, product: Product) -> None:
        """Records this event's fact on the product."""


@dataclass(frozen=True)
class Registered(AggregateCreated, ProductEvent):
    """A product joined the programme."""

    code: str
    name: str
    owner: Owner
    location: Location
    group: str
    subgroup: str
    criteria_set: str

    # Product.__init__ takes these facts when the aggregate is first built.


@dataclass(frozen=True)
class Evaluated(ProductEvent):
    """A council scored the product; total and band were computed by the register."""

    council_level: Level
    criteria_set: str
    points: dict[str, int]
    bonus: int
    mandatory_met: bool
    total: int
    band: int
    minutes_ref: str

    def record(self, product: Product) -> None:
        product.evaluation = Evaluation(
            council_level=self.council_level,
            criteria_set=self.criteria_set,
            points=self.points,
            bonus=self.bonus,
            mandatory_met=self.mandatory_met,
            total=self.total,
            band=self.band,
            minutes_ref=self.minutes_ref,
            evaluated_on=self.effective_on,
        )


@dataclass(frozen=True)
class Starred(ProductEvent):
    """A star certificate was issued; it supersedes any earlier one."""

    stars: int
    certificate_number: str
    decision_ref: str
    issuing_level: Level
    criteria_set: str
    valid_from: date
    valid_until: date

    def record(self, product: Product) -> None:
        product.certificate = Certificate(
            number=self.certificate_number,
            stars=self.stars,
            decision_ref=self.decision_ref,
            issuing_level=self.issuing_level,
            criteria_set=self.criteria_set,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
        )
        product.certificates_issued += 1
        product.evaluation = None
        product.suspension_reason = None


@dataclass(frozen=True)
class Suspended(ProductEvent):
    """An inspection found a breach; the certificate is suspended until corrected."""

    inspection_ref: str
    findings: str
    reason: str
    corrective_deadline: date

    def record(self, product: Product) -> None:
        assert product.certificate is not None
        product.certificate = replace(
            product.certificate,
            suspended_on=self.effective_on,
            corrective_deadline=self.corrective_deadline,
        )
        product.suspension_reason = self.reason


@dataclass(frozen=True)
class Reinstated(ProductEvent):
    """The breach was corrected; the certificate keeps its original valid-until date."""

    reinspection_ref: str
    corrected: str
    # Published; events stored before it existed read the class default.
    public_reason: str = ""

    def record(self, product: Product) -> None:
        assert product.certificate is not None
        product.certificate = replace(
            product.certificate, suspended_on=None, corrective_deadline=None
        )
        product.suspension_reason = None


@dataclass(frozen=True)
class Revoked(ProductEvent):
    """The certificate was withdrawn."""

    decision_ref: str
    reason: RevocationReason
    public_reason: str = ""  # published; older events read the class default

    def record(self, product: Product) -> None:
        assert product.certificate is not None
        product.certificate = replace(product.certificate, revoked_on=self.effective_on)


@dataclass(frozen=True)
class Removed(ProductEvent):
    """The product left the programme; final."""

    decision_ref: str
    reason: RemovalReason
    public_reason: str = ""  # published; older events read the class default

    def record(self, product: Product) -> None:
        product.removed = True
