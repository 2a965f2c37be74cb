"""What the projector tells whoever watches it, and what it applied, event by event.

The projector knows no logging library beyond its own logger, and no metrics at all: the
composition root hands it a ``Watching`` whose methods it calls after each committed batch,
as a rebuild goes on, and when it becomes or stops being the active projector. By default a
``Watching`` does nothing.

``applied_between`` reads, after a batch, each event's position, product code and kind from
the audit trail, with the id of the request that gave it (kept beside the event by the
store's recorders, ``registry/request_ids.py``): so the projector's line for an event names
the request whose line and command line name it too, whichever process applied it.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.request_ids import REQUEST_IDS
from storage.sql import Database


@dataclass(frozen=True)
class Applied:
    """An event the projector applied: its position, product, kind and request's id."""

    position: int
    product: str
    kind: str
    request_id: str | None


def applied_between(db: Database, after: int, up_to: int) -> list[Applied]:
    """The events applied after position ``after`` up to ``up_to``, in log order."""
    rows = db.rows(
        "SELECT a.position, a.code, a.event_type, r.request_id FROM audit_trail a "
        f"LEFT JOIN {REQUEST_IDS} r ON r.position = a.position "
        "WHERE a.position > ? AND a.position <= ? ORDER BY a.position",
        (after, up_to),
    )
    return [
        Applied(int(row["position"]), row["code"], row["event_type"], row["request_id"])
        for row in rows
    ]


class Watching:
    """What the projector tells its watcher; this one listens to nothing."""

    def applied(self, db: Database, after: int, up_to: int) -> None:
        """A batch was committed: the events after ``after`` up to ``up_to`` (on ``db``)."""

    def rebuilding(self, done: int, total: int) -> None:
        """A rebuild has applied ``done`` of the log's ``total`` events."""

    def active(self, active: bool) -> None:
        """This projector became (True) or stopped being (False) the active one."""
