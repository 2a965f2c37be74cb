"""A small demo register: fourteen products in four provinces, every public status today.

Quảng Ninh, Hà Giang, Thái Nguyên and Đồng Tháp; certificates under every criteria set
(the stories are in ``demo_stories``). Loaded through the register's own commands, in one
batch, so it is all there or not at all.
"""

from __future__ import annotations

from api.seed.demo_stories import FIRST_CODE, STORIES
from api.seed.principals import DEMO_PRINCIPALS
from api.seed.writing import carry_out
from lifecycle.service import Order, Registry
from lifecycle.values import product_id

__all__ = ["DEMO_PRINCIPALS", "FIRST_CODE", "demo_orders", "load_demo"]


def demo_orders() -> list[Order]:
    """Every story as orders, in the order their dates took effect."""
    orders = []
    for registration, changes in STORIES:
        office = DEMO_PRINCIPALS[f"{registration.code[:2].lower()}-programme-office"]
        orders.append(Order(office, registration))
        code = registration.code
        orders += [Order(DEMO_PRINCIPALS[key], change, code=code) for key, change in changes]
    return sorted(orders, key=lambda order: order.command.effective_on)


def load_demo(registry: Registry) -> bool:
    """Loads the demo register the first time; answers False, doing nothing, if it is there."""
    if product_id(FIRST_CODE) in registry.repository:
        return False
    orders = demo_orders()
    latest = orders[-1].command.effective_on
    if latest > registry.today():
        raise ValueError(f"The demo's stories run to {latest}, after today ({registry.today()}).")
    carry_out(registry, orders, batch_size=len(orders), description="demo")
    return True
