"""API keys: random, shown once, stored only as hashes; each names one principal.

A key reads ``ocop_<key id>_<secret>``. The key id lets operators list and revoke keys
without ever seeing a secret again. Keys carry 256 random bits, so a plain SHA-256 of the
whole key is enough to store them safely.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from time import monotonic

from lifecycle.authority import check_principal_fits
from lifecycle.errors import InvalidPrincipal
from lifecycle.values import Actor, Level, Role
from storage.connections import Connections
from storage.sql import Database, Row

KEY_SHAPE = re.compile(r"ocop_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")
COLUMNS = "key_id, principal_id, role, level, province, created_at, revoked_at"
SCHEMA = """
CREATE TABLE IF NOT EXISTS ocop_api_keys (
    key_id TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    principal_id TEXT NOT NULL,
    role TEXT NOT NULL,
    level TEXT,
    province TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
)
"""


@dataclass(frozen=True)
class KeyRecord:
    """What the register knows of a key (never its secret)."""

    key_id: str
    actor: Actor
    created_at: str
    revoked_at: str | None


def well_formed(key: str) -> bool:
    """Whether ``key`` is shaped like the keys ``KeyStore.create`` makes."""
    return KEY_SHAPE.fullmatch(key) is not None


def digest(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode()).hexdigest()


def key_id_of(key: str) -> str:
    """The key id a key carries: ``ocop_<key id>_<secret>``."""
    return key.split("_", 2)[1] if key.count("_") >= 2 else ""


def check_principal_unchanged(db: Database, actor: Actor) -> None:
    """A principal id names one role, level and province, whatever its keys (even revoked)."""
    rows = db.rows(
        f"SELECT {COLUMNS} FROM ocop_api_keys WHERE principal_id = ? LIMIT 1",
        (actor.principal_id,),
    )
    if rows and (first := _record(rows[0]).actor) != actor:
        level = f" {first.level.value}" if first.level else ""
        where = f" in {first.province}" if first.province else ""
        raise InvalidPrincipal(
            f"Principal {actor.principal_id!r} already has keys as{level} {first.role.value}"
            f"{where}; choose another --principal-id."
        )


class KeyStore:
    """Creates, finds and revokes keys in the register's database.

    A key found is remembered for ``remember_for`` seconds (by ``clock``), sparing a database
    round trip on every request; a key revoked in another process stops working within that
    time, one revoked through this store at once.
    """

    def __init__(
        self,
        database: Connections,
        remember_for: float = 5.0,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self.database = database
        self.remember_for = remember_for
        self.clock = clock
        self._found: dict[str, tuple[float, Actor]] = {}
        with database.transaction() as db:
            db.run(SCHEMA)

    def create(
        self,
        role: Role,
        *,
        level: Level | None = None,
        province: str | None = None,
        principal_id: str | None = None,
    ) -> tuple[str, KeyRecord]:
        """A new key for a principal; the key itself is returned once and never stored."""
        check_principal_fits(role, level, province)
        key_id = secrets.token_hex(6)
        key = f"ocop_{key_id}_{secrets.token_urlsafe(32)}"
        actor = Actor(principal_id or f"key-{key_id}", role, province or None, level)
        now = datetime.now(UTC).isoformat()
        with self.database.transaction() as db:
            check_principal_unchanged(db, actor)
            db.run(
                "INSERT INTO ocop_api_keys VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                (
                    key_id,
                    digest(key),
                    actor.principal_id,
                    role.value,
                    level.value if level else None,
                    actor.province,
                    now,
                ),
            )
        return key, KeyRecord(key_id, actor, now, None)

    def principal(self, key: str) -> Actor | None:
        """The principal a presented key stands for, if it exists and is not revoked.

        A key not shaped like the register's keys is refused without asking the database."""
        if not well_formed(key):
            return None
        remembered = self.remembered(key)
        if remembered is not None:
            return remembered
        hashed = digest(key)
        actor = self._look_up(hashed)
        if actor is None:
            self._found.pop(hashed, None)
        else:
            self._found[hashed] = (self.clock(), actor)
        return actor

    def remembered(self, key: str) -> Actor | None:
        """The principal of a key found less than ``remember_for`` ago, without asking the
        database (so the event loop may ask, sparing a hop to a thread); else None."""
        found = self._found.get(digest(key))
        if found is not None and self.clock() - found[0] < self.remember_for:
            return found[1]
        return None

    def _look_up(self, hashed: str) -> Actor | None:
        rows = self.database.ask(
            lambda db: db.rows(
                f"SELECT {COLUMNS} FROM ocop_api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                (hashed,),
            )
        )
        return _record(rows[0]).actor if rows else None

    def list(self) -> list[KeyRecord]:
        """Every key, newest first, without secrets."""
        with self.database.transaction() as db:
            rows = db.rows(f"SELECT {COLUMNS} FROM ocop_api_keys ORDER BY created_at DESC")
        return [_record(row) for row in rows]

    def revoke(self, key_id: str) -> bool:
        """Revokes a key by its id; False if there is no such live key."""
        now = datetime.now(UTC).isoformat()
        with self.database.transaction() as db:
            rows = db.rows(
                "UPDATE ocop_api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL "
                "RETURNING key_id",
                (now, key_id),
            )
        self._found.clear()
        return bool(rows)


def _record(row: Row) -> KeyRecord:
    province, level, revoked_at = row["province"], row["level"], row["revoked_at"]
    actor = Actor(
        str(row["principal_id"]),
        Role(row["role"]),
        str(province) if province else None,
        Level(level) if level else None,
    )
    return KeyRecord(
        str(row["key_id"]), actor, str(row["created_at"]), str(revoked_at) if revoked_at else None
    )
