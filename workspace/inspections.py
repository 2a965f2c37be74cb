"""The inspector's pages: the worklist of the inspector's province, and the forms to suspend
a certificate after an inspection, extend a suspension's corrective deadline and reinstate
a certificate, each carried out by the same use cases and rules as the API's."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response

from lifecycle.authority import check_may_make
from lifecycle.errors import RegisterError
from lifecycle.values import PRODUCT_CODE, Role
from pages.words import N_
from projections import questions, worklist
from workspace.accounts import Account
from workspace.acting import Where, draw_form, record
from workspace.desk import Desk
from workspace.forms import Posted, new_token
from workspace.inspection_acts import ACTS, Act
from workspace.refusals import beside_field
from workspace.visit import NOT_FOUND, PATH, StaffVisit, form_of

WORKLIST = f"{PATH}/inspections"
EXPIRING_WITHIN_DAYS = 90
BACK = N_("Back to the worklist")
Code = Annotated[str, Path(pattern=PRODUCT_CODE.pattern)]
ActName = Annotated[str, Path(pattern="^(" + "|".join(ACTS) + ")$")]
Form = Annotated[dict[str, str], Depends(form_of)]
INSPECTOR = (Role.INSPECTOR,)


def routes(desk: Desk) -> APIRouter:
    """The worklist and the inspector's three forms."""
    router = APIRouter()

    @router.get(WORKLIST)
    def worklist_page(request: Request) -> Response:
        """The inspector's province: deadlines, expiring certificates, recent inspections."""
        visit = StaffVisit(desk, request)
        return visit.serve(INSPECTOR, lambda member: _worklist(visit, member))

    @router.get(WORKLIST + "/go")
    def go(request: Request) -> Response:
        """From a product code typed into the worklist to its suspension form."""
        return StaffVisit(desk, request).to_product(
            INSPECTOR, lambda code: f"{WORKLIST}/{code}/suspend"
        )

    @router.get(WORKLIST + "/{code}/{act}")
    def act_page(request: Request, code: Code, act: ActName) -> Response:
        """One of the inspector's forms, for one product of the inspector's province."""
        visit = StaffVisit(desk, request)

        def draw(member: Account) -> Response:
            product = _product(visit, member, code, ACTS[act])
            posted = Posted({}, {}, new_token())
            return draw_form(visit, ACTS[act], product, posted, {}, _where(code, act))

        return visit.serve(INSPECTOR, draw)

    @router.post(WORKLIST + "/{code}/{act}")
    def act_posted(request: Request, code: Code, act: ActName, form: Form) -> Response:
        """The form's command, carried out once; the form again with what was refused."""
        visit = StaffVisit(desk, request, form)

        def inspect(member: Account) -> Response:
            product = _product(visit, member, code, ACTS[act])
            return record(visit, member, ACTS[act], product, form, {}, _where(code, act))

        return visit.serve(INSPECTOR, inspect)

    return router


def _worklist(visit: StaffVisit, member: Account) -> Response:
    province, today, read_side = member.actor.province or "", visit.today, visit.desk.read_side
    position = visit.request.query_params.get("position", "")
    if position.isdigit() and len(position) < 19:
        read_side.wait_for(int(position), timeout=5.0)  # show the change just recorded
    done = visit.request.query_params.get("done", "")
    code = visit.request.query_params.get("code", "")
    return visit.page(
        "worklist.html",
        province=province,
        suspended=read_side.ask(worklist.suspensions(on=today, province=province)),
        expiring=read_side.ask(
            questions.expiring(on=today, within_days=EXPIRING_WITHIN_DAYS, province=province)
        ),
        inspected=read_side.ask(worklist.inspections(province=province)),
        done=ACTS[done].done if done in ACTS and PRODUCT_CODE.fullmatch(code) else "",
        done_code=code,
        within_days=EXPIRING_WITHIN_DAYS,
    )


def _product(visit: StaffVisit, member: Account, code: str, act: Act) -> dict[str, Any]:
    """The product the form is about, if the member may make the act's change to it today."""
    product = visit.desk.read_side.ask(questions.product_status(code, on=visit.today))
    if product is None:
        raise visit.refused(404, NOT_FOUND)
    try:
        check_may_make(member.actor, act.change, str(product["province"]), visit.today)
    except RegisterError as error:
        [(message, variables)] = beside_field(error).values()
        raise visit.refused(403, message, **variables) from None
    return product


def _where(code: str, act: str) -> Where:
    """The inspector's form, back to the worklist, and once recorded the worklist again."""
    return Where(
        f"{WORKLIST}/{code}/{act}",
        WORKLIST,
        BACK,
        lambda code, position: f"{WORKLIST}?done={act}&code={code}&position={position}",
    )
