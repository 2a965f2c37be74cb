"""The planner's statistics of read models filled from empty: a rebuild's shadow.

PostgreSQL plans a query by what it last learnt of a table's size (``ANALYZE``; the
autovacuum daemon may be off, or behind a rebuild's load). A shadow's tables start empty,
and a batch's recall of its products' rows (``Writes.recall``), prepared once and planned
for a few rows, went on scanning whole tables: at 100,000 products a recall of the public
changes took 1.6 s a batch. Each time the events applied have doubled, the tables are
analysed again (a sample of their rows each; prepared plans are made anew after it).
"""

from __future__ import annotations

from storage.sql import Database, PostgresDatabase

FIRST_AT = 20_000  # events applied before the first analysis


class PlannerStatistics:
    """Analyses a shadow's ``tables`` after ``first_at`` events applied, then each time the
    events applied have doubled (on PostgreSQL: SQLite plans without statistics well)."""

    def __init__(self, db: Database, tables: tuple[str, ...], first_at: int = FIRST_AT) -> None:
        self.db, self.tables, self.next_at = db, tables, first_at

    def applied(self, events: int) -> None:
        """``events`` have been applied so far (outside any transaction)."""
        if events >= self.next_at:
            self.analyse()
            self.next_at = 2 * events

    def analyse(self) -> None:
        """Analyses every table now."""
        if isinstance(self.db, PostgresDatabase):
            for table in self.tables:
                self.db.run(f"ANALYZE {table}")
