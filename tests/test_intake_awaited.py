"""Orders awaited on an event loop (``Intake.submitted``, the API's writes) share the intake's
queue and groups with orders submitted from threads; the groups awaiting callers lead are
carried out on the intake's own thread, and each caller hears of its own outcome."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Sequence
from typing import Any

import pytest

from lifecycle import errors
from registry.intake import AfterSave, Intake
from registry.service import Order, Recorded, Registry
from storage.environment import store_environment
from storage.url import StoreUrl
from tests.conftest import fixed_today
from tests.test_intake import Lines, ObservedQueue, Woken, registration

CALLER: contextvars.ContextVar[str] = contextvars.ContextVar("caller", default="nobody")
WAIT = 30  # seconds, at most, for any one step


class HeldRegistry(Registry):
    """The register, holding each batch until the test lets it go, and noting the size of
    each batch and the thread that carried it out."""

    def __init__(self, url: str, *, failures: int = 0) -> None:
        super().__init__(store_environment(StoreUrl.parse(url)), clock=fixed_today)
        self.batches: list[tuple[int, str]] = []
        self.entered = threading.Semaphore(0)  # released once a batch began
        self.go = threading.Semaphore(0)  # one release lets one batch through
        self.failures = failures

    def carry_out_batch(self, orders: Sequence[Order]) -> list[Recorded | errors.RegisterError]:
        self.batches.append((len(orders), threading.current_thread().name))
        self.entered.release()
        assert self.go.acquire(timeout=WAIT)
        if self.failures:
            self.failures -= 1
            raise ConnectionError("the store went away")
        return super().carry_out_batch(orders)


class ContextLines(Lines):
    """A logger keeping each line with the caller its context names."""

    def info(self, event: str, **fields: Any) -> None:
        super().info(event, caller=CALLER.get(), **fields)


@pytest.fixture
def held(sqlite_url: str) -> HeldRegistry:
    return HeldRegistry(sqlite_url)


async def entered(registry: HeldRegistry) -> None:
    """Until the registry began a batch (waited for off the loop)."""
    assert await asyncio.to_thread(registry.entered.acquire, timeout=WAIT)


async def queued(intake: Intake, count: int) -> None:
    """Lets the tasks just created run to their wait; then ``count`` orders are queued."""
    await asyncio.sleep(0)
    assert len(intake._queue) == count


def test_awaited_orders_arriving_while_a_group_is_written_form_the_next_group(
    held: HeldRegistry,
) -> None:
    woken, lines = Woken(), ContextLines()
    intake = Intake(held, after_save=AfterSave(woken, lines))

    async def submit(n: int) -> Recorded:
        CALLER.set(f"caller {n}")
        return await intake.submitted(registration(f"QN-{n:04}"))

    async def scenario() -> list[Recorded]:
        first = asyncio.create_task(submit(0))
        await entered(held)
        others = [asyncio.create_task(submit(n)) for n in range(1, 16)]
        await queued(intake, 15)
        held.go.release(2)
        return await asyncio.wait_for(asyncio.gather(first, *others), WAIT)

    answers = asyncio.run(scenario())
    intake.close()
    assert [a.code for a in answers] == [f"QN-{n:04}" for n in range(16)]
    assert sorted(a.position for a in answers) == list(range(1, 17))
    assert held.batches == [(1, "ocop-intake_0"), (15, "ocop-intake_0")]
    assert woken.times == 16
    # Each line is logged in its caller's own context (its request id, in the API).
    assert sorted(fields["caller"] for _, fields in lines.lines) == sorted(
        f"caller {n}" for n in range(16)
    )
    assert all(
        fields["caller"] == f"caller {int(fields['product'][3:])}" for _, fields in lines.lines
    )


def test_the_lead_passes_between_threads_and_awaiting_callers(held: HeldRegistry) -> None:
    intake = Intake(held)
    answers: dict[str, Recorded] = {}

    def from_a_thread(code: str) -> None:
        answers[code] = intake.submit(registration(code))

    async def scenario() -> None:
        thread = threading.Thread(target=from_a_thread, args=("QN-0001",))
        thread.start()  # leads the first group, on its own thread
        await entered(held)
        awaited = asyncio.create_task(intake.submitted(registration("QN-0002")))
        await queued(intake, 1)
        held.go.release()  # the thread's group is written; the awaiting caller is next
        await entered(held)
        joined = threading.Condition()
        waiting = intake._queue = ObservedQueue(joined)  # empty: the group was taken
        late = threading.Thread(target=from_a_thread, args=("QN-0003",))
        late.start()  # queued behind the intake thread's group: led by its own thread
        with joined:
            assert await asyncio.to_thread(joined.wait_for, lambda: len(waiting) == 1, WAIT)
        held.go.release(2)
        answers["QN-0002"] = await asyncio.wait_for(awaited, WAIT)
        for each in (thread, late):
            await asyncio.to_thread(each.join, WAIT)

    asyncio.run(scenario())
    intake.close()
    assert [(size, name.startswith("ocop-intake")) for size, name in held.batches] == [
        (1, False),
        (1, True),
        (1, False),
    ]  # the first thread's, the intake thread's, the late thread's
    assert [answers[c].position for c in ("QN-0001", "QN-0002", "QN-0003")] == [1, 2, 3]


def test_a_store_failure_reaches_every_awaiting_caller_and_the_intake_goes_on(
    sqlite_url: str,
) -> None:
    held = HeldRegistry(sqlite_url, failures=1)
    intake = Intake(held)

    async def scenario() -> tuple[list[Any], Recorded]:
        first = asyncio.create_task(intake.submitted(registration("QN-0001")))
        await entered(held)
        held.go.release()
        failed = list(await asyncio.gather(first, return_exceptions=True))
        held.go.release()
        return failed, await asyncio.wait_for(intake.submitted(registration("QN-0002")), WAIT)

    failed, after = asyncio.run(scenario())
    intake.close()
    assert [type(f) for f in failed] == [ConnectionError]
    assert (after.code, after.position) == ("QN-0002", 1)


def test_a_caller_that_gives_up_does_not_unsave_its_order_nor_stop_the_intake(
    held: HeldRegistry,
) -> None:
    woken = Woken()
    intake = Intake(held, after_save=AfterSave(woken, Lines()))

    async def scenario() -> Recorded:
        gives_up = asyncio.create_task(intake.submitted(registration("QN-0001")))
        await entered(held)
        gives_up.cancel()
        with pytest.raises(asyncio.CancelledError):
            await gives_up
        held.go.release(2)
        return await asyncio.wait_for(intake.submitted(registration("QN-0002")), WAIT)

    after = asyncio.run(scenario())
    intake.close()
    assert after.position == 2  # the first order was saved though nobody waited for it
    assert held.product("QN-0001").version == 1
    assert woken.times == 2


def test_a_refusal_is_raised_to_its_awaiting_caller_only(held: HeldRegistry) -> None:
    intake = Intake(held)
    held.go.release(3)

    async def scenario() -> Recorded:
        await intake.submitted(registration("QN-0001"))
        with pytest.raises(errors.ProductAlreadyRegistered):
            await intake.submitted(registration("QN-0001"))
        return await intake.submitted(registration("QN-0002"))

    assert asyncio.run(scenario()).version == 1
    intake.close()


class Silent(HeldRegistry):
    """A register that (by a defect) answers a batch with no outcomes."""

    def carry_out_batch(self, orders: Sequence[Order]) -> list[Recorded | errors.RegisterError]:
        return []


def test_an_order_left_without_an_outcome_is_an_error_not_a_wait(sqlite_url: str) -> None:
    intake = Intake(Silent(sqlite_url))

    async def scenario() -> None:
        with pytest.raises(RuntimeError, match="no outcome"):
            await asyncio.wait_for(intake.submitted(registration("QN-0001")), WAIT)

    asyncio.run(scenario())
    intake.close()
