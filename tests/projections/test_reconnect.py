"""The projector outlives its PostgreSQL connection: terminated by the server, or the server
briefly unreachable. It logs each failure and carries on: as soon as the server answers again
(``tests/storage/test_outage.py``), else after growing pauses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from urllib.parse import urlsplit

import psycopg
import pytest

from projections import Projector, ReadSide, questions
from registry.service import Registry
from tests.conftest import connections_to
from tests.projections import programme as story
from tests.projections.proxy import TcpProxy
from tests.projections.waiting import RecordingLogger, wait_until

pytestmark = pytest.mark.postgres


@contextmanager
def running(registry: Registry, url: str) -> Iterator[tuple[Projector, RecordingLogger]]:
    """A projector of the store at ``url``, quick to retry, logging to a recorder, running for
    the block."""
    log = RecordingLogger()
    runner = Projector(
        registry, connections_to(url), poll_interval=0.05, logger=log, max_backoff=0.2
    )
    runner.start()
    try:
        yield runner, log
    finally:
        runner.stop()


def test_the_projector_reconnects_after_its_connections_are_terminated(
    pg_registry: Registry, postgres_url: str, pg_read_side: ReadSide
) -> None:
    with running(pg_registry, postgres_url) as (runner, log):
        first = story.register(pg_registry, "QN-0601", "Chả mực", date(2024, 1, 2))
        assert pg_read_side.wait_for(first.position)
        with psycopg.connect(postgres_url.partition("?")[0], autocommit=True) as admin:
            terminated = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name LIKE 'ocop-projector%' AND datname = current_database()"
            ).fetchall()
        assert len(terminated) == 2  # the connection that writes, and the one that listens
        later = story.certify(pg_registry, "QN-0601", 4, date(2024, 3, 1))
        assert pg_read_side.wait_for(later.position, timeout=10)
        assert wait_until(lambda: runner.failure.text is None)
    assert log.failures() and ("projector.recovered", "info") in log.events
    status = pg_read_side.ask(questions.product_status("QN-0601", on=date(2024, 6, 1)))
    assert status is not None and status["status"] == "certified"


def test_the_projector_carries_on_after_the_server_was_briefly_unreachable(
    pg_registry: Registry, postgres_url: str, pg_read_side: ReadSide
) -> None:
    server = urlsplit(postgres_url)
    proxy = TcpProxy((server.hostname or "127.0.0.1", server.port or 5432))
    proxy.start()
    through_proxy = postgres_url.replace(f":{server.port}/", f":{proxy.port}/", 1)
    try:
        with running(pg_registry, through_proxy) as (runner, log):
            first = story.register(pg_registry, "QN-0602", "Ruốc tôm", date(2024, 1, 2))
            assert pg_read_side.wait_for(first.position)
            proxy.stop()
            during = story.certify(pg_registry, "QN-0602", 3, date(2024, 3, 1))
            assert wait_until(lambda: len(log.failures()) >= 1)  # then it waits for the server
            assert runner.running and runner.failure.text is not None
            assert pg_read_side.position() == first.position and pg_read_side.lag() > 0
            proxy.start()
            assert pg_read_side.wait_for(during.position, timeout=10)
            assert wait_until(lambda: runner.failure.text is None)
    finally:
        proxy.stop()
    assert ("projector.recovered", "info") in log.events
