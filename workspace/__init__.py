"""The staff workspace: the register's officials at work in the browser, in Vietnamese (by
default) and English, signed in with a staff account and acting through the same use cases
and rules as the API. One module per group of pages: signing in and out
(``signing_in.py``), the inspector's worklist and forms (``inspections.py``), the council's
score sheets (``councils.py``) and hand-offs (``handing_on.py``), the programme office's
and the certifying authority's products and forms (``offices.py``), the auditor's
read-only pages (``auditing.py``).

Only the composition root imports this room; it hands the workspace its ``Desk``.
"""

from __future__ import annotations

from fastapi import APIRouter

from workspace import auditing, councils, handing_on, inspections, offices, signing_in
from workspace.desk import Desk, open_desk

__all__ = ["Desk", "open_desk", "staff_workspace"]


def staff_workspace(desk: Desk) -> APIRouter:
    """Every page of the workspace, under ``/staff``."""
    router = APIRouter(include_in_schema=False)
    for part in (signing_in, inspections, councils, handing_on, offices, auditing):
        router.include_router(part.routes(desk))
    return router
