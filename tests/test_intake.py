"""The intake groups concurrent orders into shared transactions and answers each caller."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest

from lifecycle import errors
from registry.intake import AfterSave, Intake
from registry.service import Order, Recorded, Registry
from seed import builders as make
from storage.environment import store_environment
from storage.url import StoreUrl
from tests.conftest import fixed_today

OFFICE = make.office()


class CountingRegistry(Registry):
    """The register, counting the batches it was asked to record."""

    batches: list[int]

    def carry_out_batch(self, orders: Sequence[Order]) -> list[Recorded | errors.RegisterError]:
        self.batches.append(len(orders))
        return super().carry_out_batch(orders)


def registration(code: str, group: str = "food") -> Order:
    return Order(OFFICE, make.registration(date(2020, 1, 2), code, group=group))


@pytest.fixture
def registry(sqlite_url: str) -> CountingRegistry:
    registry = CountingRegistry(store_environment(StoreUrl.parse(sqlite_url)), clock=fixed_today)
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


class HeldRegistry(CountingRegistry):
    """The register, holding its first batch until released, and noting each save's positions."""

    entered: threading.Event
    release: threading.Event
    saves: list[list[int]]

    def carry_out_batch(self, orders: Sequence[Order]) -> list[Recorded | errors.RegisterError]:
        if not self.batches:
            self.entered.set()
            assert self.release.wait(timeout=30)
        return super().carry_out_batch(orders)

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        recordings = super().save(*objs, **kwargs)
        self.saves.append([r.notification.id for r in recordings])
        return recordings


class ObservedQueue(list[Any]):
    """The intake's waiting list, telling a test each time an order joins it."""

    def __init__(self, joined: threading.Condition) -> None:
        super().__init__()
        self.joined = joined

    def append(self, item: Any) -> None:
        with self.joined:
            super().append(item)
            self.joined.notify_all()


@pytest.mark.parametrize("backend", ["sqlite_url", "postgres_url"])
def test_orders_arriving_while_the_leader_writes_share_one_transaction(
    backend: str, request: pytest.FixtureRequest
) -> None:
    registry = HeldRegistry(
        store_environment(StoreUrl.parse(request.getfixturevalue(backend))), fixed_today
    )
    registry.batches, registry.saves = [], []
    registry.entered, registry.release = threading.Event(), threading.Event()
    intake = Intake(registry)
    followers = [registration("QN-0001"), registration("QN-0002", group="no-such-group"),
                 registration("QN-0003"), registration("QN-0004")]  # fmt: skip

    def submit(order: Order) -> Recorded | errors.RegisterError:
        try:
            return intake.submit(order)
        except errors.RegisterError as refused:
            return refused

    with ThreadPoolExecutor(1 + len(followers)) as pool:
        leader = pool.submit(submit, registration("QN-0000"))
        assert registry.entered.wait(timeout=30)  # the leader holds the intake
        joined = threading.Condition()
        waiting = intake._queue = ObservedQueue(joined)  # observe who waits for the lead
        answers = [pool.submit(submit, order) for order in followers]
        with joined:
            assert joined.wait_for(lambda: len(waiting) == len(followers), timeout=30)
        registry.release.set()
        first, outcomes = leader.result(timeout=30), [a.result(timeout=30) for a in answers]

    assert registry.batches == [1, 4]  # the four waiting orders formed one group
    assert isinstance(first, Recorded) and first.position == 1
    refused = outcomes[1]
    assert isinstance(refused, errors.UnknownProductGroup)
    recorded = [outcomes[0], outcomes[2], outcomes[3]]
    assert [(r.code, r.version) for r in recorded if isinstance(r, Recorded)] == [
        ("QN-0001", 1), ("QN-0003", 1), ("QN-0004", 1)
    ]  # fmt: skip
    # One save for the leader, one for the group: the three accepted orders in one transaction.
    assert [sorted(positions) for positions in registry.saves] == [[1], [2, 3, 4]]
    assert sorted(r.position for r in recorded if isinstance(r, Recorded)) == [2, 3, 4]
    assert registry.recorder.max_notification_id() == 4
    registry.close()


class Woken:
    """A projector's wake, counting the times it was woken."""

    def __init__(self) -> None:
        self.times = 0

    def __call__(self) -> None:
        self.times += 1


class Lines:
    """A logger keeping each structured line it is given."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, dict[str, Any]]] = []

    def info(self, event: str, **fields: Any) -> None:
        self.lines.append((event, fields))


def test_each_accepted_order_wakes_the_projector_and_logs_one_line(
    registry: CountingRegistry,
) -> None:
    woken, log = Woken(), Lines()
    intake = Intake(registry, after_save=AfterSave(woken, log))
    first = intake.submit(registration("QN-0001"))
    with pytest.raises(errors.ProductAlreadyRegistered):
        intake.submit(registration("QN-0001"))
    second = intake.submit(registration("QN-0002"))
    assert woken.times == 2  # not for the refusal
    assert log.lines == [
        ("command.accepted",
         {"product": r.code, "event_type": "Registered", "version": 1, "position": r.position})
        for r in (first, second)
    ]  # fmt: skip
    assert [r.position for r in (first, second)] == [1, 2]
