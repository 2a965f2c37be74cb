"""Public answers remembered between two moves of the projection.

The public register is read far more than it changes. The read side is told each position
the projection reaches (by an in-process projector, and from the database by ``following``,
wherever the projector runs); answers computed since the last move are served again until
the next one, which forgets them all. Until it is told a first position (SQLite with the
projector in another process) nothing is remembered, and every question goes to the
database. An answer is only served to a reader waiting for a position it already reflects.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
MOST = 20_000


class RememberedAnswers:
    """Answers keyed by question, valid while the projected position stays where it was."""

    def __init__(self, most: int = MOST) -> None:
        self.most = most
        self._lock = threading.Lock()
        self._position: int | None = None
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()

    @property
    def position(self) -> int | None:
        """The projected position the remembered answers hold for (None: nothing is kept)."""
        return self._position

    def projected_to(self, position: int) -> None:
        """The projector reached ``position``: answers from before it are forgotten."""
        with self._lock:
            if position != self._position:
                self._answers.clear()
                self._position = position

    def forget(self) -> None:
        """The projector here stands by (another process projects): nothing is remembered
        until it is told a position again."""
        with self._lock:
            self._answers.clear()
            self._position = None

    def recall(self, key: Hashable, wait_for: int | None) -> tuple[bool, Any]:
        """Whether an answer to ``key`` is remembered for a reader waiting for ``wait_for``,
        and that answer (None if not): it looks nothing up elsewhere."""
        position = self._position
        if position is None or (wait_for is not None and wait_for > position):
            return False, None
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return True, self._answers[key]
        return False, None

    def answer(self, key: Hashable, wait_for: int | None, compute: Callable[[], T]) -> T:
        """The remembered answer to ``key``, or ``compute()``'s, remembered from now on."""
        position = self._position
        found, remembered = self.recall(key, wait_for)
        if found:
            answer: T = remembered
            return answer
        fresh = compute()
        if wait_for is None or (position is not None and wait_for <= position):
            self.keep(key, fresh, position)
        return fresh

    def keep(self, key: Hashable, answer: Any, position: int | None) -> None:
        """Remembers ``answer``, computed when the projection stood at ``position`` (unless
        it has moved since: then the answer may be stale)."""
        with self._lock:
            if position is not None and self._position == position:
                self._answers[key] = answer
                if len(self._answers) > self.most:
                    self._answers.popitem(last=False)
