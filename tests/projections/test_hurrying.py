"""A read waiting for its write hurries the projector wherever it runs: in another process
(``ocop project``, the supervisor of ``ocop serve --workers N``) through a notice on the
database, so that a paced projector there keeps read-your-writes prompt."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from ocop.cli.projection import paced
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from projections.hurrying import HURRY, HurryElsewhere
from registry.service import Registry
from storage import channels
from tests.conftest import connections_to, fixed_today
from tests.projections import programme as story

GATHER = 5.0  # the longest pace the settings allow: far longer than any wait below


@pytest.fixture
def two_processes(postgres_url: str) -> Iterator[tuple[ServedRegister, ServedRegister]]:
    """Two served registers on one database, as two processes: the first projects, paced;
    the second only reads, following the first's positions through the database."""
    settings = Settings(database_url=postgres_url, projector_gather_seconds=GATHER)
    projecting = build_services(settings, clock=fixed_today)
    reading = build_services(settings, clock=fixed_today)
    projecting.projector.start()
    reading.read_side.follow()
    yield projecting, reading
    projecting.projector.stop()
    projecting.close()
    reading.close()


@pytest.mark.postgres
def test_a_read_in_another_process_hurries_a_paced_projector(
    two_processes: tuple[ServedRegister, ServedRegister], pg_registry: Registry
) -> None:
    projecting, reading = two_processes
    first = story.register(pg_registry, "QN-0801", "Mật ong hoa nhãn", date(2024, 1, 2))
    # The first write after a quiet spell is projected at once; the next batch is held back
    # for the pace unless someone asks for it.
    assert reading.read_side.wait_for(first.position, timeout=GATHER / 2)
    assert projecting.projector.hurried.listening.wait(GATHER / 2)
    second = story.register(pg_registry, "QN-0802", "Trà hoa vàng", date(2024, 1, 3))
    assert reading.read_side.wait_for(second.position, timeout=GATHER / 2)
    assert reading.read_side.position() >= second.position


@pytest.mark.postgres
def test_notices_are_sent_at_most_once_in_their_interval(postgres_url: str) -> None:
    connections, now = connections_to(postgres_url), [100.0]
    listener = channels.listen(connections, HURRY, "test-hurry")
    assert listener is not None
    try:
        hurry = HurryElsewhere(connections, every=0.02, clock=lambda: now[0])
        for moment in (100.0, 100.01, 100.019, 100.03, 100.5):
            now[0] = moment
            hurry()
        assert hurry.sent == 3  # at 100.0, 100.03 and 100.5
        heard: list[str] = []
        while len(heard) < 3 and (notices := channels.heard(listener, 5.0)):
            heard += notices
        assert len(heard) == 3
    finally:
        listener.close()
        connections.close()


def test_a_projector_of_its_own_is_paced_only_where_reads_can_hurry_it() -> None:
    assert paced(Settings(database_url="postgresql://ocop@db/ocop")) == 0.25
    assert paced(Settings(database_url="sqlite:///register.db")) == 0.0
