"""Signing in and out: a password opens a server-side session (``workspace/sessions.py``),
whose id goes into an ``HttpOnly``, ``SameSite=Strict`` cookie for ``/staff`` alone.

The sign-in form carries a token of its own, matched with a cookie it sets (the session's
CSRF token does the same for every later form). Failed sign-ins are counted per account and
logged; past the limit the account is locked and the page says so in its language.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from lifecycle.values import Role
from pages.words import N_
from workspace.accounts import SignInRefused
from workspace.desk import Desk
from workspace.visit import COOKIE, NO_TOKEN, PATH, StaffVisit, form_of

SIGN_IN_COOKIE = "ocop_staff_sign_in"
WRONG = N_("The name or the password is wrong.")
LOCKED = N_(
    "Too many failed attempts: this account is locked for a while. Try again later, or ask "
    "the register's administrator to reset it."
)
# Where each role's work starts (roles without pages yet see the workspace's home).
START = {Role.INSPECTOR: f"{PATH}/inspections", Role.AUDITOR: f"{PATH}/log"}
Form = Annotated[dict[str, str], Depends(form_of)]


def routes(desk: Desk) -> APIRouter:
    """The sign-in page, signing in and out, and the workspace's home."""
    router = APIRouter()

    @router.get(f"{PATH}/sign-in")
    def sign_in_page(request: Request) -> Response:
        """The sign-in form."""
        visit = StaffVisit(desk, request)
        if visit.member is not None:
            return RedirectResponse(START.get(visit.member.actor.role, PATH), status_code=303)
        return _sign_in_form(visit, "", {}, 200)

    @router.post(f"{PATH}/sign-in")
    def sign_in(request: Request, form: Form) -> Response:
        """Checks the name and password; opens a session, or says why not."""
        visit = StaffVisit(desk, request, form)
        name, kept = form.get("name", "").strip()[:200], request.cookies.get(SIGN_IN_COOKIE, "")
        if not kept or not hmac.compare_digest(kept.encode(), form.get("token", "").encode()):
            return _sign_in_form(visit, name, {"form": (NO_TOKEN, {})}, 403)
        try:
            account = desk.accounts.sign_in(name, form.get("password", ""), visit.now)
        except SignInRefused as refused:
            desk.logger.warning(
                "staff.sign_in_refused",
                account=name,
                locked=refused.locked,
                attempts=refused.attempts,
            )
            message = LOCKED if refused.locked else WRONG
            return _sign_in_form(visit, name, {"password": (message, {})}, 401)
        session_id = desk.sessions.open(account.name, visit.now)
        desk.logger.info("staff.signed_in", account=account.name, role=account.actor.role.value)
        response = RedirectResponse(START.get(account.actor.role, PATH), status_code=303)
        response.set_cookie(
            COOKIE, session_id, path=PATH, httponly=True, samesite="strict", secure=visit.secure
        )
        response.delete_cookie(SIGN_IN_COOKIE, path=PATH)
        return response

    @router.post(f"{PATH}/sign-out")
    def sign_out(request: Request, form: Form) -> Response:
        """Ends the session."""
        visit = StaffVisit(desk, request, form)

        def end(_member: object) -> Response:
            assert visit.session is not None
            desk.sessions.close(visit.session)
            response = RedirectResponse(f"{PATH}/sign-in", status_code=303)
            response.delete_cookie(COOKIE, path=PATH)
            return response

        return visit.serve(list(Role), end)

    @router.get(PATH)
    def home(request: Request) -> Response:
        """Where a member's work starts."""
        visit = StaffVisit(desk, request)
        return visit.serve(list(Role), lambda member: visit.page("home.html"))

    return router


def _sign_in_form(visit: StaffVisit, name: str, errors: dict[str, object], status: int) -> Response:
    token = secrets.token_urlsafe(24)
    response = visit.page("sign_in.html", status, name=name, errors=errors, token=token)
    response.set_cookie(
        SIGN_IN_COOKIE, token, path=PATH, httponly=True, samesite="strict", secure=visit.secure
    )
    return response
