"""How often the background projector starts a batch: at most once in ``gather`` seconds,
unless a read is waiting for it.

A batch's statements are per batch and per read model, so one batch of thirty events costs
the projector far less than thirty batches of one, and in the API's process it shares the
interpreter with the requests. So under a steady stream of writes each batch takes what
gathered since the last one began; the first write after a quiet spell is projected at
once, and a read waiting for a position (read your writes) hurries the next batch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import monotonic


class Pacing:
    """Holds the background projector's batches ``gather`` seconds apart, unless hurried."""

    def __init__(self, gather: float, clock: Callable[[], float] = monotonic) -> None:
        self.gather, self.clock = gather, clock
        self._hurried = threading.Event()
        self._began = float("-inf")

    def hurry(self) -> None:
        """The next batch begins now (a read waits for it, or the projector is stopping)."""
        self._hurried.set()

    def delay(self) -> float:
        """How long the next batch would wait now: 0 once hurried or ``gather`` has passed."""
        if self._hurried.is_set():
            return 0.0
        return max(self._began + self.gather - self.clock(), 0.0)

    def before_batch(self, stopped: Callable[[], bool] = lambda: False) -> bool:
        """Waits out ``delay`` (cut short by ``hurry``); whether the batch then begins (not
        if ``stopped`` says so after the wait), noted as its beginning."""
        delay = self.delay()
        if delay > 0:
            self._hurried.wait(delay)
        self._hurried.clear()
        if stopped():
            return False
        self._began = self.clock()
        return True
