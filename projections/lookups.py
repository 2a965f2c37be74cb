"""The public lookups, asked on the event loop: a document the read side remembers is sent
at once, and those asked meanwhile are gathered and read in one worker thread's turn (the
public timelines the product pages show with their document, likewise).

A lookup in a synchronous endpoint hands each request to a worker thread and back, which
cost as much CPU as the rest of the lookup (BENCHMARKS.md, 3 December 2026). Here a
remembered document needs no thread; the others wait for the next turn of one worker thread,
which reads every document waiting then in one query a kind and day
(``documents.find_each``), and every timeline in one more (``timeline.of_each``), so
that under load many lookups share a hop, a round trip and the GIL's hand-over. A reader
who waits for a log position not yet known to be projected (read your writes) is answered
in a thread of its own, as ``ReadSide.ask`` answers it, not in a turn that others wait for.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Hashable
from contextvars import Context
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from anyio import to_thread

from projections import documents, questions, timeline
from projections.documents import Document
from projections.readside import ReadSide
from storage.sql import Database

MOST_IN_A_TURN = 200  # lookups read in one turn, at most (well under any cap on parameters)
# What is read, together: ("document", kind, day) or ("timeline",).
Family = tuple[Any, ...]
# The key an answer is remembered under (None: not remembered), its family, its key, and
# where its reader waits for it.
Waiting = tuple[Hashable | None, Family, str, "asyncio.Future[Any]"]
TIMELINES: Family = ("timeline",)


@dataclass
class _Turns:
    """The lookups waiting on one event loop, and the task reading them, while there are."""

    waiting: list[Waiting] = field(default_factory=list)
    task: asyncio.Task[None] | None = None


class Lookups:
    """The public documents, looked up from the event loop (see above)."""

    def __init__(self, read_side: ReadSide, most_in_a_turn: int = MOST_IN_A_TURN) -> None:
        self.read_side = read_side
        self.most_in_a_turn = most_in_a_turn
        self._loops: WeakKeyDictionary[asyncio.AbstractEventLoop, _Turns] = WeakKeyDictionary()

    async def document(
        self, kind: str, key: str, on: date, wait_for: int | None
    ) -> Document | None:
        """The document a lookup of ``key`` sends on ``on`` (``documents.find``), once the
        read side reflects ``wait_for``."""
        question = questions.public_document(kind, key, on=on)
        found, remembered = self.read_side.remembered.recall(question.key, wait_for)
        if found:
            answer: Document | None = remembered
            return answer
        if wait_for is not None:  # it may wait for the projection: not in a shared turn
            return await to_thread.run_sync(self.read_side.ask, question, wait_for)
        document: Document | None = await self._gathered(question.key, ("document", kind, on), key)
        return document

    async def timeline(self, code: str) -> list[timeline.Milestone]:
        """The product's public timeline (``timeline.of_product``), as the read side
        reflects it now; not remembered (the page showing it is)."""
        changes: list[timeline.Milestone] = await self._gathered(None, TIMELINES, code)
        return changes

    def _gathered(
        self, remember_as: Hashable | None, family: Family, key: str
    ) -> asyncio.Future[Any]:
        """What the turn that reads ``key`` with the rest of its family will answer."""
        loop = asyncio.get_running_loop()
        turns = self._loops.setdefault(loop, _Turns())  # one server has one loop; tests, more
        future: asyncio.Future[Any] = loop.create_future()
        turns.waiting.append((remember_as, family, key, future))
        if turns.task is None:  # a context of its own: no request's log context is carried
            turns.task = loop.create_task(self._take_turns(turns), context=Context())
        return future

    async def _take_turns(self, turns: _Turns) -> None:
        """Reads what waits, a turn at a time, until nothing does."""
        turn: list[Waiting] = []
        waiting = turns.waiting
        try:
            while waiting:
                turn = waiting[: self.most_in_a_turn]
                del waiting[: self.most_in_a_turn]
                try:
                    found = await to_thread.run_sync(self._read, turn)
                except Exception as error:  # each waiting request answers it (a problem)
                    for *_, future in turn:
                        if not future.done():
                            future.set_exception(error)
                    continue
                for _, family, key, future in turn:
                    if not future.done():  # else its request was given up meanwhile
                        future.set_result(found[family].get(key, absent(family)))
        except BaseException:  # the loop is closing: nobody is left waiting
            for *_, future in (*turn, *waiting):
                future.cancel()
            waiting.clear()
            raise
        finally:
            turns.task = None

    def _read(self, turn: list[Waiting]) -> dict[Family, dict[str, Any]]:
        """A turn's answers, one query for each family (in a worker thread); each answer to
        be remembered is remembered as ``ReadSide.ask`` would remember it."""
        wanted: defaultdict[Family, set[str]] = defaultdict(set)
        for _, family, key, _ in turn:
            wanted[family].add(key)
        remembered = self.read_side.remembered
        position = remembered.position  # before the reads: kept only if it has not moved
        found = self.read_side.connections.ask(
            lambda db: {each: read_each(db, each, sorted(keys)) for each, keys in wanted.items()}
        )
        for remember_as, family, key, _ in turn:
            if remember_as is not None:
                remembered.keep(remember_as, found[family].get(key), position)
        return found


def read_each(db: Database, family: Family, keys: list[str]) -> dict[str, Any]:
    """The answers to ``keys`` of one family, by key, in one query (those found)."""
    if family == TIMELINES:
        return timeline.of_each(db, keys)
    _, kind, on = family
    return documents.find_each(db, kind, keys, on)


def absent(family: Family) -> Any:
    """The answer to a key not found: no document, an empty timeline."""
    return [] if family == TIMELINES else None
