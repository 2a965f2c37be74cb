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

from lifecycle import upcasts
from lifecycle.handoffs import after_certificate
from lifecycle.renewal import renewed_number
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
    # The trade item numbers (GTINs) in the product's barcodes, read back as a tuple; events
    # stored before they were named read the class default.
    gtins: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evaluated(ProductEvent):
    """A council scored the product; total and band were computed by the register."""

    evaluation: Evaluation
    # The product's group and sub-group under the evaluation's set when the council named
    # them (its own were not that set's); '' when it keeps its own. Events stored before
    # they were named read the class default, and so keep their payload (and public log
    # leaf) unchanged, as an upcast adding them would not.
    group: str = ""
    subgroup: str = ""

    # Version 1 carried the evaluation's facts one by one; version 2 as one value, with whole
    # points, one bonus figure and one yes/no for the mandatory criteria.
    class_version = 3

    upcast_v1_v2 = staticmethod(upcasts.evaluation_as_one_value)
    upcast_v2_v3 = staticmethod(upcasts.evaluation_in_todays_shape)

    # The references every reader of an event finds under the same name (e.g. the audit
    # trail's refs), and the criteria set, as Starred names its own.
    @property
    def minutes_ref(self) -> str:
        """The council's minutes."""
        return self.evaluation.minutes_ref

    @property
    def criteria_set(self) -> str:
        """The set the council scored under."""
        return self.evaluation.criteria_set

    def record(self, product: Product) -> None:
        product.evaluation = product.latest_evaluation = self.evaluation
        if self.group:
            product.group, product.subgroup = self.group, self.subgroup


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
            # A re-recognition continues the certificate it follows without a gap: read from
            # the dates, so every certificate ever stored says so alike.
            renews=renewed_number(product.certificate, self.valid_from),
        )
        product.certificates_issued += 1
        product.evaluation = None
        product.handed_to = after_certificate(product.handed_to, self.issuing_level)
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
