"""Shared fixtures: stores on every backend, and a database of this run's own on PostgreSQL.

PostgreSQL tests run against ``OCOP_TEST_POSTGRES`` (default: the local server). When no
server answers they skip, except under CI (``CI`` set), where they fail instead.
Each run creates one database with a random name and drops it at the end; each test gets a
schema of its own in it, so nothing depends on what another test or run left behind.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import date

import psycopg
import pytest
from hypothesis import settings

from projections import ReadSide
from registry.service import Registry
from storage.connections import Connections, open_connections
from storage.environment import store_environment
from storage.url import StoreUrl

# Under CI every property test draws the same examples (derandomize), and a failure prints
# the blob that replays it (``@reproduce_failure``), so a red build can be reproduced here:
# ``CI=true pytest ...`` or ``pytest --hypothesis-profile=ci``. Locally, examples vary and
# Hypothesis prints the seed of a failing run (``--hypothesis-seed`` replays it).
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ADMIN_URL = os.environ.get("OCOP_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
TODAY = date(2026, 11, 29)


def connections_to(url: str) -> Connections:
    """Connections to the store at ``url``, as the composition root opens them."""
    return open_connections(StoreUrl.parse(url))


def fixed_today() -> date:
    """The tests' clock: a fixed day, so dates in stories never drift into the future."""
    return TODAY


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The URL of a database created for this run, dropped when it ends."""
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs PostgreSQL at {ADMIN_URL}: {error}")
        pytest.skip(f"no PostgreSQL at {ADMIN_URL}: {error}")
    name = f"ocop_test_{secrets.token_hex(6)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = ADMIN_URL.rpartition("/")
    admin.close()
    try:
        yield f"{base}/{name}"
    finally:  # on a connection of its own: a test may have restarted the server meanwhile
        with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=10) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(postgres_database: str) -> str:
    """A store URL with a fresh schema of this test's own."""
    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_database, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return f"{postgres_database}?schema={schema}"


@pytest.fixture
def sqlite_url(tmp_path: object) -> str:
    """A store URL for a fresh SQLite file."""
    return f"sqlite:///{tmp_path}/ocop.db"


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest) -> str:
    """A fresh store on each backend in turn: the contract suites run once per backend."""
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return str(request.getfixturevalue("sqlite_url"))


@pytest.fixture
def registry(store_url: str) -> Iterator[Registry]:
    """The register on a fresh store, with the tests' fixed clock."""
    app = Registry(store_environment(StoreUrl.parse(store_url)), clock=fixed_today)
    yield app
    app.close()


def sessions_of(database_url: str, application: str, *, terminate: bool = False) -> int:
    """How many sessions ``application`` holds on the URL's PostgreSQL database; with
    ``terminate``, they are ended too."""
    select = "pg_terminate_backend(pid)" if terminate else "pid"
    with psycopg.connect(database_url.partition("?")[0], autocommit=True) as admin:
        rows = admin.execute(
            f"SELECT {select} FROM pg_stat_activity "
            "WHERE application_name = %s AND datname = current_database()",
            (application,),
        ).fetchall()
    return len(rows)


@pytest.hookimpl(trylast=True)  # after any plugin that shuffles the order
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``owns_server`` (they restart PostgreSQL) run last, after every other
    test has finished with its connections; the suite runs in one process, so none overlaps."""
    items.sort(key=lambda item: item.get_closest_marker("owns_server") is not None)


@pytest.fixture
def pg_registry(postgres_url: str) -> Iterator[Registry]:
    """The register on a fresh PostgreSQL store, today fixed."""
    app = Registry(store_environment(StoreUrl.parse(postgres_url)), clock=fixed_today)
    yield app
    app.close()


@pytest.fixture
def pg_read_side(postgres_url: str) -> Iterator[ReadSide]:
    """The read side of that PostgreSQL store, on connections of its own."""
    side = ReadSide.open(connections_to(postgres_url))
    yield side
    side.close()
