"""The shape of the read models: a fingerprint of the statements that create their tables,
kept beside the tracking position.

When a new version of the register changes a read model's tables, the fingerprint differs
and the projector rebuilds every read model (beside the serving ones, swapped in at once)
before it carries on, so a store written by an older version never wedges the projector on
a missing column. The fingerprint is written into the rebuilt tables and swapped in with
them; read models from before fingerprints were kept count as another shape.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from projections.schema import TRACKED, ReadModel, bookkeeping
from storage.sql import Database

SHAPE = bookkeeping("shape", "projection_shape", "fingerprint TEXT NOT NULL")


def fingerprint(models: Sequence[ReadModel]) -> str:
    """The shape of these read models' tables."""
    statements = "\n".join(" ".join(ddl.split()) for model in models for ddl in model.ddl)
    return hashlib.sha256(statements.encode()).hexdigest()


def is_current(db: Database, shape: str) -> bool:
    """Whether the read models have this shape (tables that never recorded one have not)."""
    rows = db.rows("SELECT fingerprint FROM projection_shape WHERE name = ?", (TRACKED,))
    return bool(rows) and rows[0]["fingerprint"] == shape


def record_shape(db: Database, shape: str) -> None:
    """The read models filled through ``db`` have this shape."""
    db.run(
        "INSERT INTO projection_shape (name, fingerprint) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint",
        (TRACKED, shape),
    )
