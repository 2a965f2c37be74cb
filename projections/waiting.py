"""Read your writes, within bounds: a read may wait for the projection to reach a log
position, but never for one the log has not reached, and only so many reads wait at once,
so that waiting never takes every worker thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import monotonic


class PositionBeyondHead(Exception):
    """A read asked to wait for a log position that has not been written (the client's error)."""

    def __init__(self, position: int, head: int) -> None:
        super().__init__(f"Log position {position} is beyond the log's head {head}.")
        self.position, self.head = position, head


class TooManyWaits(Exception):
    """As many reads as allowed are already waiting for the projection; this one does not."""


class Waiting:
    """At most ``at_once`` waits at a time, each woken early when told the projection moved;
    while a read waits, each look tells ``awaited`` (the in-process projector's pace is cut
    short: ``projections.pacing``)."""

    def __init__(self, at_once: int) -> None:
        self.places = threading.BoundedSemaphore(at_once)
        self.moved = threading.Condition()
        self.awaited: Callable[[], object] = lambda: None

    def projection_moved(self) -> None:
        """Wakes the waits to look again (told by the read side: see ``following``)."""
        with self.moved:
            self.moved.notify_all()

    def until(
        self,
        position: int,
        timeout: float,
        projected: Callable[[], int],
        head: Callable[[], int],
    ) -> bool:
        """Waits until ``projected()`` reaches ``position``; False on timeout.

        Refuses at once a position past ``head()`` (``PositionBeyondHead``) and a wait beyond
        the allowed number (``TooManyWaits``)."""
        if projected() >= position:
            return True
        last = head()
        if position > last:
            raise PositionBeyondHead(position, last)
        if not self.places.acquire(blocking=False):
            raise TooManyWaits

        def reached() -> bool:
            self.awaited()
            return projected() >= position

        try:
            return self._watch(reached, timeout, 0.05)
        finally:
            self.places.release()

    def past(self, position: int, timeout: float, projected: Callable[[], int]) -> bool:
        """Waits until ``projected()`` is past ``position`` (a live tail waiting for the next
        change); False on timeout. It takes no place of the reads above: its callers keep
        their own bound, and look again at most every quarter of a second."""
        return self._watch(lambda: projected() > position, timeout, 0.25)

    def _watch(self, reached: Callable[[], bool], timeout: float, longest: float) -> bool:
        deadline, pause = monotonic() + timeout, 0.005
        while not reached():
            left = deadline - monotonic()
            if left <= 0:
                return False
            with self.moved:  # woken when told; on SQLite a projector elsewhere tells nobody
                self.moved.wait(min(pause, left))
            pause = min(pause * 2, longest)
        return True
