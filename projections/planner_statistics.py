"""The planner and read models filled from empty: a rebuild's shadow.

PostgreSQL plans a query by what it last learnt of a table's size (``ANALYZE``), and a
shadow's tables start empty: a batch's recall of its products' rows (``Writes.recall``),
planned for a few rows, went on scanning whole tables (at 100,000 products a recall of the
public changes took 1.6 s a batch). Every query a batch sends reads by a key some index
holds, so the shadow's sessions are told to prefer the indexes (``prefer_indexes``) instead
of analysing the tables as they grow, which cost the server 0.6 to 1.1 s a time and held
the part that asked. Once the load is done the tables are analysed for the readers, on
several connections side by side (``analyse_side_by_side``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import psycopg
from psycopg.sql import SQL, Identifier

from storage.sql import Database, PostgresDatabase

NAME = "ocop-rebuild-analyse"  # what the server lists the analysing sessions as


def prefer_indexes(db: Database) -> None:
    """Tells a shadow's session to read by an index wherever one serves (PostgreSQL; SQLite
    plans without statistics well)."""
    if isinstance(db, PostgresDatabase):
        db.run("SET enable_seqscan = off")


def analyse_side_by_side(
    db: Database, connect: Mapping[str, Any], tables: Sequence[str], sessions: int
) -> None:
    """Analyses ``tables`` of ``db``'s first schema on ``sessions`` connections made with
    ``connect`` (psycopg's keywords), the largest tables first, each to the least loaded."""
    if not isinstance(db, PostgresDatabase):
        return
    schema = str(db.rows("SELECT current_schema() AS name")[0]["name"])
    sizes = {row["name"]: row["size"] for row in db.rows(
        "SELECT c.relname AS name, pg_total_relation_size(c.oid) AS size FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'",
        (schema,))}  # fmt: skip
    shares: list[list[str]] = [[] for _ in range(max(1, sessions))]
    loads = [0] * len(shares)
    for table in sorted(tables, key=lambda name: -sizes.get(name, 0)):
        least = loads.index(min(loads))
        shares[least].append(table)
        loads[least] += sizes.get(table, 0)

    def analyse(share: list[str]) -> None:
        with psycopg.connect(**{**connect, "autocommit": True, "application_name": NAME}) as conn:
            for table in share:
                conn.execute(SQL("ANALYZE {}.{}").format(Identifier(schema), Identifier(table)))

    with ThreadPoolExecutor(len(shares)) as pool:
        list(pool.map(analyse, [share for share in shares if share]))
