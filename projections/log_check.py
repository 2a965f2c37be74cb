"""The register's self-check at start: is the events table still the history the public log
committed to? Each stored leaf is compared with the entry made again from the event at its
position; the first position whose event was edited, deleted or no longer decodes is named.

First, the stored tree's root at the size of the stored checkpoint must be the signed one
(an old event rewritten, then the read models rebuilt from it, is caught so, without a
position: only an earlier copy of the log can name it, ``ocop verify --state``).
Bounded: a deleted row is looked for in the whole log (one pass over the positions' index);
the entries are made again for the latest ``limit`` leaves only (all of a log that small;
the setting ``OCOP_LOG_SELF_CHECK_EVENTS``), in chunks, reading each event once: making an
entry costs what projecting its leaf did (about 2,600 a second on the reference machine).
``ocop verify --full`` checks everything, from outside.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from eventsourcing.persistence import Notification

from lifecycle.events import ProductEvent
from projections.progress import read_progress
from storage.event_log import events_after, first_missing
from storage.sql import Database
from transparency import checkpoints
from transparency.entry import entry
from transparency.tree import leaf_hash

CHUNK = 2000


@dataclass(frozen=True)
class LogCheck:
    """What the self-check found: how many leaves it compared, from which position, and the
    first position that differs, or (with no position) why the stored tree is not the
    signed one; ``tampered`` if either."""

    checked: int
    first: int
    tampered_at: int | None = None
    reason: str = ""

    @property
    def tampered(self) -> bool:
        return bool(self.reason)


def check_log(db: Database, decode: Callable[[Notification], object], limit: int) -> LogCheck:
    """Compares the latest ``limit`` stored leaves with the events at their positions."""
    rows = db.rows("SELECT max(position) AS last, count(*) AS leaves FROM log_leaves")
    last = int(rows[0]["last"] or 0)
    missing = first_missing(db, last) if last else None  # a deleted row, anywhere: cheap
    if missing is not None:
        return LogCheck(0, 1, missing, "the event is missing from the events table")
    checkpoints.create(db)
    unlike = checkpoints.unlike_signed(db)  # rewritten and rebuilt: the signed root differs
    if unlike:
        return LogCheck(0, 1, None, unlike)
    start = max(0, last - limit)  # the position just before the first checked
    checked, position = 0, start
    while position < last:
        leaves = db.rows(
            "SELECT position, code, leaf_hash FROM log_leaves WHERE position > ? "
            "ORDER BY position LIMIT ?",
            [position, CHUNK],
        )
        end = int(leaves[-1]["position"])
        events = {e.id: e for e in events_after(db, position, end - position) if e.id <= end}
        for leaf in leaves:
            found = differs(leaf, events.get(int(leaf["position"])), decode)
            if found:
                return LogCheck(checked, start + 1, int(leaf["position"]), found)
            checked += 1
        position = end
    return LogCheck(checked, start + 1)


def differs(leaf: Any, event: Notification | None, decode: Callable[[Notification], object]) -> str:
    """Why ``event`` is not the event ``leaf`` committed to ('' if it is)."""
    if event is None:
        return "the event is missing from the events table"
    try:
        decoded = decode(event)
    except Exception as error:  # an edited row may not even decode
        return f"the stored event no longer decodes ({type(error).__name__})"
    if not isinstance(decoded, ProductEvent):
        return "the stored event is no longer a product's event"
    made = entry(int(leaf["position"]), str(leaf["code"]), decoded)
    if leaf_hash(made).hex() != leaf["leaf_hash"]:
        return "the event differs from the entry the log committed to"
    return ""


def verification(db: Database) -> dict[str, Any]:
    """What the auditor's page says of the log now, in cheap reads: the stored checkpoints
    (size, when signed, how many witnesses cosigned), whether the stored tree is the signed
    one, the first event missing from the events table (if any), and the read side's
    progress. Every entry made again is ``ocop verify --full``'s, from outside."""
    checkpoints.create(db)
    rows = db.rows("SELECT max(position) AS last FROM log_leaves")
    last = int(rows[0]["last"] or 0)
    signed = [
        {
            "origin": row["origin"],
            "size": int(row["size"]),
            "signed_at": datetime.fromtimestamp(float(row["signed_at"]), UTC),
            "cosignatures": len([line for line in str(row["cosignatures"]).split("\n") if line]),
        }
        for row in db.rows("SELECT origin, size, signed_at, cosignatures FROM log_checkpoints")
    ]
    progress = read_progress(db)
    return {
        "leaves": last,
        "checkpoints": signed,
        "unlike_signed": checkpoints.unlike_signed(db),
        "missing": first_missing(db, last) if last else None,
        "head": progress.head,
        "position": progress.position,
        "error_code": progress.error_code,
        "error_position": progress.error_position,
    }
