"""The database URL is read once into a typed value, and a bad one is refused with its reason
(no I/O: nothing is opened or created while reading it)."""

from __future__ import annotations

import pytest

from ocop.settings import Settings
from storage.url import StoreUrl, UnsupportedStoreURL


def test_a_relative_and_an_absolute_sqlite_file() -> None:
    assert StoreUrl.parse("sqlite:///var/ocop.db") == StoreUrl(kind="sqlite", path="var/ocop.db")
    assert StoreUrl.parse("sqlite:////srv/ocop/register.db").path == "/srv/ocop/register.db"


def test_a_postgresql_url_with_its_schema_and_the_event_stores_pool_settings() -> None:
    store = StoreUrl.parse(
        "postgresql://ocop:p%40ss@db.example:6543/register?schema=qn&pool_size=4&connect_timeout=2"
    )
    assert store == StoreUrl(
        kind="postgresql", host="db.example", port=6543, user="ocop", password="p@ss",
        dbname="register", schema="qn", pool_size=4, connect_timeout=2,
    )  # fmt: skip
    assert (store.max_overflow, store.lock_timeout, store.schema_or_public) == (10, 10, "qn")


def test_postgresql_defaults_and_the_short_scheme() -> None:
    store = StoreUrl.parse("postgres://")
    assert (store.kind, store.host, store.port, store.user, store.dbname) == (
        "postgresql", "127.0.0.1", 5432, "postgres", "postgres",
    )  # fmt: skip
    assert store.schema_or_public == "public"


def test_the_password_is_never_shown() -> None:
    store = StoreUrl.parse("postgresql://ocop:s3cret@db:5432/ocop")
    assert store.password == "s3cret" and "s3cret" not in repr(store) and "s3cret" not in str(store)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mysql://db/ocop", "Unsupported database URL scheme 'mysql'"),
        ("var/ocop.db", "Unsupported database URL scheme"),
        ("sqlite://", "needs a file path"),
        ("postgresql://db:port/ocop", "not a number"),
        ("postgresql://db/ocop?pool_size=many", "not a number"),
        ("postgresql://db/ocop?shcema=qn", "Unknown database URL settings: shcema"),
    ],
)
def test_a_bad_url_is_refused_with_its_reason(url: str, reason: str) -> None:
    with pytest.raises(UnsupportedStoreURL, match=reason):
        StoreUrl.parse(url)


def test_settings_read_the_url_once_and_refuse_a_bad_one_at_start_up() -> None:
    settings = Settings(database_url="postgresql://ocop@db/ocop?schema=qn")
    assert settings.store == StoreUrl(
        kind="postgresql", host="db", user="ocop", dbname="ocop", schema="qn"
    )
    assert settings.store is settings.store
    with pytest.raises(ValueError, match="Unsupported database URL scheme 'mysql'"):
        Settings(database_url="mysql://db/ocop")
