"""The stories the contract suite tells every store: one product's whole life, and races."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from datetime import date
from typing import Any

from lifecycle import errors
from lifecycle.commands import ProductCommand, RegisterProduct
from lifecycle.product import Product
from lifecycle.values import Actor, Level, Location, RemovalReason
from registry.changes import USE_CASES
from registry.service import Recorded, Registry
from seed import builders as make
from seed.renewal_builders import renewal_notice
from tests.conftest import fixed_today

CODE = "QN-0123"
Step = tuple[Actor, RegisterProduct | ProductCommand]
# Registered under 148, forwarded by the district, 4 stars from the province, suspended and
# reinstated; its place read under its new commune, without a district, after the communes
# merged in 2025; under 1489 assessed by the commune, forwarded, proposed by the province as
# potential 5 stars, evaluated by the central council (naming its group under that set) and
# re-recognised at 5 stars by the ministry (the new certificate continues the old); given
# notice of its end, revoked, then removed.
BONUS = {"local-materials": 2, "local-labour": 1}  # by kind, within 148's caps
NEW_PLACE = Location(make.QUANG_NINH, "", "Yên Tử")
TO_THE_PROVINCE = make.steps_to(Level.PROVINCE, date(2023, 3, 10), 80)
TO_THE_CENTRE = make.steps_to(Level.CENTRAL, date(2025, 9, 1), 95)
LIFE: list[Step] = [
    (make.office(), make.registration(date(2023, 3, 1), CODE)),
    *TO_THE_PROVINCE,
    (make.council(), make.evaluation(date(2023, 3, 10), 80, bonus=BONUS)),
    (make.authority(), make.certificate(date(2023, 3, 20), 4)),
    (make.inspector(), make.suspension(date(2024, 1, 10))),
    (make.inspector(), make.reinstatement(date(2024, 2, 1))),
    (make.office(), make.place_renamed(date(2025, 7, 1), NEW_PLACE)),
    *TO_THE_CENTRE,
    (
        make.council(Level.CENTRAL),
        make.evaluation(date(2025, 9, 1), 95, group="medicinal-herbs", subgroup="herbal-cosmetics"),
    ),
    (make.authority(Level.CENTRAL), make.certificate(date(2025, 9, 15), 5)),
    (make.authority(Level.CENTRAL), renewal_notice(date(2026, 1, 5))),
    (make.authority(Level.CENTRAL), make.revocation(date(2026, 3, 1))),
    (make.office(), make.removal(date(2026, 4, 1), RemovalReason.OWNER_REQUEST)),
]
STATUS_AFTER = [
    "participating",
    *["participating"] * len(TO_THE_PROVINCE),
    "participating",
    "certified",
    "suspended",
    "certified",
    "certified",  # the place renamed
    *["certified"] * len(TO_THE_CENTRE),
    "certified",
    "certified",
    "certified",
    "revoked",
    "removed",
]


def record(registry: Registry, steps: list[Step], code: str = CODE) -> list[Recorded]:
    """Records the steps in the store, each through the register's use cases."""
    answers = []
    for actor, command in steps:
        if isinstance(command, RegisterProduct):
            answers.append(registry.register_product(actor, command))
        else:
            answers.append(registry.change(code, actor, command))
    return answers


def live(steps: list[Step]) -> Product:
    """The same steps carried out on an aggregate in memory, never stored."""
    (actor, registering), *changes = steps
    assert isinstance(registering, RegisterProduct)
    product = Product.register(registering, actor, fixed_today())
    for actor, command in changes:
        USE_CASES[type(command)](product, actor, command, fixed_today())
    return product


def domain_state(product: Product) -> dict[str, Any]:
    """What the product knows of its life (not when the library built the object)."""
    facts = dict(vars(product))
    for envelope in ("_created_on", "_modified_on", "_pending_events"):
        facts.pop(envelope)
    return facts


def assert_identical(stored: Any, kept: Any, where: str = "") -> None:
    """Equal, and of the same type all the way down (a date is no string, an enum no value)."""
    assert type(stored) is type(kept), f"{where}: {stored!r} came back for {kept!r}"
    assert stored == kept, where
    if isinstance(kept, dict):
        for key in kept:
            assert_identical(stored[key], kept[key], f"{where}[{key!r}]")
    elif dataclasses.is_dataclass(kept):
        for field in dataclasses.fields(kept):
            name = f"{where}.{field.name}"
            assert_identical(getattr(stored, field.name), getattr(kept, field.name), name)


def race(contenders: int, attempt: Callable[[], Recorded]) -> list[Recorded | errors.RegisterError]:
    """Starts ``contenders`` threads together on ``attempt``; returns what each got."""
    start = threading.Barrier(contenders, timeout=30)
    outcomes: list[Recorded | errors.RegisterError] = []
    lock = threading.Lock()

    def contend() -> None:
        start.wait()
        try:
            outcome: Recorded | errors.RegisterError = attempt()
        except errors.RegisterError as error:
            outcome = error
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=contend) for _ in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert len(outcomes) == contenders
    return outcomes
