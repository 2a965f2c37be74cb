"""Whether a failure means the store is out of reach (a 503, retry later) or a defect (a 500):
a lost connection, a pool timeout or an SQLite file that cannot be used, as opposed to a
mistake in a query."""

from __future__ import annotations

import sqlite3

import psycopg
import psycopg_pool
from eventsourcing.persistence import (
    InterfaceError as StoreInterfaceError,
    OperationalError as StoreOperationalError,
    PersistenceError,
)

from storage.sql import StoreUnavailable

CONNECTION_LOST = (psycopg.OperationalError, psycopg.InterfaceError, psycopg_pool.PoolTimeout)
# The failures that may mean an outage; ``store_lost`` tells which do.
STORE_FAILURES: tuple[type[Exception], ...] = (
    PersistenceError,
    StoreUnavailable,
    sqlite3.OperationalError,
    *CONNECTION_LOST,
)
# What SQLite says when its file cannot be used at all, as opposed to a mistake in a query.
SQLITE_UNAVAILABLE = ("unable to open", "disk i/o error", "is locked", "readonly database")


def store_lost(error: BaseException) -> bool:
    """Whether a store failure means the store cannot be reached (503), not a defect (500)."""
    if isinstance(error, (*CONNECTION_LOST, StoreUnavailable)):
        return True
    if isinstance(error, sqlite3.OperationalError):
        return any(sign in str(error).lower() for sign in SQLITE_UNAVAILABLE)
    if isinstance(error, PersistenceError):  # the library's wrapper: judge what it wraps
        if error.__cause__ is not None:
            return store_lost(error.__cause__)
        return isinstance(error, StoreOperationalError | StoreInterfaceError)
    return False
