"""Orders carried out together and saved in one transaction: how the intake and the seed
data write many orders at once.

Each order is carried out by the same step as a single write (``changes.carry_out``), on
the state the orders before it left; only loading and saving differ: the products the
orders name are loaded together first, in one query (``registry/loading.py``). A refused order saves
nothing and is answered with its error. If another writer took a version meanwhile (or a
registration's code was taken), nothing of the batch was saved, and the orders are carried
out one by one instead, each checked again on the fresh state.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from eventsourcing.persistence import IntegrityError

from lifecycle import errors
from lifecycle.commands import RegisterProduct
from lifecycle.events import ProductEvent
from lifecycle.product import Product
from lifecycle.values import product_id
from registry import changes
from registry.loading import products_of
from registry.orders import Answered, Order, Recorded, answered, recorded
from registry.request_ids import Traced, traced

if TYPE_CHECKING:
    from registry.service import Registry


def carry_out_together(
    registry: Registry, orders: Sequence[Order]
) -> list[Recorded | errors.RegisterError]:
    """Every order carried out in turn, the accepted ones saved in a single transaction."""
    products: dict[str, Product] = {}
    accepted: dict[int, tuple[str, int]] = {}
    answers: list[Answered] = []
    traces: list[Traced] = []
    outcomes: list[Recorded | errors.RegisterError | None] = []
    today = registry.today()
    stored = products_of(
        registry, {o.product_code for o in orders if not isinstance(o.command, RegisterProduct)}
    )
    for index, order in enumerate(orders):
        try:
            product = changes.carry_out(order, load(order, products, stored), today)
        except errors.RegisterError as error:
            outcomes.append(error)
            continue
        products[product.code] = product
        accepted[index] = (product.code, product.version)
        event = cast(ProductEvent, product.pending_events[-1])
        answers += answered(order, product.code, event)
        traces += traced(order, event)
        outcomes.append(None)  # answered once the batch is saved
    try:
        recordings = (
            registry.save(*products.values(), answers=answers, request_ids=traces)
            if products
            else []
        )
    except IntegrityError:
        return [one_by_one(registry, order) for order in orders]
    positions = {
        (r.domain_event.originator_id, r.domain_event.originator_version): r for r in recordings
    }
    for index, (code, version) in accepted.items():
        recording = positions[(product_id(code), version)]
        event = cast(ProductEvent, recording.domain_event)
        outcomes[index] = recorded(code, event, recording.notification.id)
    return [outcome for outcome in outcomes if outcome is not None]


def load(order: Order, products: dict[str, Product], stored: dict[str, Product]) -> Product | None:
    """The order's product as the batch left it, or as the store had it (``stored``, loaded
    for the whole batch at once).

    A registration's code is looked for in the batch only: one already in the store fails
    the batch's save, and the one-by-one retry refuses it. Looking each code up would cost
    a round trip per registration.
    """
    code = order.product_code
    if code in products or isinstance(order.command, RegisterProduct):
        return products.get(code)
    if code not in stored:
        raise errors.ProductNotFound(code)
    return stored[code]


def one_by_one(registry: Registry, order: Order) -> Recorded | errors.RegisterError:
    """The order carried out and saved alone; its refusal is its answer."""
    try:
        return registry.carry_out(order)
    except errors.RegisterError as error:
        return error
