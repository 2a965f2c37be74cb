"""Property: a batch is applied as sets (each row written once per batch, new rows in bulk),
and what it writes does not depend on how the log is cut into batches: projecting a random
history one event a batch, then from zero again in batches of any size, then rebuilding it
(in one batch holding the whole log; on PostgreSQL in two parts side by side) gives the same
read models, the public log's tree included; on SQLite and PostgreSQL."""

from __future__ import annotations

import secrets

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from projections import Projector, ReadSide
from projections.models import drop_tables
from registry.service import Registry
from storage.environment import store_environment
from storage.sql import Row
from storage.url import StoreUrl
from tests.conftest import connections_to, fixed_today
from tests.projections.histories import Step, carry_out, dates_of, histories

EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def snapshot_by_batches(
    registry: Registry, url: str, batch_size: int, rebuild: bool
) -> dict[str, list[Row]]:
    connections = connections_to(url)
    # A rebuild on PostgreSQL is in two parts however short the log (SQLite's in one).
    projector = Projector(registry, connections, batch_size=batch_size, rebuild_parts=(2, 1))
    read_side = ReadSide.open(connections)
    try:
        if rebuild:
            assert projector.rebuild().events == read_side.head()
        else:
            projector.catch_up()
        assert read_side.lag() == 0
        return read_side.snapshot()
    finally:
        projector.stop()
        read_side.close()  # and the connections the projector borrowed too


def drop_read_models(url: str) -> None:
    connections = connections_to(url)
    db = connections.connect("test")
    try:
        with db.transaction():
            drop_tables(db)
    finally:
        db.close()
        connections.close()


def check_batches(url: str, history: list[Step], batch_size: int) -> None:
    registry = Registry(store_environment(StoreUrl.parse(url)), clock=fixed_today)
    try:
        for step, day in zip(history, dates_of(history), strict=True):
            carry_out(registry, step, day)
        one_by_one = snapshot_by_batches(registry, url, 1, rebuild=False)
        drop_read_models(url)
        assert snapshot_by_batches(registry, url, batch_size, rebuild=False) == one_by_one
        assert snapshot_by_batches(registry, url, batch_size, rebuild=True) == one_by_one
    finally:
        registry.close()


@EXAMPLES
@given(history=histories, batch_size=st.integers(2, 40))
def test_any_cut_into_batches_gives_the_one_event_batches_read_models_on_sqlite(
    tmp_path_factory: pytest.TempPathFactory, history: list[Step], batch_size: int
) -> None:
    folder = tmp_path_factory.mktemp("batches")
    check_batches(f"sqlite:///{folder}/ocop.db", history, batch_size)


@pytest.mark.postgres
@EXAMPLES
@given(history=histories, batch_size=st.integers(2, 40))
def test_any_cut_into_batches_gives_the_one_event_batches_read_models_on_postgres(
    postgres_database: str, history: list[Step], batch_size: int
) -> None:
    schema = f"b_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_database, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            check_batches(f"{postgres_database}?schema={schema}", history, batch_size)
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
