"""Property: for random valid histories over many products, the read models built
incrementally (in small batches, caught up at random moments) equal those rebuilt from
zero, and both equal a fold computed directly from the events; on SQLite and PostgreSQL."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st, target

from projections import Projector, ReadSide, questions
from registry.service import Registry
from storage.environment import store_environment
from storage.url import StoreUrl
from tests.conftest import TODAY, connections_to, fixed_today
from tests.projections.histories import Step, carry_out, dates_of, histories
from tests.projections.oracle import assert_read_models_match_the_events


def examples(count: int) -> settings:
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


@contextmanager
def projected(url: str, batch_size: int) -> Iterator[tuple[Registry, Projector, ReadSide]]:
    registry = Registry(store_environment(StoreUrl.parse(url)), clock=fixed_today)
    projector = Projector(registry, connections_to(url), batch_size=batch_size)
    read_side = ReadSide.open(connections_to(url))
    try:
        yield registry, projector, read_side
    finally:
        projector.stop()
        read_side.close()
        registry.close()


def check_history(url: str, history: list[Step], batch_size: int) -> None:
    with projected(url, batch_size) as (registry, projector, read_side):
        for step, day in zip(history, dates_of(history), strict=True):
            carry_out(registry, step, day)
            if step.catch_up_after:
                projector.catch_up()
        projector.catch_up()
        assert read_side.lag() == 0
        incremental = read_side.snapshot()
        report = projector.rebuild()
        assert report.events == read_side.head()
        assert read_side.snapshot() == incremental
        assert_read_models_match_the_events(registry, read_side, TODAY)
        tell_what_was_stored(read_side)


def tell_what_was_stored(read_side: ReadSide) -> None:
    """Labels the example by the kinds of event it stored (``--hypothesis-show-statistics``)
    and steers generation towards histories holding every kind."""
    kinds = {row["type"] for row in read_side.ask(questions.audit_trail(after=0, limit=10_000))}
    for kind in sorted(kinds):
        event(f"stores {kind}")
    target(float(len(kinds)), label="kinds of event stored")


@examples(30)
@given(history=histories, batch_size=st.integers(1, 7))
def test_incremental_equals_rebuilt_equals_fold_on_sqlite(
    tmp_path_factory: pytest.TempPathFactory, history: list[Step], batch_size: int
) -> None:
    folder = tmp_path_factory.mktemp("history")
    check_history(f"sqlite:///{folder}/ocop.db", history, batch_size)


@pytest.mark.postgres
@examples(25)
@given(history=histories, batch_size=st.integers(1, 7))
def test_incremental_equals_rebuilt_equals_fold_on_postgres(
    postgres_database: str, history: list[Step], batch_size: int
) -> None:
    schema = f"h_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_database, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            check_history(f"{postgres_database}?schema={schema}", history, batch_size)
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
