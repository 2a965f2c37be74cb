"""Staff accounts: a named member of staff acting as one principal (role, level, province,
exactly as an API key does), with a password kept only as its Argon2 hash.

Failed sign-ins are counted per account; after ``lock_after`` of them in a row the account
is locked for ``locked_for`` (``ocop staff reset`` unlocks it at once).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from lifecycle.authority import check_principal_fits
from lifecycle.errors import InvalidPrincipal
from lifecycle.values import Actor, Level, Role
from storage.connections import Connections
from storage.sql import Row

SCHEMA = """
CREATE TABLE IF NOT EXISTS ocop_staff_accounts (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    level TEXT,
    province TEXT,
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
)
"""
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,63}")
COLUMNS = "name, password_hash, role, level, province, disabled_at, failed_attempts, locked_until"
HASHER = PasswordHasher()
# Checked when no account has the name, so an unknown name costs what a wrong password does.
NOBODY = HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Account:
    """What the register knows of a member of staff (never the password)."""

    name: str
    actor: Actor
    disabled: bool
    failed_attempts: int
    locked_until: datetime | None


class SignInRefused(Exception):
    """A sign-in that does not open a session; ``locked`` when the account is locked out."""

    def __init__(self, locked: bool = False, attempts: int = 0) -> None:
        super().__init__("locked" if locked else "wrong name or password")
        self.locked, self.attempts = locked, attempts


def principal_id(name: str) -> str:
    """The principal a staff member's events are recorded under."""
    return f"staff:{name}"


def new_password() -> str:
    """A password to hand to a member of staff once."""
    return secrets.token_urlsafe(15)


class StaffAccounts:
    """Creates, disables and resets accounts, and checks sign-ins."""

    def __init__(
        self, database: Connections, lock_after: int = 5, locked_for: timedelta = timedelta(0)
    ) -> None:
        self.database, self.lock_after, self.locked_for = database, lock_after, locked_for
        with database.transaction() as db:
            db.run(SCHEMA)

    def create(
        self, name: str, role: Role, level: Level | None, province: str | None, password: str
    ) -> Account:
        """A new account; its name is never given to another."""
        check_principal_fits(role, level, province)
        if not NAME.fullmatch(name):
            raise InvalidPrincipal(
                "A staff account's name is 2 to 64 letters, digits, dots, hyphens or underscores."
            )
        with self.database.transaction() as db:
            if db.rows("SELECT name FROM ocop_staff_accounts WHERE name = ?", (name,)):
                raise InvalidPrincipal(f"A staff account named {name!r} exists already.")
            db.run(
                "INSERT INTO ocop_staff_accounts (name, password_hash, role, level, province, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    name,
                    HASHER.hash(password),
                    role.value,
                    level.value if level else None,
                    province or None,
                    datetime.now(UTC).isoformat(),
                ),
            )
        return Account(
            name, Actor(principal_id(name), role, province or None, level), False, 0, None
        )

    def disable(self, name: str, now: datetime) -> bool:
        """Disables an account (its sessions end with it); False if there is no such one."""
        with self.database.transaction() as db:
            return bool(
                db.rows(
                    "UPDATE ocop_staff_accounts SET disabled_at = ? WHERE name = ? RETURNING name",
                    (now.isoformat(), name),
                )
            )

    def reset(self, name: str, password: str) -> bool:
        """A new password; the account is unlocked and enabled again."""
        with self.database.transaction() as db:
            return bool(
                db.rows(
                    "UPDATE ocop_staff_accounts SET password_hash = ?, failed_attempts = 0, "
                    "locked_until = NULL, disabled_at = NULL WHERE name = ? RETURNING name",
                    (HASHER.hash(password), name),
                )
            )

    def find(self, name: str) -> Account | None:
        """The account of that name, if any."""
        rows = self.database.ask(
            lambda db: db.rows(f"SELECT {COLUMNS} FROM ocop_staff_accounts WHERE name = ?", (name,))
        )
        return _account(rows[0]) if rows else None

    def sign_in(self, name: str, password: str, now: datetime) -> Account:
        """The account, if the password is its own and it is neither disabled nor locked;
        else ``SignInRefused`` (a failure counts towards the lock-out)."""
        rows = self.database.ask(
            lambda db: db.rows(
                f"SELECT {COLUMNS} FROM ocop_staff_accounts WHERE name = ?", (name[:200],)
            )
        )
        stored = str(rows[0]["password_hash"]) if rows else NOBODY
        try:
            matches: bool = HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            matches = False
        if not rows:
            raise SignInRefused()
        account = _account(rows[0])
        if account.locked_until is not None and account.locked_until > now:
            raise SignInRefused(locked=True, attempts=account.failed_attempts)
        if not matches or account.disabled:
            raise self._failed(name, now)
        with self.database.transaction() as db:
            db.run(
                "UPDATE ocop_staff_accounts SET failed_attempts = 0, locked_until = NULL "
                "WHERE name = ?",
                (name,),
            )
        return account

    def _failed(self, name: str, now: datetime) -> SignInRefused:
        with self.database.transaction() as db:
            [row] = db.rows(
                "UPDATE ocop_staff_accounts SET failed_attempts = failed_attempts + 1 "
                "WHERE name = ? RETURNING failed_attempts",
                (name,),
            )
            attempts = int(row["failed_attempts"])
            if attempts < self.lock_after:
                return SignInRefused(attempts=attempts)
            db.run(
                "UPDATE ocop_staff_accounts SET locked_until = ? WHERE name = ?",
                ((now + self.locked_for).isoformat(), name),
            )
        return SignInRefused(locked=True, attempts=attempts)


def _account(row: Row) -> Account:
    level, province, locked = row["level"], row["province"], row["locked_until"]
    actor = Actor(
        principal_id(str(row["name"])),
        Role(row["role"]),
        str(province) if province else None,
        Level(level) if level else None,
    )
    return Account(
        str(row["name"]),
        actor,
        row["disabled_at"] is not None,
        int(row["failed_attempts"]),
        datetime.fromisoformat(str(locked)) if locked else None,
    )
