"""Following the projection from any process: an API process learns of every position the
read models reach, wherever the projector runs.

The projector announces each advance as its batch commits (``schema.announce_advance``, a
NOTIFY on PostgreSQL). ``Following`` LISTENs for those announcements (``listening``:
a connection and a thread of its own, listening again after a failure) and, on each, reads
the tracked position once and tells it (to ``ReadSide.projected_to``: remembered answers
are forgotten, waiting reads look again). A notice is only a hint to look (the channel is
the database's, shared by every schema in it); the tracked position read is the truth. It
reads the position once on start and after every reconnection too, so nothing said while
it was away is missed. On SQLite there is nothing to follow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from projections.listening import Listening
from projections.schema import PROJECTED, tracked_position
from storage.connections import Connections


class Following(Listening):
    """A thread telling ``told`` every tracked position announced on the register's database."""

    def __init__(
        self, connections: Connections, told: Callable[[int], object], logger: Any = None
    ) -> None:
        def tell() -> None:
            # Read on a borrowed connection: the listener's does nothing but listen, so that
            # no notice arriving during a read is passed over (older psycopg drops those).
            told(connections.ask(tracked_position))

        super().__init__(
            connections, PROJECTED, "following", on_heard=tell, on_listening=tell, logger=logger
        )
