"""One visit to a page: its language, the log position it reflects (its ``ETag`` and
``Last-Modified``, and a 304 when the browser already holds it), and its rendering."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from lifecycle.errors import RegisterError
from pages.language import COOKIE, LANGUAGES, chosen
from pages.rendering import Templates
from projections import ReadSide
from projections.lookups import Lookups
from projections.timeline import reflected
from storage.sql import Database

T = TypeVar("T")
YEAR = 365 * 24 * 3600
# Pages answer HEAD as they answer GET (link checkers and some scanners ask HEAD first).
READ = ["GET", "HEAD"]
REFLECTED = ("pages", "reflected")  # the key the reflected position is remembered under
# A path a URL holds unchanged: nothing Starlette escapes or ``urlsplit`` drops.
_PLAIN_PATH = re.compile(r"[^?#\\\t\r\n]*")


@dataclass(frozen=True)
class Sources:
    """What the pages read: the read side (and its lookups from the event loop), the
    register's clock and the public base URL (``OCOP_PUBLIC_BASE_URL``; without it, the URL
    the request came to)."""

    read_side: ReadSide
    lookups: Lookups
    today: Callable[[], date]
    # How the HTTP boundary words a refusal for JSON clients (status, code, detail).
    problem: Callable[[int, str, str], Response]
    public_base_url: str | None = None
    templates: Templates = field(default_factory=Templates)


class Visit:
    """A request for a page, in the language chosen for it, as of the reflected position."""

    def __init__(
        self, sources: Sources, request: Request, reflected: tuple[int, str | None] | None = None
    ) -> None:
        self.sources, self.request = sources, request
        asked = request.query_params.get("lang")
        kept = request.cookies.get(COOKIE)
        self.language = chosen(asked, kept, request.headers.get("accept-language"))
        self.keep_language = asked in LANGUAGES and asked != kept
        accept = request.headers.get("accept", "")
        self.wants_json = "json" in accept and "text/html" not in accept
        self.today = sources.today()
        read_side = sources.read_side
        # Remembered until the in-process projector moves on (asked each time without one).
        self.position, self.last_modified = reflected or read_side.remembered.answer(
            REFLECTED, None, lambda: _reflected(read_side)
        )
        version = sources.templates.version
        self.etag = f'"{self.position}-{self.today:%Y%m%d}-{self.language}-{version}"'

    def ask(self, question: Callable[[Database], T]) -> T:
        """A question to the read models (the same the JSON API asks)."""
        return self.sources.read_side.ask(question)

    def unchanged(self) -> bool:
        """Whether the browser already holds this page as of this position (If-None-Match)."""
        held = self.request.headers.get("if-none-match")
        if not held:
            return False
        tags = {tag.strip().removeprefix("W/") for tag in held.split(",")}
        return "*" in tags or self.etag in tags

    def headers(self) -> dict[str, str]:
        """The validators and what they vary by."""
        headers = {
            "ETag": self.etag,
            "Vary": "Accept, Accept-Language, Cookie",
            "Cache-Control": "no-cache",
        }
        if self.last_modified:
            headers["Last-Modified"] = self.last_modified
        return headers

    def not_modified(self) -> Response:
        """304: the browser's copy is this page."""
        return Response(status_code=304, headers=self.headers())

    def base_url(self) -> str:
        """Where the register is published, for links that leave the page (QR codes)."""
        return (self.sources.public_base_url or str(self.request.base_url)).rstrip("/")

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        """The page rendered in the visit's language, with its validators."""
        other = "en" if self.language == "vi" else "vi"
        body = self.sources.templates.render(
            self.language,
            template,
            {
                "switch_url": self._in_language(other),
                "other_language": other,
                "today": self.today,
                **context,
            },
        )
        return HTMLResponse(body, status_code=status, headers=self.headers())

    def _in_language(self, other: str) -> str:
        """This page's address in the other language (its other parameters kept)."""
        path = self.request.scope["path"]
        if not self.request.scope.get("query_string") and _PLAIN_PATH.fullmatch(path):
            return f"{path}?lang={other}"  # most pages: what Starlette's URL makes, unparsed
        url = self.request.url.include_query_params(lang=other)
        return f"{url.path}?{url.query}"

    def answer(self, compute: Callable[[], Response]) -> Response:
        """The page ``compute`` makes, or 304 when the browser already holds it.

        A page made since the projection last moved is served again to a visit with the
        same address, language and day (see ``projections.answers``).
        """
        if self.unchanged():
            return self.not_modified()
        parts = self.sources.read_side.remembered.answer(
            self._key(), None, lambda: _parts(compute())
        )
        return self._sent(*parts)

    def made(self, page: Response, read_at: int | None) -> Response:
        """``page``, made from what was read when the projection stood at ``read_at``, sent
        and remembered (unless the projection has moved since)."""
        parts = _parts(page)
        self.sources.read_side.remembered.keep(self._key(), parts, read_at)
        return self._sent(*parts)

    def remembered(self) -> Response | None:
        """The answer if it needs no page made: a 304, or the page made since the projection
        last moved (None: it is to be made)."""
        if self.unchanged():
            return self.not_modified()
        found, parts = self.sources.read_side.remembered.recall(self._key(), None)
        return self._sent(*parts) if found else None

    def _key(self) -> tuple[Any, ...]:
        url = self.request.url
        return ("pages", self.base_url(), url.path, url.query, self.language, self.wants_json,
                self.today)  # fmt: skip

    def _sent(self, status: int, body: bytes, media_type: str | None) -> Response:
        response = Response(body, status, headers=self.headers(), media_type=media_type)
        if self.keep_language:
            response.set_cookie(COOKIE, self.language, max_age=YEAR, httponly=True, samesite="lax")
        return response

    def not_found(self, asked: str, missing: RegisterError) -> Response:
        """404 in the page's language, with a search box (a problem document to a client
        that asks for JSON)."""
        if self.wants_json:
            return self.sources.problem(404, missing.code, str(missing))
        return self.page("not_found.html", status=404, asked=asked)

    def translate(self, message: str) -> str:
        """One message in the visit's language."""
        return self.sources.templates.translate(self.language, message)


def _parts(response: Response) -> tuple[int, bytes, str | None]:
    return response.status_code, bytes(response.body), response.media_type


def _reflected(read_side: ReadSide) -> tuple[int, str | None]:
    """The reflected log position, and when its event was recorded as an HTTP date."""
    position, recorded_at = read_side.ask(reflected)
    return position, _http_date(recorded_at)


def _http_date(recorded_at: datetime | str | None) -> str | None:
    if recorded_at is None:
        return None
    if isinstance(recorded_at, str):
        recorded_at = datetime.fromisoformat(recorded_at)
    if recorded_at.tzinfo is None:
        recorded_at = recorded_at.replace(tzinfo=UTC)
    return format_datetime(recorded_at.astimezone(UTC), usegmt=True)
