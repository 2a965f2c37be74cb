"""The projector's life on a thread of its own: one step after another until it is stopped,
a pause between them, and when a step fails, the failure logged and recorded and the step
tried again after growing pauses (from 0.1 s up to ``max_backoff``)."""

from __future__ import annotations

import threading
from contextlib import suppress
from typing import Any

import structlog

from projections.failure import LastFailure

FIRST_RETRY = 0.1


class Background:
    """Runs ``_step`` on a background thread until ``stop``, waiting ``_pause`` after each."""

    def __init__(self, logger: Any, max_backoff: float) -> None:
        self.log = logger if logger is not None else structlog.get_logger("projector")
        self.max_backoff = max_backoff
        self.failure = LastFailure()
        self._lock = threading.RLock()  # one user of the connection at a time
        self._stopping, self._woken = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None

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

    def wake(self) -> None:
        """Asks the background thread to look for new events now (e.g. after a write)."""
        self._woken.set()

    def _stop_thread(self, timeout: float) -> None:
        """Stops the background thread between two steps (waiting at most ``timeout``)."""
        self._stopping.set()
        self._woken.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                self._tell("warning", "projector.stop_timed_out", timeout=timeout)
            self._thread = None

    def _step(self) -> None:
        """One step (the projector: take its turn and catch up)."""
        raise NotImplementedError

    def _pause(self) -> None:
        """Waits until the next step is due."""
        raise NotImplementedError

    def _rest(self, delay: float) -> None:
        """Waits ``delay`` before trying a failed step again (or until stopped)."""
        self._stopping.wait(delay)

    def _after_failure(self) -> None:
        """Tidies up after a failed step (the projector: reconnect, record the failure)."""
        raise NotImplementedError

    def _run(self) -> None:
        self._tell("info", "projector.started")
        failures, delay = 0, FIRST_RETRY
        while not self._stopping.is_set():
            try:
                self._step()
                if failures:
                    self._tell("info", "projector.recovered", failures=failures)
                failures, delay = 0, FIRST_RETRY
                self.failure.cleared()
                self._pause()
            except Exception as error:
                failures += 1
                self.failure.failed(error)
                self._tell(
                    "error", "projector.failed", error=self.failure.text, exc_info=True,
                    position=self.failure.position, failures=failures, retry_in=delay,
                )  # fmt: skip
                self._after_failure()
                self._rest(delay)
                delay = min(delay * 2, self.max_backoff)
        self._tell("info", "projector.stopped")

    def _tell(self, level: str, event: str, **fields: Any) -> None:
        """Logs, and never lets a failing logger stop the projector."""
        with suppress(Exception):
            getattr(self.log, level)(event, **fields)
