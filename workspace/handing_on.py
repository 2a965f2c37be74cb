"""The council's hand-offs: forwarding a product it scored to the province, or proposing it
to the central level as potential 5 stars, on its own latest evaluation, by the same use
cases and rules as the API's (``lifecycle/handing_on.py``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import RedirectResponse

from lifecycle.values import PRODUCT_CODE
from workspace.accounts import Account
from workspace.council_acts import HAND_OFFS
from workspace.councils import COUNCIL, COUNCILS, scored
from workspace.desk import Desk
from workspace.forms import Posted, carry_out, new_token, read
from workspace.visit import StaffVisit, form_of

Code = Annotated[str, Path(pattern=PRODUCT_CODE.pattern)]
Way = Annotated[str, Path(pattern="^(" + "|".join(HAND_OFFS) + ")$")]
Form = Annotated[dict[str, str], Depends(form_of)]


def routes(desk: Desk) -> APIRouter:
    """The forms to forward and to propose a product."""
    router = APIRouter()

    @router.get(COUNCILS + "/{code}/{way}")
    def hand_off_page(request: Request, code: Code, way: Way) -> Response:
        """The form to hand the product on (forward or propose)."""
        visit = StaffVisit(desk, request)

        def draw(member: Account) -> Response:
            product, _criteria = scored(visit, member, code, HAND_OFFS[way][1].change)
            return _hand_off(visit, code, way, product, Posted({}, {}, new_token()), 200)

        return visit.serve(COUNCIL, draw)

    @router.post(COUNCILS + "/{code}/{way}")
    def hand_off_posted(request: Request, code: Code, way: Way, form: Form) -> Response:
        """The hand-off, carried out once; the form again with what was refused."""
        visit = StaffVisit(desk, request, form)

        def record(member: Account) -> Response:
            act = HAND_OFFS[way][1]
            product, _criteria = scored(visit, member, code, act.change)
            posted = read(act.fields, form)
            if posted.errors:
                return _hand_off(visit, code, way, product, posted, 422)
            made = act.command
            outcome = carry_out(
                desk, member, code, posted, lambda: made(**posted.typed(act.fields))
            )
            if isinstance(outcome, dict):
                refused = Posted(posted.values, outcome, posted.token)
                return _hand_off(visit, code, way, product, refused, 409)
            done = f"{COUNCILS}?done={way}&code={code}&position={outcome}"
            return RedirectResponse(done, status_code=303)

        return visit.serve(COUNCIL, record)

    return router


def _hand_off(
    visit: StaffVisit, code: str, way: str, product: dict[str, Any], posted: Posted, status: int
) -> Response:
    act = HAND_OFFS[way][1]
    return visit.page(
        "act.html",
        status,
        title=act.title,
        product=product,
        fields=act.fields,
        values=posted.values,
        errors=posted.errors,
        form_token=posted.token,
        action=f"{COUNCILS}/{code}/{way}",
        back=f"{COUNCILS}/{code}",
    )
