"""What a query reads with: the read side, today's date and the log position it must see
first (read-your-writes), asked for as one ``ReadingDep`` by the handlers that use all three."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from api.deps import ReadAfterDep, served
from projections import ReadSide
from projections.documents import Document
from projections.lookups import Lookups
from storage.sql import Database

T = TypeVar("T")


@dataclass(frozen=True)
class Reading:
    """The read side, today's date, and the position a query waits for (None: no wait);
    with the lookups asked from the event loop."""

    read_side: ReadSide
    today: date
    position: int | None
    lookups: Lookups

    def ask(self, question: Callable[[Database], T]) -> T:
        """``question``'s answer once the read side has reached the position asked for."""
        return self.read_side.ask(question, wait_for=self.position)

    async def document(self, kind: str, key: str) -> Document | None:
        """The public document a lookup of ``key`` sends today, from the event loop (an
        ``async`` endpoint; see ``projections.lookups``)."""
        return await self.lookups.document(kind, key, self.today, self.position)


async def reading(request: Request, position: ReadAfterDep) -> Reading:
    """The read side, today and the position asked for, together (the first two taken here,
    not as dependencies of their own: each costs every public lookup its resolution)."""
    register = served(request)
    return Reading(register.read_side, register.clock(), position, register.lookups)


ReadingDep = Annotated[Reading, Depends(reading)]
