"""The projector: tails the register's log and applies each event to every read model.

A batch is one transaction: check the lease (``lease``), lock the tracking position, read
the events after it, apply them, advance the position, commit. So each event is applied
exactly once, whether the projector stops between batches, fails in the middle of one, or
runs in two processes. Given a lease, only the projector holding it applies the log; the
others stand by (``turn``). In the background it polls, woken early by PostgreSQL's
LISTEN/NOTIFY, a batch at most once in a ``gather`` unless a read here or elsewhere waits
(``pacing``, ``hurrying``); when the database fails it logs it and carries on: as soon as
an absent database answers, else after growing pauses.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from time import monotonic
from typing import Any

from projections.applied import Watching
from projections.background import Background
from projections.hurrying import Hurried
from projections.lease import Lease, LeaseLost
from projections.models import prepare_tables, project_next_batch
from projections.pacing import Pacing
from projections.progress import now, record_advance, record_failure
from projections.rebuild import RebuildReport, rebuild_beside
from projections.rebuild_parts import PARTS, PARTS_FROM, Parts
from projections.schema import tracked_position
from projections.turn import Turn
from registry.service import Registry
from storage import event_log
from storage.connections import Connections
from storage.sql import Database


class Projector(Background):
    """Keeps the read models in the register's database up to date with its log."""

    def __init__(
        self, registry: Registry, connections: Connections, *, batch_size: int = 500,
        poll_interval: float = 0.5, logger: Any = None, max_backoff: float = 5.0,
        on_advance: Callable[[int], object] | None = None, heartbeat: float = 5.0,
        lease: Lease | None = None, standby_interval: float = 0.5,
        on_standby: Callable[[], object] = lambda: None,
        watch: Watching | None = None,  # told of batches, rebuilds, being active
        rebuild_parts: tuple[int, int] = (PARTS, PARTS_FROM),  # processes, from events on
        gather: float = 0.0,  # seconds at least between two batches' starts in the background
    ) -> None:  # fmt: skip
        super().__init__(logger, max_backoff)
        self.registry, self.connections = registry, connections  # whoever opened them closes them
        self.batch_size, self.poll_interval = batch_size, poll_interval
        self.on_advance = on_advance or (lambda position: None)
        self._db: Database | None = None
        self._news: event_log.News | None = None
        self.heartbeat, self._last_beat = heartbeat, float("-inf")
        self.applied = 0  # events this projector applied since it was made
        self.watch = watch or Watching()
        self.turn = Turn(lease, self._tell, on_standby, self.watch.active)
        self.standby_interval, self.rebuild_parts = standby_interval, rebuild_parts
        self.pacing = Pacing(gather)
        self.hurried = Hurried(connections, self.pacing.hurry, logger)  # by reads elsewhere

    @property
    def active(self) -> bool:
        """Whether this projector applies the log now: it holds the lease (without one: runs)."""
        return self.turn.held if self.turn.lease is not None else self.running

    def start(self) -> None:
        """Runs in the background (hurried by reads here or elsewhere) until ``stop``."""
        super().start()
        self.hurried.start()

    def stop(self, timeout: float = 10) -> None:
        """Stops in the background (between batches), closes its connections, gives up the lease."""
        self._stopping.set()
        self.pacing.hurry()  # a batch held back for its pace is not waited for
        self._stop_thread(timeout)
        self.hurried.stop()
        with self._lock:
            self._disconnect()
            self.turn.release()

    def catch_up(self, *, max_batches: int | None = None) -> int:
        """Applies every event available now (or ``max_batches`` batches); returns how many.
        Given a lease, only while it holds it (0 while standing by)."""
        with self._lock:
            return self._catch_up(lambda: False, max_batches)

    def rebuild(self, progress: bool = False) -> RebuildReport:
        """Refills every read model from the first event beside the serving ones, then swaps
        them in, in one transaction; until then (or if it fails) the register reads as before."""
        with self._lock:
            decode = self.registry.mapper.to_domain_event
            parts = Parts(self.registry.env, *self.rebuild_parts)
            report = rebuild_beside(
                self.connections, decode, self.batch_size, progress, self.watch.rebuilding, parts
            )
        self._tell("info", "projector.rebuilt", events=report.events, seconds=report.seconds)
        return report

    def _catch_up(
        self, stopped: Callable[[], bool], max_batches: int | None, paced: bool = False
    ) -> int:
        if not self.turn.take():
            return 0  # standing by
        db = self._connection()
        applied = batches = 0
        while not stopped() and (max_batches is None or batches < max_batches):
            before = tracked_position(db)
            if event_log.head(db) <= before:
                self._beat(db)
                self.on_advance(before)
                break
            if paced and not self.pacing.before_batch(stopped):
                break  # stopped while its pace held the batch
            limit = self.failure.batch_size(before, self.batch_size)
            try:
                events, after = project_next_batch(
                    db, self.registry.mapper.to_domain_event, limit, self.failure.attempting,
                    self.turn.fence,
                )  # fmt: skip
            except LeaseLost as lost:  # nothing of the batch was committed
                self.turn.lost(str(lost))
                self._disconnect()
                break
            self.failure.applied()
            self._last_beat = monotonic()
            self.applied += events
            self.watch.applied(db, before, after)
            self.on_advance(after)
            applied, batches = applied + events, batches + 1
        return applied

    def _beat(self, db: Database) -> None:
        """Records, now and then, that the projector is alive and has nothing to do."""
        if monotonic() - self._last_beat >= self.heartbeat:
            with db.transaction():
                record_advance(db, now())
            self._last_beat = monotonic()

    def _connection(self) -> Database:
        if self._db is None:
            db = self.connections.connect("projector")
            try:
                current = prepare_tables(db)
            except BaseException:
                db.close()
                raise
            self._db = db
            if not current:
                self._tell("info", "projector.reshaping", reason="read models of another shape")
                self.rebuild()
        return self._db

    def _disconnect(self) -> None:
        for connection in (c for c in (self._db, self._news) if c is not None):
            with suppress(Exception):
                connection.close()
        self._db = self._news = None

    def _step(self) -> None:
        """Takes its turn if it can, and applies what the log holds beyond the read models."""
        with self._lock:
            if self.turn.take():
                self._news = self._news or event_log.listen_for_news(self.connections)
                self._catch_up(self._stopping.is_set, None, paced=True)

    def _rest(self, delay: float) -> None:
        """After a failure: until the database answers again, or ``delay`` if it answers."""
        self.connections.rest(delay, self._stopping)

    def _pause(self) -> None:
        """Waits for news of appends while active, then checks that the lease still stands;
        while standing by, waits until the next try to take it."""
        if self._news is None or not self.turn.held:
            self._stopping.wait(self.standby_interval)
            return
        self._news.wait(self.poll_interval, self._woken)
        self._woken.clear()
        with self._lock:
            if not self.turn.confirm():
                self._disconnect()

    def _after_failure(self) -> None:
        """Reconnects next time, and records the failure beside the tracking position, for
        readiness in any process (a projector standing by records nothing)."""
        with self._lock:
            self._disconnect()
            failure = self.failure
            if failure.text is None or failure.code is None or not self.turn.held:
                return
            self._last_beat = float("-inf")  # so that the next idle moment clears the record
            try:
                db = self._connection()
                with db.transaction():
                    position = failure.position or tracked_position(db) + 1
                    record_failure(db, position, failure.code, failure.text, now())
            except Exception:
                self._disconnect()  # the database is away; readiness will see the lag instead
