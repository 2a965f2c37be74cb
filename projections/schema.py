"""What a read model is, and the tracking position every read model shares.

All read models are written in one transaction per batch together with the tracking
position, so the position says exactly which events every view reflects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lifecycle.events import ProductEvent
from projections.writes import Writes as Writes  # the models name it from here
from storage import channels
from storage.sql import Database

TRACKED = "read-models"
# Where an advance of the tracking position is announced, as it commits (PostgreSQL): every
# API process listens there (``following``), so that each learns of every projected position.
PROJECTED = "ocop_projected"


@dataclass(frozen=True)
class ReadModel:
    """A read model: its tables, the statements that create them, and how an event fills them
    (told to the batch's ``Writes``, which writes each row once)."""

    name: str
    tables: tuple[str, ...]
    ddl: tuple[str, ...]
    apply: Callable[[Writes, int, ProductEvent], None]


def bookkeeping(name: str, table: str, value_column: str) -> ReadModel:
    """A table the projector keeps for itself, one row per name; no event fills it."""
    ddl = f"CREATE TABLE IF NOT EXISTS {table} (name TEXT PRIMARY KEY, {value_column})"
    return ReadModel(name, (table,), (ddl,), lambda writes, position, event: None)


TRACKING = bookkeeping("tracking", "projection_tracking", "position BIGINT NOT NULL")


def start_tracking(db: Database) -> bool:
    """Starts the tracking position at zero unless it is already kept; True if it started."""
    started = db.rows(
        "INSERT INTO projection_tracking (name, position) VALUES (?, 0) "
        "ON CONFLICT (name) DO NOTHING RETURNING name",
        (TRACKED,),
    )
    return bool(started)


def tracked_position(db: Database, *, lock: bool = False) -> int:
    """The last log position applied to the read models (0 if none).

    With ``lock`` (inside a write transaction) concurrent projectors wait for each other,
    so two of them never apply the same events.
    """
    rows = db.rows(
        f"SELECT position FROM projection_tracking WHERE name = ?{db.lock_clause if lock else ''}",
        (TRACKED,),
    )
    return int(rows[0]["position"]) if rows else 0


def advance_tracking(db: Database, position: int) -> None:
    """Records that every event up to ``position`` is applied."""
    db.run("UPDATE projection_tracking SET position = ? WHERE name = ?", (position, TRACKED))


def announce_advance(db: Database, position: int) -> None:
    """Tells every listening process, when the transaction commits, that the read models
    reached ``position`` (nothing on SQLite)."""
    channels.notify(db, PROJECTED, str(position))
