"""The public lookups asked from the event loop (``projections.lookups``): lookups asked together
are read in one turn, one query, with the answers ``documents.find`` gives one by one; a
remembered document is sent without asking the database; a failed turn fails each of its
lookups and the next turn reads again. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from datetime import date
from functools import partial
from typing import Any, TypeVar

import pytest

from projections import Projector, ReadSide, documents, questions, timeline
from projections.lookups import Lookups
from registry.service import Registry
from storage.connections import Connections
from storage.sql import Database, StoreUnavailable
from tests.conftest import TODAY, connections_to
from tests.projections import programme as story

T = TypeVar("T")
CODES = [f"QN-09{n:02d}" for n in range(5)]


class Counted:
    """The read side's connections, counting the questions asked through them, and failing
    the next ``failing`` of them as a database away would."""

    def __init__(self, connections: Connections) -> None:
        self.connections, self.asked, self.failing = connections, 0, 0

    def ask(self, question: Callable[[Database], T]) -> T:
        self.asked += 1
        if self.failing:
            self.failing -= 1
            raise StoreUnavailable("the database does not answer")
        return self.connections.ask(question)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connections, name)


@pytest.fixture
def read_side(registry: Registry, store_url: str) -> Iterator[ReadSide]:
    """A read side over a register of five products (two certified), projected."""
    for n, code in enumerate(CODES):
        story.register(registry, code, f"Sản phẩm {n}", date(2024, 3, 4))
    for code in CODES[:2]:
        story.certify(registry, code, 4, date(2024, 6, 3))
    projector = Projector(registry, connections_to(store_url))
    projector.catch_up()
    projector.stop()
    side = ReadSide.open(connections_to(store_url))
    side.projected_to(side.position())
    yield side
    side.close()


def one_by_one(read_side: ReadSide, kind: str, key: str) -> documents.Document | None:
    return read_side.ask(questions.public_document(kind, key, on=TODAY))


async def looked_up(lookups: Lookups, wanted: list[tuple[str, str]]) -> list[Any]:
    lookups_at_once = (lookups.document(kind, key, TODAY, None) for kind, key in wanted)
    return await asyncio.gather(*lookups_at_once, return_exceptions=True)


def test_lookups_asked_together_are_read_in_one_turn_as_find_reads_each(
    read_side: ReadSide,
) -> None:
    counted = Counted(read_side.connections)
    read_side.connections = counted  # type: ignore[assignment]
    wanted = [(documents.PRODUCT, code) for code in [*CODES, "QN-9999"]]
    wanted += [(documents.CERTIFICATE, f"{code}-C1") for code in CODES[:3]]

    answers = asyncio.run(looked_up(Lookups(read_side), wanted))

    assert counted.asked == 1
    assert answers == [one_by_one(read_side, kind, key) for kind, key in wanted]
    assert answers[len(CODES)] is None and answers[-1] is None  # no such product, certificate
    assert all(isinstance(answer, documents.Document) for answer in answers[: len(CODES)])


def test_timelines_asked_with_documents_are_read_in_the_same_turn(read_side: ReadSide) -> None:
    counted = Counted(read_side.connections)
    read_side.connections = counted  # type: ignore[assignment]
    lookups = Lookups(read_side)

    async def pages_at_once() -> list[Any]:
        asked: list[Awaitable[Any]] = [
            lookups.document(documents.PRODUCT, code, TODAY, None) for code in CODES
        ]
        asked += [lookups.timeline(code) for code in [*CODES, "QN-9999"]]
        return await asyncio.gather(*asked)

    answers = asyncio.run(pages_at_once())
    assert counted.asked == 1
    timelines = answers[len(CODES) :]
    assert timelines[:-1] == [read_side.ask(partial(timeline.of_product, code=c)) for c in CODES]
    assert all(changes for changes in timelines[:-1]) and timelines[-1] == []


def test_a_remembered_document_is_sent_without_asking_the_database(read_side: ReadSide) -> None:
    lookups, counted = Lookups(read_side), Counted(read_side.connections)
    read_side.connections = counted  # type: ignore[assignment]
    projected = read_side.remembered.position
    assert projected is not None
    first = asyncio.run(looked_up(lookups, [(documents.PRODUCT, CODES[0])]))
    again = asyncio.run(looked_up(lookups, [(documents.PRODUCT, CODES[0])]))
    assert counted.asked == 1 and again == first

    read_side.projected_to(projected + 1)  # the projection moved: what was kept is forgotten
    asyncio.run(looked_up(lookups, [(documents.PRODUCT, CODES[0])]))
    assert counted.asked == 2


def test_a_failed_turn_fails_each_of_its_lookups_and_the_next_turn_reads_again(
    read_side: ReadSide,
) -> None:
    lookups, counted = Lookups(read_side), Counted(read_side.connections)
    read_side.connections = counted  # type: ignore[assignment]
    counted.failing = 1
    wanted = [(documents.PRODUCT, code) for code in CODES]

    failed = asyncio.run(looked_up(lookups, wanted))
    assert all(isinstance(answer, StoreUnavailable) for answer in failed)

    answers = asyncio.run(looked_up(lookups, wanted))
    assert answers == [one_by_one(read_side, kind, key) for kind, key in wanted]


def test_a_reader_waiting_for_a_position_is_answered_once_it_is_projected(
    read_side: ReadSide, registry: Registry, store_url: str
) -> None:
    lookups = Lookups(read_side)
    recorded = story.suspend(registry, CODES[0], date(2025, 2, 3), date(2025, 3, 5))
    Projector(registry, connections_to(store_url)).catch_up()

    async def after_the_suspension() -> documents.Document | None:
        return await lookups.document(documents.PRODUCT, CODES[0], TODAY, recorded.position)

    document = asyncio.run(after_the_suspension())
    assert document is not None and b'"status":"suspended"' in document.body
