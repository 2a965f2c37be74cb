"""What the read models write for one batch, as sets: each row once, new rows bulk-loaded.

A read model folds the batch's events in memory, one event at a time, and tells ``Writes``
what each did: a new row (``append``), new values of some columns of a row (``change``), the
row's whole state (``upsert``). ``Writes`` keeps only each row's last state, so a product
changed by ten events of the batch is written once, and sends the new rows with one bulk load
per table (``COPY`` on PostgreSQL). What a model needs of its rows as they stood before the
batch it reads once per batch for all the batch's products (``recall``), before anything is
sent; from then on it keeps them up to date itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from storage.in_lists import marks
from storage.sql import Database, Row

# At most this many products' ids in one read (far below either database's parameter limit).
RECALLED_AT_ONCE = 1_000


class Writes:
    """The rows one batch writes, coalesced per key, and the statements sent as they are."""

    def __init__(self, db: Database, products: Sequence[str] = ()) -> None:
        self.db, self.products = db, sorted(set(products))
        self._statements: list[tuple[str, Sequence[Any]]] = []
        self._appends: dict[str, list[Row]] = defaultdict(list)
        self._upserts: dict[tuple[str, str], dict[Any, Row]] = defaultdict(dict)
        self._changes: dict[tuple[str, str], dict[Any, Row]] = defaultdict(dict)
        self._new: dict[tuple[str, str], dict[Any, Row]] = defaultdict(dict)
        self._recalled: dict[str, dict[str, Row]] = {}

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        """A statement sent as it is, in the order asked (before the rows below)."""
        self._statements.append((sql, params))

    def append(self, table: str, row: Row, key: str | None = None) -> None:
        """A new row; with ``key``, later ``change``s of that key change it before it is sent."""
        self._appends[table].append(row)
        if key is not None:
            self._new[table, key][row[key]] = row

    def change(self, table: str, key: str, value: Any, columns: Row) -> None:
        """New values for some columns of the row whose ``key`` is ``value`` (an UPDATE)."""
        row = self._new[table, key].get(value) or self._upserts[table, key].get(value)
        if row is None:
            row = self._changes[table, key].setdefault(value, {})
        row.update(columns)

    def upsert(self, table: str, key: str, row: Row) -> None:
        """The whole row whose ``key`` is ``row[key]``, inserted or replacing the stored one."""
        self._changes[table, key].pop(row[key], None)
        self._upserts[table, key][row[key]] = row

    def recall(self, sql: str) -> dict[str, Row]:
        """The rows of the batch's products as they stood before it, by ``product_id``: ``sql``
        with ``{products}`` where their ids go, read once per batch; the same dict each time,
        for the model to keep up to date as it folds the batch."""
        if sql not in self._recalled:
            recalled = self._recalled[sql] = {}
            for start in range(0, len(self.products), RECALLED_AT_ONCE):
                some = self.products[start : start + RECALLED_AT_ONCE]
                for row in self.db.rows(sql.format(products=marks(some)), some):
                    recalled[str(row["product_id"])] = row
        return self._recalled[sql]

    def send(self) -> None:
        """Sends everything: the statements in order (each run of one as one ``executemany``),
        the changes and upserts grouped by the columns they set, then the new rows in bulk."""
        db = self.db
        for sql, run in groupby(self._statements, key=itemgetter(0)):
            db.run_many(sql, [params for _, params in run])
        for (table, key), changes in self._changes.items():
            for names, rows in _by_columns(changes).items():
                db.run_many(
                    f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} WHERE {key} = ?",
                    [[*(row[n] for n in names), value] for value, row in rows],
                )
        for (table, key), upserts in self._upserts.items():
            for names, rows in _by_columns(upserts).items():
                others = ", ".join(f"{n} = excluded.{n}" for n in names if n != key)
                db.run_many(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                    f"({', '.join('?' * len(names))}) ON CONFLICT ({key}) DO UPDATE SET {others}",
                    [[row[n] for n in names] for _, row in rows],
                )
        for table, appended in self._appends.items():
            for names, rows in _by_columns(dict(enumerate(appended))).items():
                values = _values_of(names)
                db.append_rows(table, names, [values(row) for _, row in rows])


def _values_of(names: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    """What takes a row's values of these columns, in their order, as a tuple."""
    values = itemgetter(*names)
    return values if len(names) > 1 else lambda row: (values(row),)


def _by_columns(rows: dict[Any, Row]) -> dict[tuple[str, ...], list[tuple[Any, Row]]]:
    """The rows (with their keys) grouped by the columns they hold, in a stable order."""
    grouped: dict[tuple[str, ...], list[tuple[Any, Row]]] = defaultdict(list)
    for key, row in rows.items():
        grouped[tuple(sorted(row))].append((key, row))
    return grouped
