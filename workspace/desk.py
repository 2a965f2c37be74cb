"""What the staff workspace is handed by the composition root: the read side, the register's
intake (the same path every API write takes), the staff's accounts and sessions, the clocks,
and its templates (the public pages' layout and catalogs, with the workspace's own)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, PackageLoader

from lifecycle.events import ProductEvent
from pages.language import LANGUAGES, translations
from pages.rendering import Templates
from projections import ReadSide
from registry.orders import Order, Recorded
from storage.connections import Connections
from workspace.accounts import StaffAccounts
from workspace.sessions import Sessions

LOCALES = Path(__file__).resolve().parent / "locales"


def staff_templates() -> Templates:
    """The workspace's templates first, then the public pages' (their macros), with the
    workspace's catalog merged over the pages'."""
    loader = ChoiceLoader([PackageLoader("workspace", "templates"), PackageLoader("pages")])
    catalogs = {
        language: translations(language).merge(translations(language, LOCALES))
        for language in LANGUAGES
    }
    return Templates(loader, catalogs)


@dataclass(frozen=True)
class Desk:
    """Everything the workspace's pages read and write through."""

    read_side: ReadSide
    submit: Callable[[Order], Recorded]  # the register's intake
    events_of: Callable[[str], list[ProductEvent]]  # a product's events, for its history
    database: Connections  # the keyed orders' answers, read to see a form already recorded
    accounts: StaffAccounts
    sessions: Sessions
    today: Callable[[], date]  # the register's date (Vietnam's)
    logger: Any
    now: Callable[[], datetime] = lambda: datetime.now(UTC)  # sessions' and lock-outs' clock
    secure_cookie: bool = False  # Secure even over plain HTTP (behind a TLS proxy)
    templates: Templates = field(default_factory=staff_templates)


def open_desk(
    database: Connections,
    *,
    idle_minutes: float = 30.0,
    session_hours: float = 12.0,
    lockout_attempts: int = 5,
    lockout_minutes: float = 15.0,
) -> tuple[StaffAccounts, Sessions]:
    """The accounts and sessions tables, made if missing, with their limits."""
    accounts = StaffAccounts(
        database, lock_after=lockout_attempts, locked_for=timedelta(minutes=lockout_minutes)
    )
    sessions = Sessions(
        database, idle=timedelta(minutes=idle_minutes), lasting=timedelta(hours=session_hours)
    )
    return accounts, sessions
