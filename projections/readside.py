"""The read side: one ``ask`` for every question over the read models (``questions`` holds
the API's), which can first wait until the projection has reached a log position (read your
writes), and says so if it could not in time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from projections.answers import RememberedAnswers
from projections.following import Following
from projections.models import create_tables, snapshot
from projections.progress import Progress, read_progress
from projections.questions import Remembered
from projections.schema import tracked_position
from projections.waiting import Waiting
from storage import event_log
from storage.connections import Connections
from storage.sql import Database, Row

T = TypeVar("T")


class ProjectionBehind(Exception):
    """The projection did not reach the log position asked for in time."""

    def __init__(self, position: int) -> None:
        super().__init__(f"The read models have not yet reached log position {position}.")
        self.position = position


class ReadSide:
    """Questions over the read models kept in the register's own database; at most
    ``waits_at_once`` of them wait for the projection at a time (see ``waiting``)."""

    def __init__(self, connections: Connections, waits_at_once: int = 8) -> None:
        self.connections = connections
        self.remembered = RememberedAnswers()
        self.waiting = Waiting(waits_at_once)
        self.following = Following(connections, self.projected_to)

    @classmethod
    def open(cls, connections: Connections, waits_at_once: int = 8) -> ReadSide:
        """The read side of the register's database; creates missing tables."""
        with connections.borrowed() as db, db.transaction():
            create_tables(db)
        return cls(connections, waits_at_once)

    def close(self) -> None:
        """Stops following the projection and closes the connections it was opened on."""
        self.following.stop()
        self.connections.close()

    def follow(self) -> None:
        """Learns from the database of every position projected, wherever the projector runs
        (PostgreSQL; see ``following``): a serving process starts it, ``close`` stops it."""
        self.following.start()

    def projected_to(self, position: int) -> None:
        """The read models reached ``position`` (told by an in-process projector, and by
        ``following`` from any): remembered answers are forgotten, waiting reads look again.
        The one entry point for whatever is kept by position."""
        self.remembered.projected_to(position)
        self.waiting.projection_moved()

    def when_awaited(self, hurry: Callable[[], object]) -> None:
        """Tells ``hurry`` while a read waits for a position not yet projected (the
        in-process projector's: its next batch then begins without waiting for its pace)."""
        self.waiting.awaited = hurry

    def projected_elsewhere(self) -> None:
        """Told by the in-process projector that it stands by: another process projects."""
        self.remembered.forget()

    def ask(
        self, question: Callable[[Database], T], wait_for: int | None = None, timeout: float = 5.0
    ) -> T:
        """``question``'s answer once the read side has reached ``wait_for`` (a log position);
        a ``Remembered`` question may be answered from memory (see ``answers``)."""
        if isinstance(question, Remembered):
            answer: T = self.remembered.answer(
                question.key, wait_for, lambda: self._ask(question, wait_for, timeout)
            )
            return answer
        return self._ask(question, wait_for, timeout)

    def _ask(self, question: Callable[[Database], T], wait_for: int | None, timeout: float) -> T:
        if wait_for is not None and not self.wait_for(wait_for, timeout):
            raise ProjectionBehind(wait_for)
        return self.connections.ask(question)

    def wait_for(self, position: int, timeout: float = 5.0) -> bool:
        """Waits until the read models reflect the log up to ``position``; False on timeout
        (refused at once past the log's head, or when too many reads wait already)."""
        return self.waiting.until(position, timeout, self.position, self.head)

    def wait_past(self, position: int, timeout: float) -> bool:
        """Waits until the read models reflect a change after ``position`` (a live tail);
        False on timeout. Takes none of the places of read-your-writes waits."""
        return self.waiting.past(position, timeout, self.position)

    # How far the projection has come.

    def position(self) -> int:
        """The last log position applied to the read models (0 if none)."""
        return self.connections.ask(tracked_position)

    def head(self) -> int:
        """The last position in the register's log (0 if empty)."""
        return self.connections.ask(event_log.head)

    def lag(self) -> int:
        """How many log positions the read models are behind."""
        return self.connections.ask(lambda db: max(event_log.head(db) - tracked_position(db), 0))

    def progress(self) -> Progress:
        """The read side's recorded progress against the log (see ``progress``)."""
        return self.connections.ask(read_progress)

    def snapshot(self) -> dict[str, list[Row]]:
        """Every row of every read model (for audits and tests)."""
        return self.connections.ask(snapshot)
