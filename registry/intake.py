"""The register's intake: concurrent orders are recorded together, one transaction a group.

Each caller hands in its order and waits. Whoever finds the intake idle leads: it records
every order waiting at that moment in one batch, answers each caller, then hands the lead
to the next waiting caller, if any. A caller on an event loop (``submitted``, the API's
writes) waits without a thread of its own: the groups it leads are carried out on the
intake's own thread, so a group of writes costs one hand-off to a thread, not one each.
While a batch is being written, new orders gather for the next one, so under load the
number of transactions falls while no order waits for a timer. Every order is still
checked against the rules, one after another, by the batch (``registry/batch.py``, which
carries each out by the same use cases as a single write).

After its order is saved, each caller tells the composition root's ``AfterSave``: the
projector is woken, the accepted command gets its log line (in the caller's own thread, so
the line carries the request id bound to it: an awaiting caller's, in its context) and is
counted.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from lifecycle.errors import RegisterError
from registry.service import Order, Recorded, Registry

MAX_GROUP = 200


@dataclass(frozen=True)
class AfterSave:
    """What follows each accepted order: the projector woken to project it now, the
    command's structured log line, and ``tally`` told (the metrics)."""

    wake: Callable[[], object]
    logger: Any
    tally: Callable[[Recorded], object] = lambda recorded: None

    def __call__(self, recorded: Recorded) -> None:
        self.wake()
        self.tally(recorded)
        self.logger.info(
            "command.accepted",
            product=recorded.code,
            event_type=recorded.event,
            version=recorded.version,
            position=recorded.position,
        )


@dataclass
class Groups:
    """How the intake has grouped so far: transactions, orders in them, the largest group."""

    transactions: int = 0
    orders: int = 0
    largest: int = 0

    def counted(self, size: int) -> None:
        """One more group of ``size`` orders recorded."""
        self.transactions += 1
        self.orders += size
        self.largest = max(self.largest, size)


@dataclass
class _Waiting:
    order: Order
    answered: threading.Event = field(default_factory=threading.Event)
    outcome: Recorded | RegisterError | BaseException | None = None
    leads: bool = False
    settle: Callable[[], object] | None = None  # an awaiting caller's: its loop is told

    def answer(self) -> None:
        """Tells the caller its outcome is there."""
        if self.settle is None:
            self.answered.set()
        else:
            self.settle()


class Intake:
    """Groups concurrent orders into shared transactions (see the module's account)."""

    def __init__(
        self,
        registry: Registry,
        max_group: int = MAX_GROUP,
        after_save: Callable[[Recorded], object] = lambda recorded: None,
    ) -> None:
        self.registry = registry
        self.max_group = max_group
        self.after_save = after_save
        self._lock = threading.Lock()
        self._queue: list[_Waiting] = []
        self._leading = False
        self._leader = ThreadPoolExecutor(1, thread_name_prefix="ocop-intake")
        self.groups = Groups()

    def submit(self, order: Order) -> Recorded:
        """Records the order (with whatever else is waiting) and answers it, or raises."""
        waiting = _Waiting(order)
        with self._lock:
            self._queue.append(waiting)
            waiting.leads = not self._leading
            self._leading = True
        while True:
            if waiting.leads:
                waiting.leads = False
                self._lead()
            waiting.answered.wait()
            if waiting.outcome is not None:
                break
            waiting.answered.clear()  # woken to lead, not answered
        if isinstance(waiting.outcome, BaseException):
            raise waiting.outcome
        self.after_save(waiting.outcome)
        return waiting.outcome

    async def submitted(self, order: Order) -> Recorded:
        """As ``submit``, for a caller on an event loop, which it does not block: the order
        waits in the same queue; when this caller leads, the intake's thread carries the
        group out; the outcome and what follows the save come back on the loop."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Recorded] = loop.create_future()
        context = contextvars.copy_context()  # the request's (its id, for the log line)

        def settle() -> None:
            with suppress(RuntimeError):  # the loop has closed: nobody waits for the answer
                loop.call_soon_threadsafe(self._settled, waiting, future, context=context)

        waiting = _Waiting(order, settle=settle)
        with self._lock:
            self._queue.append(waiting)
            leads, self._leading = not self._leading, True
        if leads:
            self._leader.submit(self._lead)
        return await future

    def _settled(self, waiting: _Waiting, future: asyncio.Future[Recorded]) -> None:
        outcome = waiting.outcome
        if isinstance(outcome, Recorded):
            self.after_save(outcome)  # even if its caller gave up: the order was saved
        if future.done():
            return
        if isinstance(outcome, Recorded):
            future.set_result(outcome)
        else:  # a refusal, a failure of the store, or (a defect) no outcome at all
            future.set_exception(outcome or RuntimeError("the intake gave this order no outcome"))

    def close(self) -> None:
        """Lets the intake's thread end once the group it carries out, if any, is answered."""
        self._leader.shutdown(wait=False)

    def _lead(self) -> None:
        with self._lock:
            group, self._queue = self._queue[: self.max_group], self._queue[self.max_group :]
            self.groups.counted(len(group))
        try:
            outcomes: list[Recorded | RegisterError] | None = self.registry.carry_out_batch(
                [w.order for w in group]
            )
        except BaseException as failure:  # the store failed: every caller hears of it
            outcomes = None
            for w in group:
                w.outcome = failure
        with self._lock:
            successor = self._queue[0] if self._queue else None
            if successor is None:
                self._leading = False
            elif successor.settle is None:
                successor.leads = True
        for w, outcome in zip(group, outcomes or [], strict=False):
            w.outcome = outcome
        for w in group:
            w.answer()
        if successor is None:
            return
        if successor.settle is None:
            successor.answered.set()  # woken to lead
        else:
            self._leader.submit(self._lead)
