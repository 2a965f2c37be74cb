"""The council's hand-offs: forwarding a product it scored to the province, or proposing it
to the central level as potential 5 stars, on its own latest evaluation, by the same use
cases and rules as the API's (``lifecycle/handing_on.py``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response

from lifecycle.values import PRODUCT_CODE
from pages.words import N_
from workspace.accounts import Account
from workspace.acting import Where, draw_form, record
from workspace.council_acts import HAND_OFFS
from workspace.councils import COUNCIL, COUNCILS, scored
from workspace.desk import Desk
from workspace.forms import Posted, new_token
from workspace.visit import StaffVisit, form_of

Code = Annotated[str, Path(pattern=PRODUCT_CODE.pattern)]
Way = Annotated[str, Path(pattern="^(" + "|".join(HAND_OFFS) + ")$")]
Form = Annotated[dict[str, str], Depends(form_of)]
BACK = N_("Back to the score sheet")


def routes(desk: Desk) -> APIRouter:
    """The forms to forward and to propose a product."""
    router = APIRouter()

    @router.get(COUNCILS + "/{code}/{way}")
    def hand_off_page(request: Request, code: Code, way: Way) -> Response:
        """The form to hand the product on (forward or propose)."""
        visit = StaffVisit(desk, request)

        def draw(member: Account) -> Response:
            product, _criteria = scored(visit, member, code, HAND_OFFS[way][1].change)
            posted = Posted({}, {}, new_token())
            return draw_form(visit, HAND_OFFS[way][1], product, posted, {}, _where(code, way))

        return visit.serve(COUNCIL, draw)

    @router.post(COUNCILS + "/{code}/{way}")
    def hand_off_posted(request: Request, code: Code, way: Way, form: Form) -> Response:
        """The hand-off, carried out once; the form again with what was refused."""
        visit = StaffVisit(desk, request, form)

        def hand_on(member: Account) -> Response:
            act = HAND_OFFS[way][1]
            product, _criteria = scored(visit, member, code, act.change)
            return record(visit, member, act, product, form, {}, _where(code, way))

        return visit.serve(COUNCIL, hand_on)

    return router


def _where(code: str, way: str) -> Where:
    """The hand-off's form, back to the score sheet, and once recorded the council's list."""
    return Where(
        f"{COUNCILS}/{code}/{way}",
        f"{COUNCILS}/{code}",
        BACK,
        lambda code, position: f"{COUNCILS}?done={way}&code={code}&position={position}",
    )
