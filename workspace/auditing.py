"""The auditor's pages, read-only: the global log of every province, page by page; one
product's history with its state after each event, and its state on a date or as the
register knew it at a moment; and what can be told now of the log's verification."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response

from lifecycle.describe import describe_state, history_of
from lifecycle.errors import RegisterError
from lifecycle.history import state_at, steps
from lifecycle.values import PRODUCT_CODE, Role
from pages.words import N_
from projections import log_check, questions
from workspace.accounts import Account
from workspace.desk import Desk
from workspace.forms import BAD_DATE, Errors
from workspace.visit import NOT_FOUND, PATH, StaffVisit

LOG = f"{PATH}/log"
PER_PAGE = 50
AUDITOR = (Role.AUDITOR,)
NOT_YET = N_("The product was not yet on the register then.")
BAD_MOMENT = N_("Write the moment as year-month-day and time, for example 2025-12-31 17:00.")
Code = Annotated[str, Path(pattern=PRODUCT_CODE.pattern)]


def routes(desk: Desk) -> APIRouter:
    """The global log, a product's history, the log's verification."""
    router = APIRouter()

    @router.get(LOG)
    def log_page(request: Request) -> Response:
        """Every event of every province, in log order, ``PER_PAGE`` at a time."""
        visit = StaffVisit(desk, request)
        asked = request.query_params.get("after", "0")
        after = int(asked) if asked.isdigit() and len(asked) < 19 else 0

        def draw(member: Account) -> Response:
            rows = desk.read_side.ask(questions.audit_trail(after=after, limit=PER_PAGE))
            following = rows[-1]["position"] if len(rows) == PER_PAGE else None
            return visit.page("log.html", rows=rows, after=after, following=following)

        return visit.serve(AUDITOR, draw)

    @router.get(LOG + "/verification")
    def verification_page(request: Request) -> Response:
        """What can be told now of the public log: checkpoints, the tree, missing events."""
        visit = StaffVisit(desk, request)
        return visit.serve(
            AUDITOR,
            lambda member: visit.page(
                "verification.html", log=desk.read_side.ask(log_check.verification)
            ),
        )

    @router.get(LOG + "/products/{code}")
    def history_page(request: Request, code: Code) -> Response:
        """The product's history, and its state as of a date or as known at a moment."""
        visit = StaffVisit(desk, request)
        return visit.serve(AUDITOR, lambda member: _history(visit, code))

    return router


def _history(visit: StaffVisit, code: str) -> Response:
    try:
        events = visit.desk.events_of(code)
    except RegisterError:
        raise visit.refused(404, NOT_FOUND) from None
    query = visit.request.query_params
    as_of, known_at, errors = _when(query.get("as_of", ""), query.get("known_at", ""))
    state: dict[str, Any] | None = None
    if not errors and (as_of or known_at):
        try:
            product = state_at(events, as_of=as_of, known_at=known_at)
            state = describe_state(product, as_of or visit.today)
        except RegisterError:
            errors["as_of"] = (NOT_YET, {})
    return visit.page(
        "history.html",
        status=422 if errors else 200,
        code=code,
        entries=history_of(steps(events)),
        state=state,
        as_of=query.get("as_of", "")[:10],
        known_at=query.get("known_at", "")[:25],
        errors=errors,
    )


def _when(as_of: str, known_at: str) -> tuple[date | None, datetime | None, Errors]:
    """The date and the moment asked for, each checked."""
    errors: Errors = {}
    day, moment = None, None
    if as_of:
        try:
            day = date.fromisoformat(as_of[:10])
        except ValueError:
            errors["as_of"] = (BAD_DATE, {})
    if known_at:
        try:
            moment = datetime.fromisoformat(known_at[:25])
        except ValueError:
            errors["known_at"] = (BAD_MOMENT, {})
    return day, moment, errors
