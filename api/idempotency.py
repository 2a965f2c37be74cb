"""``Idempotency-Key``: a retried write returns its first answer and is never carried out twice.

Keys are scoped to the API key that sent them (``scope``), so no other key, even one of the
same principal, can replay or block them. A write first claims its key for ``claim_for``
(a short time): a copy of it arriving meanwhile is told to retry. The 201 answer is saved
with the event, in the same transaction (``registry/answer_store.py``); a refusal's answer is kept
here in its own. So after a crash at any point, once the claim has expired, a retry finds
the answer if the event was stored, and carries the command out if it was not. Answers are
kept for ``keep_for`` (24 hours by default); after that the key may be used afresh.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from registry.answer_store import ANSWERS, ANSWERS_INDEX, ANSWERS_SCHEMA
from registry.orders import Request
from storage.connections import Connections
from storage.sql import Database

CLAIMS_SCHEMA = """
CREATE TABLE IF NOT EXISTS ocop_idempotency_claims (
    scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_digest TEXT NOT NULL,
    claimed_until DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
)
"""
PURGE_EVERY = 600.0  # seconds between sweeps of expired answers and claims


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
    """Claims keys, keeps refusals' answers, finds every answer, and forgets old ones."""

    def __init__(
        self,
        database: Connections,
        keep_for: timedelta = timedelta(hours=24),
        claim_for: timedelta = timedelta(seconds=30),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.database = database
        self.keep_for = keep_for.total_seconds()
        self.claim_for = claim_for.total_seconds()
        self.clock = clock
        self._next_purge = 0.0
        self._abandoned: dict[tuple[str, str], float] = {}  # claims released while unreachable
        with database.transaction() as db:
            db.run(CLAIMS_SCHEMA)
            db.run(ANSWERS_SCHEMA.format(table=ANSWERS))
            db.run(ANSWERS_INDEX.format(table=ANSWERS))

    def claim(self, scope: str, key: str, digest: str) -> Request | Answer:
        """The answer already given to this request, or the key claimed for carrying it out.

        Raises ``KeyReusedWithAnotherRequest`` or ``RequestInProgress``.
        """
        now = self.clock()
        self._purge_if_due(now)
        request = Request(scope, key, digest, now)
        with self.database.transaction() as db:
            answer = self._answer(db, scope, key, digest, now)
            if answer is not None:
                return answer
            if db.rows(
                "INSERT INTO ocop_idempotency_claims VALUES (?, ?, ?, ?) "
                "ON CONFLICT (scope, idempotency_key) DO NOTHING RETURNING 1",
                (scope, key, digest, now + self.claim_for),
            ):
                self._abandoned.pop((scope, key), None)
                return request
            [claim] = db.rows(
                "SELECT request_digest, claimed_until FROM ocop_idempotency_claims "
                "WHERE scope = ? AND idempotency_key = ?",
                (scope, key),
            )
            first_digest, claimed_until = claim["request_digest"], claim["claimed_until"]
            abandoned = self._abandoned.get((scope, key)) == float(claimed_until)
            if float(claimed_until) > now and not abandoned:
                if first_digest != digest:
                    raise KeyReusedWithAnotherRequest(key)
                raise RequestInProgress(key)
            # The claim expired unanswered (its request died, or is slower than claim_for: then
            # the answers' primary key lets only one of the two be stored), or was abandoned.
            if not db.rows(
                "UPDATE ocop_idempotency_claims SET request_digest = ?, claimed_until = ? "
                "WHERE scope = ? AND idempotency_key = ? AND claimed_until = ? RETURNING 1",
                (digest, now + self.claim_for, scope, key, claimed_until),
            ):
                raise RequestInProgress(key)
        self._abandoned.pop((scope, key), None)
        return request

    def keep(self, request: Request, answer: Answer) -> Answer:
        """Keeps a refusal as the request's answer, unless one was stored already; returns
        the answer that stands (the first)."""
        with self.database.transaction() as db:
            db.run(
                f"INSERT INTO {ANSWERS} VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (scope, idempotency_key) DO NOTHING",
                (
                    request.scope,
                    request.key,
                    request.digest,
                    answer.status,
                    json.dumps(answer.body),
                    request.received_at,
                ),
            )
            standing = self._answer(
                db, request.scope, request.key, request.digest, request.received_at
            )
        return standing or answer

    def answer(self, request: Request) -> Answer | None:
        """The answer stored for a claimed request, if its command was carried out."""
        with self.database.transaction() as db:
            return self._answer(db, request.scope, request.key, request.digest, request.received_at)

    def release(self, request: Request) -> None:
        """Gives up a claim whose request failed unexpectedly, so a retry runs at once; if
        the store cannot be reached to say so, this process remembers it instead."""
        self._abandoned[(request.scope, request.key)] = request.received_at + self.claim_for
        with self.database.transaction() as db:
            db.run(
                "DELETE FROM ocop_idempotency_claims WHERE scope = ? AND idempotency_key = ? "
                "AND claimed_until = ?",
                (request.scope, request.key, request.received_at + self.claim_for),
            )

    def forget_expired(self) -> None:
        """Deletes answers older than ``keep_for`` and claims that have expired."""
        now = self.clock()
        with self.database.transaction() as db:
            db.run(f"DELETE FROM {ANSWERS} WHERE answered_at < ?", (now - self.keep_for,))
            db.run("DELETE FROM ocop_idempotency_claims WHERE claimed_until < ?", (now,))
        self._abandoned = {k: until for k, until in self._abandoned.items() if until >= now}

    def _purge_if_due(self, now: float) -> None:
        if now >= self._next_purge:
            self._next_purge = now + PURGE_EVERY
            self.forget_expired()

    def _answer(self, db: Database, scope: str, key: str, digest: str, now: float) -> Answer | None:
        db.run(
            f"DELETE FROM {ANSWERS} WHERE scope = ? AND idempotency_key = ? AND answered_at < ?",
            (scope, key, now - self.keep_for),
        )
        rows = db.rows(
            f"SELECT request_digest, status, body FROM {ANSWERS} "
            "WHERE scope = ? AND idempotency_key = ?",
            (scope, key),
        )
        if not rows:
            return None
        first = rows[0]
        if first["request_digest"] != digest:
            raise KeyReusedWithAnotherRequest(key)
        return Answer(int(first["status"]), json.loads(first["body"]))
