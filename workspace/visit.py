"""One request to the staff workspace: its language (as the public pages choose it), the
member of staff signed in by the session cookie, and the pages it answers with.

Each page names the roles it serves; ``StaffVisit.serve`` answers for it: the sign-in page
without a session (401 to a form), 403 to another role, 403 to a form without its session's
CSRF token; otherwise the page the function draws for the member.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from lifecycle.values import PRODUCT_CODE, Role
from pages.language import COOKIE as LANGUAGE_COOKIE, LANGUAGES, chosen
from pages.words import N_
from workspace.accounts import Account
from workspace.desk import Desk
from workspace.sessions import Session

NOT_FOUND = N_("No product has this code.")

COOKIE = "ocop_staff"
PATH = "/staff"
MOST_FORM_BYTES = 64 * 1024
NOT_YOURS = N_("This page is not for your role.")
SIGNED_OUT = N_("Your session has ended. Sign in again; nothing was recorded.")
NO_TOKEN = N_("This form has expired or did not come from this workspace. Open it again.")


class Turned(Exception):
    """A page turned away before it is drawn (a refusal, a redirect)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


async def form_of(request: Request) -> dict[str, str]:
    """A posted form's fields (URL-encoded, the last of each name; at most 64 KiB)."""
    body = await request.body()
    if len(body) > MOST_FORM_BYTES:
        return {}
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


class StaffVisit:
    """A request to the workspace, in its language, with its session if one is live."""

    def __init__(self, desk: Desk, request: Request, form: dict[str, str] | None = None) -> None:
        self.desk, self.request, self.form = desk, request, form or {}
        asked = request.query_params.get("lang")
        kept = request.cookies.get(LANGUAGE_COOKIE)
        self.language = chosen(asked, kept, request.headers.get("accept-language"))
        self.keep_language = asked in LANGUAGES and asked != kept
        self.today = desk.today()
        self.now = desk.now()
        self.session: Session | None = None
        self.member: Account | None = None
        found = desk.sessions.find(request.cookies.get(COOKIE, ""), self.now)
        if found is not None:
            account = desk.accounts.find(found.account)
            if account is None or account.disabled:
                desk.sessions.end_all(found.account)
            else:
                self.session, self.member = found, account
                # The request's log line names who made it, as it names an API key's principal.
                request.scope.setdefault("state", {})["principal"] = account.actor.principal_id

    @property
    def secure(self) -> bool:
        """Whether cookies are marked Secure: over TLS, or always if the settings say so."""
        return self.desk.secure_cookie or self.request.url.scheme == "https"

    def serve(self, roles: Collection[Role], draw: Callable[[Account], Response]) -> Response:
        """The page ``draw`` makes for the signed-in member, if the member's role is one of
        ``roles`` and a posted form carries the session's CSRF token."""
        member, session = self.member, self.session
        if member is None or session is None:
            if self.request.method == "POST":
                return self.refused(401, SIGNED_OUT).response
            return RedirectResponse(f"{PATH}/sign-in", status_code=303)
        if member.actor.role not in roles:
            return self.refused(403, NOT_YOURS).response
        if self.request.method == "POST" and not session.carries(self.form.get("csrf", "")):
            self.desk.logger.warning("staff.csrf_refused", account=member.name)
            return self.refused(403, NO_TOKEN).response
        try:
            return draw(member)
        except Turned as turned:
            return turned.response

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        """The page in the visit's language, never cached, with the language kept."""
        other = "en" if self.language == "vi" else "vi"
        switch = self.request.url.include_query_params(lang=other)  # a form opens afresh
        body = self.desk.templates.render(
            self.language,
            template,
            {
                "switch_url": f"{switch.path}?{switch.query}",
                "other_language": other,
                "today": self.today,
                "member": self.member,
                "csrf": self.session.csrf_token if self.session else "",
                **context,
            },
        )
        response = HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})
        self.keep(response)
        return response

    def keep(self, response: Response) -> None:
        """Keeps the language chosen by the switch, as the public pages do."""
        if self.keep_language:
            response.set_cookie(
                LANGUAGE_COOKIE, self.language, max_age=365 * 24 * 3600, httponly=True
            )

    def to_product(self, roles: Collection[Role], where: Callable[[str], str]) -> Response:
        """From a product code typed into a page (``?code=``) to ``where(code)``."""
        code = self.request.query_params.get("code", "").strip()

        def go(member: Account) -> Response:
            if not PRODUCT_CODE.fullmatch(code):
                raise self.refused(404, NOT_FOUND)
            return RedirectResponse(where(code), status_code=303)

        return self.serve(roles, go)

    def refused(self, status: int, message: str, **variables: object) -> Turned:
        """A page saying why the member may not go on (a message for the catalogs)."""
        return Turned(self.page("refused.html", status, message=message, variables=variables))
