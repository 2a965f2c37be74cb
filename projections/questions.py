"""The questions the API asks of the read models, each for ``ReadSide.ask``.

A question is a function of a database connection, made here from what is asked:
``read_side.ask(questions.public_product(code, on=today), wait_for=position)``. The public
lookups by product code and by certificate number read a stored document (``documents``)
and are ``Remembered``: a read side told where the projection is (``ReadSide.projected_to``)
answers them again from memory until the projection moves.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, Generic, TypeVar

from projections import (
    audit,
    certificates,
    deadlines,
    documents,
    hand_offs,
    milestones,
    public_register,
    renewals,
    status,
)
from storage.sql import Database

T = TypeVar("T")
Answer = dict[str, Any]


@dataclass(frozen=True)
class Remembered(Generic[T]):
    """A question whose answer may be remembered, under ``key``, until the projection moves."""

    key: Hashable
    question: Callable[[Database], T]

    def __call__(self, db: Database) -> T:
        return self.question(db)


def product_status(code: str, *, on: date) -> Callable[[Database], Answer | None]:
    """The product's whole status row as auditors read it, with its status on ``on``."""

    def question(db: Database) -> Answer | None:
        row = status.find(db, code, on)
        if row is None:
            return None
        return {**status.described(row), "hand_offs": hand_offs.of_product(db, row["product_id"])}

    return question


def public_product(code: str, *, on: date) -> Remembered[Answer | None]:
    """What anyone may read of a product, with the reasons on its live certificate."""

    def question(db: Database) -> Answer | None:
        row = status.find(db, code, on)
        if row is None:
            return None
        return documents.product_answer(
            row, certificates.reasons(db, row["certificate_number"]), on
        )

    return Remembered(("product", code, on), question)


def public_document(kind: str, key: str, *, on: date) -> Remembered[documents.Document | None]:
    """The stored public answer (``documents.PRODUCT`` by code, ``documents.CERTIFICATE`` by
    number) as sent on ``on``: its bytes and ETag."""
    return Remembered(
        ("document", kind, key, on), partial(documents.find, kind=kind, key=key, on=on)
    )


def public_certificate(number: str, *, on: date) -> Remembered[Answer | None]:
    """What anyone may read of a certificate, found by its number."""
    return Remembered(
        ("certificate", number, on), partial(certificates.public_certificate, number=number, on=on)
    )


def search(
    *, q: str | None = None, province: str | None = None, district: str | None = None,
    group: str | None = None, stars: int | None = None, status: str | None = None,
    page: int = 1, page_size: int = 20, on: date,
) -> Callable[[Database], tuple[list[Answer], int]]:  # fmt: skip
    """One page of the public register, and how many products match in all."""
    return partial(
        public_register.search, q=q, province=province, district=district, group=group,
        stars=stars, status_is=status, page=page, page_size=page_size, on=on,
    )  # fmt: skip


def statistics(
    *, start: date, end: date, province: str | None = None, on: date
) -> Callable[[Database], Answer]:
    """Counts over the period [start, end], and counts now (as of ``on``)."""
    return partial(milestones.statistics, start=start, end=end, province=province, on=on)


def audit_trail(*, after: int = 0, limit: int = 100) -> Callable[[Database], list[Answer]]:
    """Audit rows with a log position after ``after``, in log order."""
    return partial(audit.trail, after=after, limit=limit)


def product_events(code: str) -> Callable[[Database], list[Answer]]:
    """Every event of one product, in order, from the audit trail."""
    return partial(audit.of_product, code=code)


def expiring(
    *, on: date, within_days: int, province: str | None = None
) -> Callable[[Database], list[Answer]]:
    """Certificates valid on ``on`` that expire within ``within_days`` days."""
    return partial(deadlines.expiring, on=on, within_days=within_days, province=province)


def overdue_corrections(
    *, on: date, province: str | None = None
) -> Callable[[Database], list[Answer]]:
    """Suspensions whose corrective deadline passed before ``on``."""
    return partial(deadlines.overdue, on=on, province=province)


def due_for_notice(
    *, on: date, within_days: int, province: str | None = None
) -> Callable[[Database], list[Answer]]:
    """Certificates standing on ``on`` whose renewal notice is due within ``within_days``."""
    return partial(renewals.due_for_notice, on=on, within_days=within_days, province=province)
