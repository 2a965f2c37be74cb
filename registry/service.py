"""The register as an application: orders carried out (load, call the use case, save), and
the product's state and history read back.

The use cases themselves are ``registry/changes.py``'s; orders given together are saved in
one transaction by ``registry/batch.py``. Infrastructure errors are translated here, once: a
missing aggregate becomes ``ProductNotFound``, a lost race for a version is retried against
the fresh state, so the rules are checked again before anything is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import cast
from uuid import UUID
from zoneinfo import ZoneInfo

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoder

from lifecycle import errors, history
from lifecycle.commands import ProductCommand, RegisterProduct
from lifecycle.events import ProductEvent
from lifecycle.product import Product
from lifecycle.values import Actor, product_id
from registry import changes
from registry.batch import carry_out_together
from registry.orders import Order as Order, Recorded as Recorded, Request, answered, recorded
from registry.request_ids import traced
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

    # Writes: load, carry out, save.

    def carry_out(self, order: Order) -> Recorded:
        """Load the order's product, carry out its use case, save the event.

        A lost race for the next version is retried on the fresh state, so the rules are
        checked again before the change is refused (a registration then finds its code taken).
        """
        for _ in range(CONFLICT_RETRIES):
            product = changes.carry_out(order, self.find(order.product_code), self.today())
            try:
                return self._save(product, order)
            except IntegrityError:
                continue
        raise errors.ConcurrentChange(f"Product {order.product_code} kept changing; try again.")

    def register_product(
        self, actor: Actor, command: RegisterProduct, request: Request | None = None
    ) -> Recorded:
        """A programme office registers a product under a code never used before."""
        return self.carry_out(Order(actor, command, request=request))

    def change(
        self,
        code: str,
        actor: Actor,
        command: ProductCommand,
        expected_version: int | None = None,
        request: Request | None = None,
    ) -> Recorded:
        """The coded product changed by the command: evaluated, certified, suspended, ..."""
        return self.carry_out(Order(actor, command, code, expected_version, request))

    def carry_out_batch(self, orders: Sequence[Order]) -> list[Recorded | errors.RegisterError]:
        """Many orders carried out in order and saved in one transaction (``registry/batch.py``)."""
        return carry_out_together(self, orders)

    def check_may_order(self, order: Order) -> None:
        """Refuses an order its actor may not give, as carrying it out would."""
        product = None if isinstance(order.command, RegisterProduct) else self.product(order.code)
        changes.check_may_order(order, product)

    # Queries.

    def product(self, code: str) -> Product:
        """The product's current state, replayed from its events."""
        product = self.find(code)
        if product is None:
            raise errors.ProductNotFound(code)
        return product

    def find(self, code: str) -> Product | None:
        """The product's current state, or None if the code was never registered."""
        try:
            return cast(Product, self.repository.get(product_id(code)))
        except AggregateNotFoundError:
            return None

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

    # Saving.

    def _save(self, product: Product, order: Order) -> Recorded:
        event = last_event(product)
        answers = answered(order, product.code, event)
        recordings = self.save(product, answers=answers, request_ids=traced(order, event))
        last = recordings[-1]
        return recorded(product.code, cast(ProductEvent, last.domain_event), last.notification.id)


def last_event(product: Product) -> ProductEvent:
    """The event a use case just left pending on the product."""
    return cast(ProductEvent, product.pending_events[-1])
