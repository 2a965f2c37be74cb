"""Notices between processes over the register's database: PostgreSQL's LISTEN and NOTIFY.

A notice sent inside a transaction reaches the listeners when it commits, never before nor
if it rolls back. A channel is the database's, not the schema's: a listener takes a notice
as a hint to look again, never as the truth. SQLite has no such thing: there, nothing is
sent and nobody listens (whoever waits polls).
"""

from __future__ import annotations

from storage.connections import Connections, PostgresConnections
from storage.sql import Database, PostgresDatabase


def notify(db: Database, channel: str, payload: str) -> None:
    """Sends ``payload`` on ``channel`` when ``db``'s transaction commits (PostgreSQL only)."""
    if db.kind == "postgresql":
        db.run("SELECT pg_notify(?, ?)", (channel, payload))


def listen(connections: Connections, channel: str, purpose: str) -> PostgresDatabase | None:
    """A connection of its own listening on ``channel`` (None on SQLite); close it when done."""
    if not isinstance(connections, PostgresConnections):
        return None
    listener = connections.connect(purpose)
    try:
        listener.run(f"LISTEN {channel}")
    except BaseException:
        listener.close()
        raise
    return listener


def heard(listener: PostgresDatabase, timeout: float) -> list[str]:
    """The payloads of the notices that arrive within ``timeout`` seconds: those already
    waiting, else the first to come (with any arriving beside it); none if none came."""
    return [notice.payload for notice in listener.conn.notifies(timeout=timeout, stop_after=1)]
