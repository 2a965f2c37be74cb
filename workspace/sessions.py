"""Staff sessions, kept server-side: the cookie holds a random id, the table only its hash,
with the account, its CSRF token and when it was opened and last seen.

A session ends at sign-out, after ``idle`` without a request, and ``lasting`` after it was
opened whatever happens; a disabled account's sessions end with it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from storage.connections import Connections

SCHEMA = """
CREATE TABLE IF NOT EXISTS ocop_staff_sessions (
    id_hash TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Session:
    """A live session: whose it is and the token its forms carry."""

    id_hash: str
    account: str
    csrf_token: str

    def carries(self, token: str) -> bool:
        """Whether a form's token is this session's (compared in constant time)."""
        return hmac.compare_digest(self.csrf_token.encode(), token.encode())


def hashed(session_id: str) -> str:
    """The stored form of a session id (256 random bits: a plain SHA-256 suffices)."""
    return hashlib.sha256(session_id.encode()).hexdigest()


class Sessions:
    """Opens, finds (keeping them alive) and closes sessions."""

    def __init__(self, database: Connections, idle: timedelta, lasting: timedelta) -> None:
        self.database, self.idle, self.lasting = database, idle, lasting
        with database.transaction() as db:
            db.run(SCHEMA)

    def open(self, account: str, now: datetime) -> str:
        """A new session for ``account``; returns its id, for the cookie alone."""
        session_id = secrets.token_urlsafe(32)
        with self.database.transaction() as db:
            db.run(
                "DELETE FROM ocop_staff_sessions WHERE account = ? AND created_at < ?",
                (account, _text(now - self.lasting)),
            )
            db.run(
                "INSERT INTO ocop_staff_sessions VALUES (?, ?, ?, ?, ?)",
                (hashed(session_id), account, secrets.token_urlsafe(32), _text(now), _text(now)),
            )
        return session_id

    def find(self, session_id: str, now: datetime) -> Session | None:
        """The live session of that id, seen now; None if unknown or timed out (then it is
        closed)."""
        if not session_id or len(session_id) > 100:
            return None
        id_hash = hashed(session_id)
        with self.database.transaction() as db:
            rows = db.rows(
                "SELECT account, csrf_token, created_at, last_seen FROM ocop_staff_sessions "
                "WHERE id_hash = ?",
                (id_hash,),
            )
            if not rows:
                return None
            row = rows[0]
            opened = _moment(row["created_at"])
            seen = _moment(row["last_seen"])
            if now - seen >= self.idle or now - opened >= self.lasting:
                db.run("DELETE FROM ocop_staff_sessions WHERE id_hash = ?", (id_hash,))
                return None
            db.run(
                "UPDATE ocop_staff_sessions SET last_seen = ? WHERE id_hash = ?",
                (_text(now), id_hash),
            )
        return Session(id_hash, str(row["account"]), str(row["csrf_token"]))

    def end_all(self, account: str) -> None:
        """Ends every session of ``account`` (disabled, or its password reset)."""
        with self.database.transaction() as db:
            db.run("DELETE FROM ocop_staff_sessions WHERE account = ?", (account,))

    def close(self, session: Session) -> None:
        """Ends a session (sign-out)."""
        with self.database.transaction() as db:
            db.run("DELETE FROM ocop_staff_sessions WHERE id_hash = ?", (session.id_hash,))


def _text(moment: datetime) -> str:
    """A moment as stored: ISO 8601 in UTC, so stored moments compare as text."""
    return moment.astimezone(UTC).isoformat()


def _moment(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
