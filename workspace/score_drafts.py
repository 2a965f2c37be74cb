"""A council's score sheets while they are being entered: each member's sheet saved as a
draft, per council and product, until the council submits its evaluation.

Drafts are the workspace's own, not the register's: the register has no draft, and an
evaluation is recorded only when the council submits all its sheets at once (one
``Evaluated`` event with every sheet). Submitting clears the product's drafts.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from lifecycle.values import Actor, ScoreSheet
from storage.connections import Connections

SCHEMA = """
CREATE TABLE IF NOT EXISTS ocop_staff_score_drafts (
    council TEXT NOT NULL,
    product_code TEXT NOT NULL,
    member TEXT NOT NULL,
    sheet TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (council, product_code, member)
)
"""


def council_of(actor: Actor) -> str:
    """The council a principal sits for: its level and province (central: none)."""
    level = actor.level.value if actor.level else ""
    return f"{level}:{actor.province or ''}"


class ScoreDrafts:
    """The members' sheets a council has saved for a product, not yet submitted."""

    def __init__(self, database: Connections) -> None:
        self.database = database
        with database.transaction() as db:
            db.run(SCHEMA)

    def save(self, actor: Actor, code: str, sheet: ScoreSheet, at: datetime) -> None:
        """Keeps the member's sheet, replacing one saved before under the same name."""
        body = json.dumps(
            {
                "points": {k: str(v) for k, v in sheet.points.items()},
                "bonus": {k: str(v) for k, v in sheet.bonus.items()},
            }
        )
        with self.database.transaction() as db:
            db.run(
                "INSERT INTO ocop_staff_score_drafts "
                "(council, product_code, member, sheet, saved_by, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (council, product_code, member) "
                "DO UPDATE SET sheet = excluded.sheet, saved_by = excluded.saved_by, "
                "saved_at = excluded.saved_at",
                (council_of(actor), code, sheet.member, body, actor.principal_id, at.isoformat()),
            )

    def sheets(self, actor: Actor, code: str) -> tuple[ScoreSheet, ...]:
        """The council's saved sheets for the product, by member's name."""
        rows = self.database.ask(
            lambda db: db.rows(
                "SELECT member, sheet FROM ocop_staff_score_drafts "
                "WHERE council = ? AND product_code = ? ORDER BY member",
                (council_of(actor), code),
            )
        )
        return tuple(_sheet(str(row["member"]), str(row["sheet"])) for row in rows)

    def discard(self, actor: Actor, code: str, member: str | None = None) -> None:
        """Drops one member's sheet, or (after submitting) every sheet of the product."""
        sql = "DELETE FROM ocop_staff_score_drafts WHERE council = ? AND product_code = ?"
        params: tuple[str, ...] = (council_of(actor), code)
        if member is not None:
            sql, params = f"{sql} AND member = ?", (*params, member)
        with self.database.transaction() as db:
            db.run(sql, params)


def _sheet(member: str, body: str) -> ScoreSheet:
    kept = json.loads(body)
    return ScoreSheet(
        member=member,
        points={k: Decimal(v) for k, v in kept["points"].items()},
        bonus={k: Decimal(v) for k, v in kept["bonus"].items()},
    )
