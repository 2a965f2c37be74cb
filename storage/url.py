"""The database URL, read once into a typed value that every part of the register is given.

``sqlite:///PATH`` (a file; ``sqlite:////abs/path`` for an absolute one),
``postgresql://USER:PASSWORD@HOST:PORT/DB`` with optional ``?schema=`` and the library's pool
settings (``pool_size``, ``max_overflow``, ``connect_timeout``, ``lock_timeout``), or
``memory://`` (the library's in-memory store, for tests; it has no read side).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

Kind = Literal["sqlite", "postgresql", "memory"]
# The library's pool settings a PostgreSQL URL may carry, with their defaults.
SETTINGS = {"pool_size": "10", "max_overflow": "10", "connect_timeout": "5", "lock_timeout": "10"}


class UnsupportedStoreURL(ValueError):
    """The database URL names no store the register can use."""


@dataclass(frozen=True)
class StoreUrl:
    """Where the register's events, read models, keys and answers are kept."""

    kind: Kind
    path: str = ""  # SQLite's file
    host: str = "127.0.0.1"
    port: int = 5432
    user: str = "postgres"
    password: str = field(default="", repr=False)
    dbname: str = "postgres"
    schema: str = ""  # PostgreSQL's schema ("" for the role's search path, in practice public)
    pool_size: int = 10
    max_overflow: int = 10
    connect_timeout: int = 5
    lock_timeout: int = 10

    @classmethod
    def parse(cls, url: str) -> StoreUrl:
        """The store ``url`` names; ``UnsupportedStoreURL`` says what is wrong with it."""
        scheme, _, rest = url.partition("://")
        if scheme == "memory":
            return cls(kind="memory")
        if scheme == "sqlite":
            path = unquote(rest.removeprefix("/"))
            if not path:
                raise UnsupportedStoreURL("A sqlite URL needs a file path: sqlite:///var/ocop.db")
            return cls(kind="sqlite", path=path)
        if scheme in ("postgresql", "postgres"):
            return _postgresql(url)
        raise UnsupportedStoreURL(
            f"Unsupported database URL scheme {scheme!r}: use sqlite:///PATH or postgresql://"
        )

    @property
    def schema_or_public(self) -> str:
        """The schema the register's tables are in."""
        return self.schema or "public"


def _postgresql(url: str) -> StoreUrl:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    unknown = sorted(set(query) - {"schema", *SETTINGS})
    if unknown:
        raise UnsupportedStoreURL(f"Unknown database URL settings: {', '.join(unknown)}")
    try:
        numbers = {name: int(query.get(name, [default])[0]) for name, default in SETTINGS.items()}
        port = parts.port or 5432
    except ValueError as error:
        raise UnsupportedStoreURL(f"A database URL setting is not a number: {error}") from None
    return StoreUrl(
        kind="postgresql",
        host=parts.hostname or "127.0.0.1",
        port=port,
        user=unquote(parts.username or "postgres"),
        password=unquote(parts.password or ""),
        dbname=parts.path.lstrip("/") or "postgres",
        schema=query.get("schema", [""])[0],
        pool_size=numbers["pool_size"],
        max_overflow=numbers["max_overflow"],
        connect_timeout=numbers["connect_timeout"],
        lock_timeout=numbers["lock_timeout"],
    )
