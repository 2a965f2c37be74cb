"""The eventsourcing library's settings for the store a ``StoreUrl`` names (on PostgreSQL, its
factory with the register's pool: ``storage.event_store``)."""

from __future__ import annotations

from pathlib import Path

from storage.connections import create_private_file
from storage.url import StoreUrl


def store_environment(store: StoreUrl) -> dict[str, str]:
    """The library's settings for ``store``; a new SQLite file is made private first."""
    if store.kind == "memory":
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    if store.kind == "sqlite":
        if store.path != ":memory:":
            create_private_file(Path(store.path))
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": store.path,
            "SQLITE_LOCK_TIMEOUT": "30",
        }
    return {
        "PERSISTENCE_MODULE": "storage.event_store:PromptPostgresFactory",
        "POSTGRES_DBNAME": store.dbname,
        "POSTGRES_HOST": store.host,
        "POSTGRES_PORT": str(store.port),
        "POSTGRES_USER": store.user,
        "POSTGRES_PASSWORD": store.password,
        "POSTGRES_POOL_SIZE": str(store.pool_size),
        "POSTGRES_MAX_OVERFLOW": str(store.max_overflow),
        "POSTGRES_CONNECT_TIMEOUT": str(store.connect_timeout),
        "POSTGRES_LOCK_TIMEOUT": str(store.lock_timeout),
        "POSTGRES_PRE_PING": "y",
        "POSTGRES_SCHEMA": store.schema,
    }
