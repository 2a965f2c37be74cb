"""What the composition root does with what the projector tells it: one log line per event
applied (``projector.applied``: position, product, kind and the id of the request that gave
it, so a request can be followed into the read models even when another process projects),
the events applied counted, whether the projector is active, and a rebuild's progress.

Nothing here may stop the projector: a line that cannot be read is logged as such.
"""

from __future__ import annotations

import logging
from typing import Any

from ocop import metrics
from projections.applied import Watching, applied_between
from storage.sql import Database


class ProjectorWatch(Watching):
    """The projector's watcher in a served or projecting process: its log and metrics."""

    def __init__(self, logger: Any) -> None:
        self.logger = logger

    def applied(self, db: Database, after: int, up_to: int) -> None:
        """Counts the batch's events and logs one line for each (unless the log level drops
        info lines: then nothing is read for them)."""
        metrics.PROJECTED.inc(max(up_to - after, 0))
        if not self.logger.is_enabled_for(logging.INFO):
            return
        try:
            for event in applied_between(db, after, up_to):
                self.logger.info(
                    "projector.applied",
                    position=event.position,
                    product=event.product,
                    kind=event.kind,
                    request_id=event.request_id,
                )
        except Exception as error:
            self.logger.warning("projector.applied_unread", after=after, error=str(error))

    def rebuilding(self, done: int, total: int) -> None:
        """A rebuild's progress, as gauges."""
        metrics.REBUILD_DONE.set(done)
        metrics.REBUILD_PLANNED.set(total)

    def active(self, active: bool) -> None:
        """Whether this process's projector is the active one, as a gauge."""
        metrics.ACTIVE.set(1 if active else 0)
