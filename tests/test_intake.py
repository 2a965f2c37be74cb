"""The intake groups concurrent orders into shared transactions and answers each caller."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from lifecycle import errors
from lifecycle.commands import RegisterProduct
from lifecycle.intake import Intake
from lifecycle.service import Order, Recorded, Registry
from lifecycle.store import store_environment
from lifecycle.values import Actor, Location, Owner, OwnerKind, Role
from tests.conftest import fixed_today

OFFICE = Actor("office", Role.PROGRAMME_OFFICE, "Quảng Ninh")


class CountingRegistry(Registry):
    """The register, counting the batches it was asked to record."""

    batches: list[int]

    def carry_out_batch(self, orders: Sequence[Order]) -> list[Recorded | errors.RegisterError]:
        self.batches.append(len(orders))
        return super().carry_out_batch(orders)


def registration(code: str) -> Order:
    return Order(OFFICE, RegisterProduct(
        code=code, name="Mắm tôm Đầm Hà", group="food", effective_on=date(2020, 1, 2),
        owner=Owner("5700100002", "HTX Đầm Hà", OwnerKind.COOPERATIVE),
        location=Location("Quảng Ninh", "Đầm Hà", "Đại Bình")))


@pytest.fixture
def registry(sqlite_url: str) -> CountingRegistry:
    registry = CountingRegistry(store_environment(sqlite_url), clock=fixed_today)
    registry.batches = []
    return registry


def test_concurrent_registrations_are_all_recorded_and_each_caller_gets_its_own(
    registry: CountingRegistry,
) -> None:
    intake = Intake(registry)
    start = threading.Barrier(16)

    def submit(n: int) -> Recorded:
        start.wait(timeout=10)
        return intake.submit(registration(f"QN-{n:04}"))

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(submit, range(16)))
    assert sorted(a.code for a in answers) == [f"QN-{n:04}" for n in range(16)]
    assert len({a.position for a in answers}) == 16
    assert sum(registry.batches) == 16
    assert all(registry.product(a.code).version == 1 for a in answers)


def test_a_refused_order_raises_for_its_caller_only(registry: CountingRegistry) -> None:
    intake = Intake(registry)
    intake.submit(registration("QN-0001"))
    with pytest.raises(errors.ProductAlreadyRegistered):
        intake.submit(registration("QN-0001"))
    assert intake.submit(registration("QN-0002")).version == 1
