"""A small demo register: fourteen products in four provinces, every public status today.

Quảng Ninh, Tuyên Quang (Hà Giang's products, registered before the 2025 merger), Thái
Nguyên and Đồng Tháp; certificates under every criteria set (the stories are in
``demo_stories``). Loaded through the register's own commands, in one
batch, so it is all there or not at all.
"""

from __future__ import annotations

from decimal import Decimal

from lifecycle.commands import RecordEvaluation
from lifecycle.values import Actor, Level, Role, product_id
from registry.service import Order, Registry
from seed.demo_stories import FIRST_CODE, STORIES
from seed.hand_offs import steps_to
from seed.principals import ACTED_AS, DEMO_PRINCIPALS
from seed.writing import carry_out

__all__ = ["DEMO_PRINCIPALS", "FIRST_CODE", "NotADemoRegister", "demo_orders", "load_demo"]


class NotADemoRegister(RuntimeError):
    """The store holds events that are not the demo's: the demo is never mixed into them."""


def demo_orders() -> list[Order]:
    """Every story as orders, in the order their dates took effect; before a council's
    evaluation, the lower councils' evaluations and hand-offs the set in force asks for."""
    orders = []
    for registration, changes in STORIES:
        office = ACTED_AS[f"{registration.code[:2].lower()}-programme-office"]
        orders.append(Order(office, registration))
        code, province = registration.code, registration.location.province
        for key, change in changes:
            actor = ACTED_AS[key]
            if isinstance(change, RecordEvaluation) and actor.level is not None:
                on, total = change.effective_on, scored(change)
                steps = steps_to(actor.level, on, total, province, demo_council, change.group)
                orders += [Order(who, step, code=code) for who, step in steps]
            orders.append(Order(actor, change, code=code))
    return sorted(orders, key=lambda order: order.command.effective_on)


def demo_council(level: Level, province: str) -> Actor:
    """The demo's council of ``level`` in ``province``."""
    return next(
        actor
        for actor in ACTED_AS.values()
        if actor.role is Role.EVALUATION_COUNCIL
        and actor.level is level
        and actor.province == province
    )


def scored(evaluation: RecordEvaluation) -> Decimal:
    """The total of one set of points and bonus (the demo gives no members' sheets)."""
    return sum([*evaluation.points.values(), *evaluation.bonus.values()], Decimal(0))


def load_demo(registry: Registry) -> bool:
    """Loads the demo register into a new, empty store; answers False, doing nothing, if the
    store already is the demo's. Any other store is refused: demo events can never be
    removed, and demo keys would act in it."""
    if product_id(FIRST_CODE) in registry.repository:
        return False
    if registry.recorder.max_notification_id():
        raise NotADemoRegister(
            "This store already holds a register that is not the demo: --demo loads only into "
            "a new, empty store. Serve it without --demo, or point OCOP_DATABASE_URL elsewhere."
        )
    orders = demo_orders()
    latest = orders[-1].command.effective_on
    if latest > registry.today():
        raise ValueError(f"The demo's stories run to {latest}, after today ({registry.today()}).")
    carry_out(registry, orders, batch_size=len(orders), description="demo")
    return True
