"""How the projector is doing, kept beside the tracking position so that any process can tell:
when the read models last advanced (or the projector last found nothing to do), and the
failure of its last attempt, if any (the position it failed at, a stable code and the text).

Readiness is judged from this record and the log's head, so it tells the truth whether the
projector runs in the serving process or in a process of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from projections.schema import TRACKED, ReadModel
from storage import event_log
from storage.sql import Database

FAILING, LAGGING = "projector-failing", "projection-lagging"

PROGRESS = ReadModel(
    name="progress",
    tables=("projection_progress",),
    ddl=(
        """CREATE TABLE IF NOT EXISTS projection_progress (
            name TEXT PRIMARY KEY, advanced_at TIMESTAMPTZ, failing_since TIMESTAMPTZ,
            error_code TEXT, error_position BIGINT, error_text TEXT)""",
    ),
    apply=lambda writes, position, event: None,
)


def now() -> datetime:
    """The time progress is recorded and judged in (UTC)."""
    return datetime.now(UTC)


def start_progress(db: Database) -> None:
    """Starts the progress record unless it is already kept."""
    db.run(
        "INSERT INTO projection_progress (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
        (TRACKED,),
    )


def record_advance(db: Database, at: datetime) -> None:
    """The projector advanced (or found nothing to do) at ``at``; any failure is over."""
    db.run(
        "UPDATE projection_progress SET advanced_at = ?, failing_since = NULL, "
        "error_code = NULL, error_position = NULL, error_text = NULL WHERE name = ?",
        (at, TRACKED),
    )


def record_failure(db: Database, position: int, code: str, text: str, at: datetime) -> None:
    """The projector failed to apply the event at ``position``, with an error of kind ``code``."""
    db.run(
        "UPDATE projection_progress SET failing_since = COALESCE(failing_since, ?), "
        "error_code = ?, error_position = ?, error_text = ? WHERE name = ?",
        (at, code, position, text, TRACKED),
    )


@dataclass(frozen=True)
class Progress:
    """The read side's progress against the log, as recorded by whichever process projects."""

    head: int
    position: int
    advanced_at: datetime | None = None
    failing_since: datetime | None = None
    error_code: str | None = None
    error_position: int | None = None
    error_text: str | None = None

    @property
    def lag(self) -> int:
        """Log positions the read models have yet to apply."""
        return max(self.head - self.position, 0)

    def lag_seconds(self, at: datetime) -> float:
        """How long the read models have been behind without advancing (0 when caught up)."""
        if self.lag == 0:
            return 0.0
        if self.advanced_at is None:
            return float("inf")
        return max((at - self.advanced_at).total_seconds(), 0.0)

    def verdict(self, at: datetime, max_lag: int, max_lag_seconds: float) -> str | None:
        """Why the read side is not ready (``FAILING`` or ``LAGGING``), or None if it is."""
        if self.error_code is not None:
            return FAILING
        if self.lag > max_lag or self.lag_seconds(at) > max_lag_seconds:
            return LAGGING
        return None


def read_progress(db: Database) -> Progress:
    """The recorded progress, with the log's head."""
    rows = db.rows(
        "SELECT t.position, p.advanced_at, p.failing_since, p.error_code, p.error_position, "
        "p.error_text FROM projection_tracking t LEFT JOIN projection_progress p "
        "ON p.name = t.name WHERE t.name = ?",
        (TRACKED,),
    )
    if not rows:
        return Progress(head=event_log.head(db), position=0)
    row = rows[0]
    return Progress(
        head=event_log.head(db),
        position=int(row["position"]),
        advanced_at=_utc(row["advanced_at"]),
        failing_since=_utc(row["failing_since"]),
        error_code=row["error_code"],
        error_position=row["error_position"],
        error_text=row["error_text"],
    )


def _utc(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
