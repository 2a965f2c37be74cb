"""The public register as people read it: server-rendered pages in Vietnamese (by default)
and English, QR labels and GS1 Digital Link, over the same read-side queries as the JSON API.

Only the composition root imports this room; it hands the pages their ``Sources``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import APIRouter, Request, Response

from pages import labels, product, register, transparency
from pages.visit import READ, Sources

__all__ = ["Sources", "public_pages"]

STYLE = (Path(__file__).resolve().parent / "static" / "pages.css").read_bytes()
STYLE_TAG = f'"{hashlib.sha256(STYLE).hexdigest()[:16]}"'


def public_pages(sources: Sources) -> APIRouter:
    """Every public page, the QR labels and the pages' style sheet."""
    router = APIRouter(include_in_schema=False)
    for part in (register, product, labels, transparency):
        router.include_router(part.routes(sources))

    @router.api_route("/static/pages.css", methods=READ)
    def style(request: Request) -> Response:
        """The one style sheet (no scripts are needed to read any page)."""
        headers = {"ETag": STYLE_TAG, "Cache-Control": "public, max-age=86400"}
        if request.headers.get("if-none-match") == STYLE_TAG:
            return Response(status_code=304, headers=headers)
        return Response(STYLE, media_type="text/css", headers=headers)

    return router
