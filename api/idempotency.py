"""``Idempotency-Key``: a retried write returns its first answer and stores nothing new.

A key is claimed before the command runs, so two copies of one request racing each other
cannot both record an event: the second sees the claim and is told to retry. The answer is
kept with a digest of the request, so the same key with another body is refused.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from api.database import PostgresDatabase, SQLiteDatabase

SCHEMA = """
CREATE TABLE IF NOT EXISTS ocop_idempotency (
    principal_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_digest TEXT NOT NULL,
    status INTEGER,
    body TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (principal_id, idempotency_key)
)
"""


@dataclass(frozen=True)
class Answer:
    """A stored answer to replay."""

    status: int
    body: dict[str, Any]


class KeyReusedWithAnotherRequest(Exception):
    """The key was first used for a different request."""


class RequestInProgress(Exception):
    """The first request with this key has not finished yet."""


def request_digest(method: str, path: str, body: bytes) -> str:
    """What identifies a request for idempotency: method, path and exact body."""
    return hashlib.sha256(f"{method} {path}\n".encode() + body).hexdigest()


class IdempotencyStore:
    """Claims keys, remembers answers, and forgets claims whose request failed."""

    def __init__(self, database: SQLiteDatabase | PostgresDatabase) -> None:
        self.database = database
        with database.transaction() as cursor:
            cursor.execute(SCHEMA)

    def claim(self, principal_id: str, key: str, digest: str) -> Answer | None:
        """Claims the key for this request, or returns the answer already given to it."""
        now = datetime.now(UTC).isoformat()
        with self.database.transaction() as cursor:
            inserted = cursor.execute(
                "INSERT INTO ocop_idempotency VALUES (?, ?, ?, NULL, NULL, ?) "
                "ON CONFLICT (principal_id, idempotency_key) DO NOTHING RETURNING 1",
                (principal_id, key, digest, now),
            )
            if inserted:
                return None
            rows = cursor.execute(
                "SELECT request_digest, status, body FROM ocop_idempotency "
                "WHERE principal_id = ? AND idempotency_key = ?",
                (principal_id, key),
            )
        first_digest, status, body = rows[0]
        if first_digest != digest:
            raise KeyReusedWithAnotherRequest(key)
        if status is None:
            raise RequestInProgress(key)
        return Answer(int(status), json.loads(body))

    def remember(self, principal_id: str, key: str, answer: Answer) -> None:
        """Keeps the answer given under a claimed key."""
        with self.database.transaction() as cursor:
            cursor.execute(
                "UPDATE ocop_idempotency SET status = ?, body = ? "
                "WHERE principal_id = ? AND idempotency_key = ?",
                (answer.status, json.dumps(answer.body), principal_id, key),
            )

    def release(self, principal_id: str, key: str) -> None:
        """Forgets a claim whose request failed unexpectedly, so a retry can run."""
        with self.database.transaction() as cursor:
            cursor.execute(
                "DELETE FROM ocop_idempotency WHERE principal_id = ? AND idempotency_key = ? "
                "AND status IS NULL",
                (principal_id, key),
            )
