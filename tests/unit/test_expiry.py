"""Expiry is not an event: a certificate reads as expired from the day after its valid-until.

It has one Python home (``Certificate.is_expired_on``) and one SQL home
(``projections.status.expired``, used by every "status on a date"); here both are asked
about the same days, the SQL one on an in-memory SQLite table, and must agree.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta

import pytest

from lifecycle.values import Certificate, Level
from projections.certificates import STATE_ON
from projections.status import STATUS_ON

VALID_UNTIL = date(2022, 10, 31)
DAYS = [VALID_UNTIL + timedelta(days=shift) for shift in (-400, -1, 0, 1, 2, 400)]
CERTIFICATE = Certificate(
    number="QN-0123-C1",
    stars=4,
    decision_ref="2656/QĐ-UBND",
    issuing_level=Level.PROVINCE,
    criteria_set="1048-2019",
    valid_from=date(2019, 11, 1),
    valid_until=VALID_UNTIL,
)


def test_the_last_valid_day_is_valid_until_and_the_next_day_reads_expired() -> None:
    assert not CERTIFICATE.is_expired_on(VALID_UNTIL)
    assert CERTIFICATE.is_expired_on(VALID_UNTIL + timedelta(days=1))
    assert not CERTIFICATE.is_expired_on(CERTIFICATE.valid_from)


def read_on(case: str, alias: str, column: str, stored: str, day: date) -> str:
    """``case`` evaluated on one row (``alias``.``column`` = ``stored``) on ``day``."""
    with closing(sqlite3.connect(":memory:")) as db:
        db.execute(f"CREATE TABLE t ({column} TEXT, valid_until DATE)")
        db.execute("INSERT INTO t VALUES (?, ?)", (stored, VALID_UNTIL.isoformat()))
        (answer,) = db.execute(f"SELECT {case} FROM t {alias}", (day.isoformat(),)).fetchone()
    return str(answer)


@pytest.mark.parametrize("day", DAYS, ids=str)
@pytest.mark.parametrize("stored", ["certified", "suspended"])
def test_a_standing_certificate_reads_expired_in_sql_exactly_when_in_python(
    stored: str, day: date
) -> None:
    expected = "expired" if CERTIFICATE.is_expired_on(day) else stored
    assert read_on(STATUS_ON, "s", "status", stored, day) == expected


@pytest.mark.parametrize("day", DAYS, ids=str)
@pytest.mark.parametrize(("state", "reads"), [("current", "certified"), ("suspended", "suspended")])
def test_a_live_certificate_by_number_reads_expired_exactly_when_in_python(
    state: str, reads: str, day: date
) -> None:
    expected = "expired" if CERTIFICATE.is_expired_on(day) else reads
    assert read_on(STATE_ON, "c", "state", state, day) == expected


@pytest.mark.parametrize("day", DAYS, ids=str)
@pytest.mark.parametrize("stored", ["participating", "revoked", "removed"])
def test_a_status_without_a_standing_certificate_never_reads_expired(
    stored: str, day: date
) -> None:
    assert read_on(STATUS_ON, "s", "status", stored, day) == stored
