"""Where the register keeps its events, from one URL, as the library's own settings.

``sqlite:///PATH`` (a file, the default), ``postgresql://USER:PASSWORD@HOST:PORT/DB`` with
optional ``?schema=`` and pool settings, or ``memory://`` (tests only).
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class UnsupportedStoreURL(ValueError):
    """The database URL names no store the register can use."""


def create_private_file(path: Path) -> None:
    """Creates the store's file readable by its owner alone (SQLite gives its journal and
    WAL files the same mode); an existing file is left as it is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def store_environment(url: str) -> dict[str, str]:
    """The eventsourcing settings for the store at ``url``."""
    parts = urlsplit(url)
    if parts.scheme == "memory":
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    if parts.scheme == "sqlite":
        path = unquote(url.removeprefix("sqlite:///").removeprefix("sqlite://"))
        if not path:
            raise UnsupportedStoreURL("sqlite URL needs a file path: sqlite:///var/ocop.db")
        if path != ":memory:":
            create_private_file(Path(path))
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": path,
            "SQLITE_LOCK_TIMEOUT": "30",
        }
    if parts.scheme in ("postgresql", "postgres"):
        query = parse_qs(parts.query)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": parts.path.lstrip("/") or "postgres",
            "POSTGRES_HOST": parts.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(parts.port or 5432),
            "POSTGRES_USER": unquote(parts.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(parts.password or ""),
            "POSTGRES_POOL_SIZE": query.get("pool_size", ["10"])[0],
            "POSTGRES_MAX_OVERFLOW": query.get("max_overflow", ["10"])[0],
            "POSTGRES_CONNECT_TIMEOUT": query.get("connect_timeout", ["5"])[0],
            "POSTGRES_LOCK_TIMEOUT": query.get("lock_timeout", ["10"])[0],
            "POSTGRES_PRE_PING": "y",
            "POSTGRES_SCHEMA": query.get("schema", [""])[0],
        }
    raise UnsupportedStoreURL(
        f"Unsupported database URL scheme {parts.scheme!r}: use sqlite:///PATH or postgresql://"
    )
