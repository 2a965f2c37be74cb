"""The projector: tails the register's log and applies each event to every read model.

A batch is one transaction: lock the tracking position, read the events after it, apply
them, advance the position, commit. So each event is applied exactly once, whether the
projector stops between batches, fails in the middle of one, or runs in two processes.
In the background it polls, woken early by PostgreSQL's LISTEN/NOTIFY; when the database
fails it logs it and carries on: as soon as an absent database answers, else after growing pauses.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from time import monotonic
from typing import Any

import structlog

from projections.failure import LastFailure
from projections.models import prepare_tables, project_next_batch
from projections.progress import now, record_advance, record_failure
from projections.rebuild import RebuildReport, rebuild_beside
from projections.schema import tracked_position
from registry.service import Registry
from storage import event_log
from storage.connections import Connections
from storage.sql import Database

FIRST_RETRY = 0.1


class Projector:
    """Keeps the read models in the register's database up to date with its log."""

    def __init__(
        self, registry: Registry, connections: Connections, *, batch_size: int = 500,
        poll_interval: float = 0.5, logger: Any = None, max_backoff: float = 5.0,
        on_advance: Callable[[int], object] | None = None, heartbeat: float = 5.0,
    ) -> None:  # fmt: skip
        self.registry = registry
        self.connections = connections  # whoever opened them closes them
        self.batch_size, self.poll_interval = batch_size, poll_interval
        self.max_backoff = max_backoff
        self.log = logger if logger is not None else structlog.get_logger("projector")
        self.on_advance = on_advance or (lambda position: None)
        self._db: Database | None = None
        self._news: event_log.News | None = None
        self._lock = threading.RLock()  # one user of the connection at a time
        self._stopping, self._woken = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self.failure = LastFailure()
        self.heartbeat, self._last_beat = heartbeat, float("-inf")
        self.applied = 0  # events this projector applied since it was made

    @property
    def error(self) -> str | None:
        """The text of the last attempt's failure, if any (kind and position: ``failure``)."""
        return self.failure.text

    @property
    def running(self) -> bool:
        """Whether the background thread is running."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Runs the projector on a background thread until ``stop``."""
        if self.running:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="ocop-projector", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10) -> None:
        """Stops the background thread (between batches) and closes its own connections."""
        self._stopping.set()
        self._woken.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                self._tell("warning", "projector.stop_timed_out", timeout=timeout)
            self._thread = None
        with self._lock:
            self._disconnect()

    def wake(self) -> None:
        """Asks the background thread to look for new events now (e.g. after a write)."""
        self._woken.set()

    def catch_up(self, *, max_batches: int | None = None) -> int:
        """Applies every event available now (or ``max_batches`` batches); returns how many."""
        with self._lock:
            return self._catch_up(lambda: False, max_batches)

    def rebuild(self, progress: bool = False) -> RebuildReport:
        """Refills every read model from the first event beside the serving ones, then swaps
        them in, in one transaction; until then (or if it fails) the register reads as before."""
        with self._lock:
            report = rebuild_beside(
                self.connections, self.registry.mapper.to_domain_event, self.batch_size, progress
            )
        self._tell("info", "projector.rebuilt", events=report.events, seconds=report.seconds)
        return report

    def _catch_up(self, stopped: Callable[[], bool], max_batches: int | None) -> int:
        db = self._connection()
        applied = batches = 0
        while not stopped() and (max_batches is None or batches < max_batches):
            before = tracked_position(db)
            if event_log.head(db) <= before:
                self._beat(db)
                self.on_advance(before)
                break
            limit = self.failure.batch_size(before, self.batch_size)
            events, after = project_next_batch(
                db, self.registry.mapper.to_domain_event, limit, self.failure.attempting
            )
            self.failure.applied()
            self._last_beat = monotonic()
            self.applied += events
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
        for connection in (self._db, self._news):
            if connection is not None:
                with suppress(Exception):
                    connection.close()
        self._db = self._news = None

    def _run(self) -> None:
        self._tell("info", "projector.started", batch_size=self.batch_size)
        failures, delay = 0, FIRST_RETRY
        while not self._stopping.is_set():
            try:
                with self._lock:
                    news = self._news or event_log.listen_for_news(self.connections)
                    self._news = news
                    self._catch_up(self._stopping.is_set, None)
                if failures:
                    self._tell("info", "projector.recovered", failures=failures)
                failures, delay = 0, FIRST_RETRY
                self.failure.cleared()
                news.wait(self.poll_interval, self._woken)
                self._woken.clear()
            except Exception as error:
                failures += 1
                self.failure.failed(error)
                self._tell(
                    "error", "projector.failed", error=self.failure.text, exc_info=True,
                    position=self.failure.position, failures=failures, retry_in=delay,
                )  # fmt: skip
                with self._lock:
                    self._disconnect()
                    self._record_failure()
                self.connections.rest(delay, self._stopping)
                delay = min(delay * 2, self.max_backoff)
        self._tell("info", "projector.stopped")

    def _record_failure(self) -> None:
        """Records the failure beside the tracking position, for readiness in any process."""
        failure = self.failure
        if failure.text is None or failure.code is None:
            return
        self._last_beat = float("-inf")  # so that the next idle moment clears the record
        try:
            db = self._connection()
            with db.transaction():
                position = failure.position or tracked_position(db) + 1
                record_failure(db, position, failure.code, failure.text, now())
        except Exception:
            self._disconnect()  # the database is away; readiness will see the lag instead

    def _tell(self, level: str, event: str, **fields: Any) -> None:
        """Logs, and never lets a failing logger stop the projector."""
        with suppress(Exception):
            getattr(self.log, level)(event, **fields)
