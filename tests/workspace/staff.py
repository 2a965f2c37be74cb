"""The workspace tests' staff: one account per principal of the stories, their password,
and the sessions' clock the tests move (timeouts and lock-outs, never a sleep)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lifecycle.values import Level, Role

PASSWORD = "correct horse battery staple"
# name: (role, level, province)
STAFF: dict[str, tuple[Role, Level | None, str | None]] = {
    "qn-inspector": (Role.INSPECTOR, None, "Quảng Ninh"),
    "tq-inspector": (Role.INSPECTOR, None, "Tuyên Quang"),
    "qn-office": (Role.PROGRAMME_OFFICE, None, "Quảng Ninh"),
    "qn-council": (Role.EVALUATION_COUNCIL, Level.PROVINCE, "Quảng Ninh"),
    "qn-commune-council": (Role.EVALUATION_COUNCIL, Level.COMMUNE, "Quảng Ninh"),
    "central-council": (Role.EVALUATION_COUNCIL, Level.CENTRAL, None),
    "qn-authority": (Role.CERTIFYING_AUTHORITY, Level.PROVINCE, "Quảng Ninh"),
    "central-authority": (Role.CERTIFYING_AUTHORITY, Level.CENTRAL, None),
    "auditor": (Role.AUDITOR, None, None),
    "admin": (Role.ADMIN, None, None),
}


class Clock:
    """The sessions' clock, moved by the tests."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 29, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)
