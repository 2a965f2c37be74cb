"""The register's use cases: load the product, check who acts, call the command, save.

Infrastructure errors are translated here, once: a missing aggregate becomes
``ProductNotFound``, a lost race for a version is retried against the fresh state, so the
rules are checked again before anything is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, cast
from uuid import UUID
from zoneinfo import ZoneInfo

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoder

from lifecycle import errors, history
from lifecycle.authority import Change, check_may_make
from lifecycle.commands import (
    IssueCertificate,
    ProductCommand,
    RecordEvaluation,
    RegisterProduct,
    ReinstateCertificate,
    RemoveProduct,
    RevokeCertificate,
    SuspendCertificate,
)
from lifecycle.events import ProductEvent
from lifecycle.product import Product
from lifecycle.text import check_plain_text
from lifecycle.values import Actor, product_id
from registry.orders import Answered, Request, answered, recorded
from registry.orders import Order as Order
from registry.orders import Recorded as Recorded
from registry.transcodings import RegisterTranscoder, register_register_types

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
CONFLICT_RETRIES = 20


def vietnam_today() -> date:
    """Today's date in Vietnam, where the programme's dates take effect."""
    return datetime.now(VIETNAM).date()


class Registry(Application[UUID]):
    """The OCOP register: products and their certificates, as events."""

    name = "ocop"

    def __init__(
        self, env: dict[str, str] | None = None, clock: Callable[[], date] = vietnam_today
    ) -> None:
        super().__init__(env)
        self.today = clock

    def construct_transcoder(self) -> Transcoder:
        transcoder = RegisterTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_register_types(transcoder)

    # Commands.

    def register_product(
        self, actor: Actor, command: RegisterProduct, request: Request | None = None
    ) -> Recorded:
        """A programme office registers a product under a code never used before."""
        check_plain_text(command, actor)
        check_may_make(actor, Change.REGISTER, command.location.province)
        self.check_code_unused(command.code)
        product = Product.register(command, actor, self.today())
        try:
            return self._save(product, Order(actor, command, request=request))
        except IntegrityError:
            raise errors.ProductAlreadyRegistered(
                f"Code {command.code} is already registered."
            ) from None

    def change(
        self,
        code: str,
        actor: Actor,
        command: ProductCommand,
        expected_version: int | None = None,
        request: Request | None = None,
    ) -> Recorded:
        """Load the product, check who acts and the rules, record the change.

        A lost race for the next version is retried on the fresh state, so the rules are
        checked again before the change is refused.
        """
        for _ in range(CONFLICT_RETRIES):
            product = self.product(code)
            order = Order(actor, command, code, expected_version, request)
            self._carry_out(product, order)
            try:
                return self._save(product, order)
            except IntegrityError:
                continue
        raise errors.ConcurrentChange(f"Product {code} kept changing; try again.")

    def carry_out_batch(self, orders: Sequence[Order]) -> list[Recorded | errors.RegisterError]:
        """Carry out many orders and record every accepted one in a single transaction.

        Each order is checked against the state left by the orders before it; a refused
        order records nothing and is answered with its error. If another writer took a
        version meanwhile, the orders are carried out one by one instead (nothing of the
        batch was stored), so each is checked again on the fresh state.
        """
        products: dict[str, Product] = {}
        accepted: dict[int, tuple[str, int]] = {}
        answers: list[Answered] = []
        outcomes: list[Recorded | errors.RegisterError | None] = []
        for index, order in enumerate(orders):
            try:
                product = self._carry_out_in_batch(order, products)
            except errors.RegisterError as error:
                outcomes.append(error)
                continue
            products[product.code] = product
            accepted[index] = (product.code, product.version)
            answers += answered(order, product.code, _last_event(product))
            outcomes.append(None)  # answered once the batch is recorded
        try:
            recordings = self.save(*products.values(), answers=answers) if products else []
        except IntegrityError:
            return [self._carry_out_alone(order) for order in orders]
        positions = {
            (r.domain_event.originator_id, r.domain_event.originator_version): r for r in recordings
        }
        for index, (code, version) in accepted.items():
            recording = positions[(product_id(code), version)]
            event = cast(ProductEvent, recording.domain_event)
            outcomes[index] = recorded(code, event, recording.notification.id)
        return [outcome for outcome in outcomes if outcome is not None]

    def check_may_order(self, order: Order) -> None:
        """Refuses an order its actor may not make, as carrying it out would."""
        command = order.command
        if isinstance(command, RegisterProduct):
            check_may_make(order.actor, Change.REGISTER, command.location.province)
        else:
            change, _ = CARRIED_OUT_BY[type(command)]
            check_may_make(order.actor, change, self.product(order.code).location.province)

    def _carry_out_in_batch(self, order: Order, products: dict[str, Product]) -> Product:
        command = order.command
        if isinstance(command, RegisterProduct):
            check_plain_text(command, order.actor)
            check_may_make(order.actor, Change.REGISTER, command.location.province)
            if command.code in products:
                raise errors.ProductAlreadyRegistered(f"Code {command.code} is already registered.")
            # A code already in the store fails the batch's save; the one-by-one retry then
            # refuses it. Looking each code up here would cost a round trip per registration.
            return Product.register(command, order.actor, self.today())
        product = products.get(order.code) or self.product(order.code)
        self._carry_out(product, order)
        return product

    def _carry_out(self, product: Product, order: Order) -> None:
        """Checks who acts and the version asked for, then carries the command out."""
        change, carry_out = CARRIED_OUT_BY[type(order.command)]
        check_plain_text(order.command, order.actor)
        check_may_make(order.actor, change, product.location.province)
        check_expected_version(product, order.expected_version)
        carry_out(product, order.command, order.actor, self.today())

    def _carry_out_alone(self, order: Order) -> Recorded | errors.RegisterError:
        try:
            if isinstance(order.command, RegisterProduct):
                return self.register_product(order.actor, order.command, order.request)
            return self.change(
                order.code, order.actor, order.command, order.expected_version, order.request
            )
        except errors.RegisterError as error:
            return error

    # Queries.

    def product(self, code: str) -> Product:
        """The product's current state, replayed from its events."""
        try:
            return cast(Product, self.repository.get(product_id(code)))
        except AggregateNotFoundError:
            raise errors.ProductNotFound(code) from None

    def events_of(self, code: str) -> list[ProductEvent]:
        """Every event of a product, in order."""
        events = cast(list[ProductEvent], list(self.events.get(product_id(code))))
        if not events:
            raise errors.ProductNotFound(code)
        return events

    def history(self, code: str) -> list[history.Step]:
        """Every event of a product with its state after each."""
        return history.steps(self.events_of(code))

    def state_at(
        self,
        code: str,
        *,
        as_of: date | None = None,
        version: int | None = None,
        known_at: datetime | None = None,
    ) -> Product:
        """The product as it stood on a date, at a version, as known at a moment."""
        return history.state_at(
            self.events_of(code), as_of=as_of, version=version, known_at=known_at
        )

    def check_code_unused(self, code: str) -> None:
        """A product code is unique for ever, even after removal."""
        if product_id(code) in self.repository:
            raise errors.ProductAlreadyRegistered(f"Code {code} is already registered.")

    # Saving.

    def _save(self, product: Product, order: Order) -> Recorded:
        answers = answered(order, product.code, _last_event(product))
        recordings = self.save(product, answers=answers)
        last = recordings[-1]
        return recorded(product.code, cast(ProductEvent, last.domain_event), last.notification.id)


def _last_event(product: Product) -> ProductEvent:
    return cast(ProductEvent, product.pending_events[-1])


def check_expected_version(product: Product, expected_version: int | None) -> None:
    """A change made against a version refuses if the product has moved on."""
    if expected_version is not None and expected_version != product.version:
        raise errors.StaleVersion(expected_version, product.version)


CARRIED_OUT_BY: dict[type[Any], tuple[Change, Callable[[Product, Any, Actor, date], None]]] = {
    RecordEvaluation: (Change.EVALUATE, Product.evaluate),
    IssueCertificate: (Change.CERTIFY, Product.certify),
    SuspendCertificate: (Change.SUSPEND, Product.suspend),
    ReinstateCertificate: (Change.REINSTATE, Product.reinstate),
    RevokeCertificate: (Change.REVOKE, Product.revoke),
    RemoveProduct: (Change.REMOVE, Product.remove),
}
