"""The read side's queries, for the API: each can wait until the projection has reached a
log position first (read your writes), and says so if it could not in time.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any, TypeVar

from projections import audit, certificates, deadlines, milestones, public_register, status
from projections.answers import RememberedAnswers
from projections.connections import Backend, ReadSideUnavailable, backend_for
from projections.dialect import Database, Row
from projections.models import create_tables, snapshot
from projections.progress import Progress, read_progress
from projections.schema import tracked_position
from projections.waiting import Waiting

T = TypeVar("T")


class ProjectionBehind(Exception):
    """The projection did not reach the log position asked for in time."""

    def __init__(self, position: int) -> None:
        super().__init__(f"The read models have not yet reached log position {position}.")
        self.position = position


class ReadSide:
    """Queries over the read models kept in the register's own database; at most
    ``waits_at_once`` of them wait for the projection at a time (see ``waiting``)."""

    def __init__(self, backend: Backend, waits_at_once: int = 8) -> None:
        self.backend = backend
        self.remembered = RememberedAnswers()
        self.waiting = Waiting(waits_at_once)

    def projected_to(self, position: int) -> None:
        """Told by an in-process projector how far it has come (see ``answers``)."""
        self.remembered.projected_to(position)
        self.waiting.projection_moved()

    @classmethod
    def open(cls, database_url: str, waits_at_once: int = 8) -> ReadSide:
        """The read side of the store at ``database_url``; creates missing tables."""
        read_side = cls(backend_for(database_url), waits_at_once)
        with read_side._reading() as db, db.transaction():
            create_tables(db)
        return read_side

    def close(self) -> None:
        self.backend.close()

    # How far the projection has come.

    def position(self) -> int:
        """The last log position applied to the read models (0 if none)."""
        return self.ask(tracked_position, None, 0)

    def head(self) -> int:
        """The last position in the register's log (0 if empty)."""
        return self.ask(lambda db: db.head(), None, 0)

    def lag(self) -> int:
        """How many log positions the read models are behind."""
        return self.ask(lambda db: max(db.head() - tracked_position(db), 0), None, 0)

    def progress(self) -> Progress:
        """The read side's recorded progress against the log (see ``progress``)."""
        return self.ask(read_progress, None, 0)

    def wait_for(self, position: int, timeout: float = 5.0) -> bool:
        """Waits until the read models reflect the log up to ``position``; False on timeout
        (refused at once past the log's head, or when too many reads wait already)."""
        return self.waiting.until(position, timeout, self.position, self.head)

    def wait_past(self, position: int, timeout: float) -> bool:
        """Waits until the read models reflect a change after ``position`` (a live tail);
        False on timeout. Takes none of the places of read-your-writes waits."""
        return self.waiting.past(position, timeout, self.position)

    # Queries: each takes ``wait_for`` (a log position) and ``timeout``.

    def product_status(
        self, code: str, *, on: date, wait_for: int | None = None, timeout: float = 5.0
    ) -> dict[str, Any] | None:
        """The product's status row, with its status on ``on``."""

        def question(db: Database) -> dict[str, Any] | None:
            row = status.find(db, code, on)
            return status.described(row) if row else None

        return self.ask(question, wait_for, timeout)

    def public_product(
        self, code: str, *, on: date, wait_for: int | None = None, timeout: float = 5.0
    ) -> dict[str, Any] | None:
        """What anyone may read of a product, with the reasons on its live certificate."""

        def question(db: Database) -> dict[str, Any] | None:
            row = status.find(db, code, on)
            if row is None:
                return None
            return {
                **status.public(row),
                "reasons": certificates.reasons(db, row["certificate_number"]),
            }

        return self.remembered.answer(
            ("product", code, on), wait_for, lambda: self.ask(question, wait_for, timeout)
        )

    def public_certificate(
        self, number: str, *, on: date, wait_for: int | None = None, timeout: float = 5.0
    ) -> dict[str, Any] | None:
        """What anyone may read of a certificate, found by its number."""

        def question(db: Database) -> dict[str, Any] | None:
            return certificates.public_certificate(db, number, on)

        return self.remembered.answer(
            ("certificate", number, on), wait_for, lambda: self.ask(question, wait_for, timeout)
        )

    def search(
        self,
        *,
        q: str | None = None,
        province: str | None = None,
        group: str | None = None,
        stars: int | None = None,
        status: str | None = None,
        district: str | None = None,
        page: int = 1,
        page_size: int = 20,
        on: date,
        wait_for: int | None = None,
        timeout: float = 5.0,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the public register, and how many products match in all."""

        def question(db: Database) -> tuple[list[dict[str, Any]], int]:
            return public_register.search(
                db,
                q=q,
                province=province,
                district=district,
                group=group,
                stars=stars,
                status_is=status,
                page=page,
                page_size=page_size,
                on=on,
            )

        return self.ask(question, wait_for, timeout)

    def statistics(
        self,
        *,
        start: date,
        end: date,
        province: str | None = None,
        on: date,
        wait_for: int | None = None,
        timeout: float = 5.0,
    ) -> dict[str, Any]:
        """Counts over the period [start, end], and counts now (as of ``on``)."""

        def question(db: Database) -> dict[str, Any]:
            return milestones.statistics(db, start=start, end=end, province=province, on=on)

        return self.ask(question, wait_for, timeout)

    def audit_trail(
        self,
        *,
        after: int = 0,
        limit: int = 100,
        wait_for: int | None = None,
        timeout: float = 5.0,
    ) -> list[dict[str, Any]]:
        """Audit rows with a log position after ``after``, in log order."""

        def question(db: Database) -> list[dict[str, Any]]:
            return audit.trail(db, after, limit)

        return self.ask(question, wait_for, timeout)

    def product_events(
        self, code: str, *, wait_for: int | None = None, timeout: float = 5.0
    ) -> list[dict[str, Any]]:
        """Every event of one product, in order, from the audit trail."""

        def question(db: Database) -> list[dict[str, Any]]:
            return audit.of_product(db, code)

        return self.ask(question, wait_for, timeout)

    def expiring(
        self,
        *,
        on: date,
        within_days: int,
        province: str | None = None,
        wait_for: int | None = None,
        timeout: float = 5.0,
    ) -> list[dict[str, Any]]:
        """Certificates valid on ``on`` that expire within ``within_days`` days."""

        def question(db: Database) -> list[dict[str, Any]]:
            return deadlines.expiring(db, on=on, within_days=within_days, province=province)

        return self.ask(question, wait_for, timeout)

    def overdue_corrections(
        self,
        *,
        on: date,
        province: str | None = None,
        wait_for: int | None = None,
        timeout: float = 5.0,
    ) -> list[dict[str, Any]]:
        """Suspensions whose corrective deadline passed before ``on``."""

        def question(db: Database) -> list[dict[str, Any]]:
            return deadlines.overdue(db, on=on, province=province)

        return self.ask(question, wait_for, timeout)

    def snapshot(self) -> dict[str, list[Row]]:
        """Every row of every read model (for audits and tests)."""
        with self._reading() as db:
            return snapshot(db)

    def ask(
        self, question: Callable[[Database], T], wait_for: int | None = None, timeout: float = 5.0
    ) -> T:
        """Answers once the read side has reached ``wait_for``; a pooled connection that went
        stale while the database was away is replaced, and the question asked once more."""
        if wait_for is not None and not self.wait_for(wait_for, timeout):
            raise ProjectionBehind(wait_for)
        try:
            with self._reading() as db:
                return question(db)
        except ReadSideUnavailable:
            with self._reading() as db:
                return question(db)

    def _reading(self) -> AbstractContextManager[Database]:
        return self.backend.reading()
