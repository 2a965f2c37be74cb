"""The register page's filters, read from the query string: each malformed one is reported
beside its field (a message for the catalogs), and the search runs only without any."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from lifecycle.values import Status
from pages.words import N_

STARS = (3, 4, 5)
MOST_PAGES = 10_000
TEXT_MOST = {"q": 200, "province": 100, "district": 100}
TOO_LONG = N_("This is too long: at most %(most)s characters.")
BAD_STARS = N_("Choose 3, 4 or 5 stars.")
BAD_STATUS = N_("Choose a status from the list.")
BAD_GROUP = N_("Choose a product group from the list.")
BAD_PAGE = N_("The page must be a whole number from 1 to 10000.")
BAD_DATE = N_("Write the date as year-month-day, for example 2025-12-31.")
REVERSED = N_("The end of the period is before its start.")


@dataclass
class Search:
    """What the register is searched for, and what was wrong with the query, by field."""

    text: dict[str, str | None] = field(default_factory=dict)
    group: str | None = None
    stars: int | None = None
    status: str | None = None
    page: int = 1
    errors: dict[str, tuple[str, dict[str, object]]] = field(default_factory=dict)


def read_search(query: Mapping[str, str], groups: Mapping[str, str]) -> Search:
    """The register's filters from the query string (empty fields are no filter)."""
    search = Search()
    for name, most in TEXT_MOST.items():
        value = (query.get(name) or "").strip() or None
        if value is not None and len(value) > most:
            search.errors[name] = (TOO_LONG, {"most": most})
        search.text[name] = value
    if group := query.get("group"):
        if group in groups:
            search.group = group
        else:
            search.errors["group"] = (BAD_GROUP, {})
    if stars := query.get("stars"):
        if stars.isdecimal() and int(stars) in STARS:
            search.stars = int(stars)
        else:
            search.errors["stars"] = (BAD_STARS, {})
    if status := query.get("status"):
        if status in {s.value for s in Status}:
            search.status = status
        else:
            search.errors["status"] = (BAD_STATUS, {})
    if page := query.get("page"):
        if page.isdecimal() and 1 <= int(page) <= MOST_PAGES:
            search.page = int(page)
        else:
            search.errors["page"] = (BAD_PAGE, {})
    return search


def read_day(value: str | None, default: date) -> date | None:
    """A date written year-month-day (the default when empty); None when malformed."""
    if not value:
        return default
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None
