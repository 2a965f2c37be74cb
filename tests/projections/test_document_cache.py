"""A read side in another process than the projector (an API worker told the projection's
position through ``projected_to``) remembers the public documents it sent, and forgets them
as soon as it is told the projection moved; a reader waiting for a later position is never
sent a remembered one. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from projections import Projector, ReadSide, documents, questions
from registry.service import Registry
from tests.conftest import TODAY, connections_to
from tests.projections import programme as story

CODE = "QN-0901"


@pytest.fixture
def worker(store_url: str) -> Iterator[ReadSide]:
    """A read side of its own, as an API worker beside an out-of-process projector has."""
    side = ReadSide.open(connections_to(store_url))
    yield side
    side.close()


def sent(read_side: ReadSide, wait_for: int | None = None) -> documents.Document:
    document = read_side.ask(
        questions.public_document(documents.PRODUCT, CODE, on=TODAY), wait_for=wait_for
    )
    assert document is not None
    return document


def test_a_worker_forgets_the_documents_it_sent_once_told_the_projection_moved(
    registry: Registry, projector: Projector, worker: ReadSide
) -> None:
    story.register(registry, CODE, "Nước mắm Cái Rồng", date(2024, 3, 4))
    story.certify(registry, CODE, 4, date(2024, 6, 3))
    projector.catch_up()
    worker.projected_to(worker.position())
    certified = sent(worker)
    assert b'"status":"certified"' in certified.body

    story.suspend(registry, CODE, date(2025, 2, 3), date(2025, 3, 5))
    projector.catch_up()  # in another process: this worker has not been told yet
    assert sent(worker) == certified  # remembered, as long as nobody says otherwise
    suspended = sent(worker, wait_for=worker.head())  # read-your-writes: never remembered
    assert b'"status":"suspended"' in suspended.body and suspended.etag != certified.etag

    worker.projected_to(worker.position())  # the listener tells it the projection moved
    assert sent(worker) == suspended


def test_a_worker_never_told_the_position_remembers_nothing(
    registry: Registry, projector: Projector, worker: ReadSide
) -> None:
    story.register(registry, CODE, "Nước mắm Cái Rồng", date(2024, 3, 4))
    projector.catch_up()
    assert b'"status":"participating"' in sent(worker).body
    story.certify(registry, CODE, 4, date(2024, 6, 3))
    projector.catch_up()
    assert b'"status":"certified"' in sent(worker).body
