"""The programme office's and the certifying authority's pages: a product found by its code
with the acts the member's role may take on it, and their forms: register, correct,
transfer, remove (the office), certify from an evaluation and revoke (the authority), with a
link to print the certificate's QR label (the public site's ``/p/{code}/label``). Each form
is carried out by the same use cases and rules as the API's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import RedirectResponse

from lifecycle.authority import ROLE_FOR, Change, check_may_open
from lifecycle.errors import RegisterError
from lifecycle.values import PRODUCT_CODE, Role
from pages.words import N_
from projections import questions
from workspace import offered
from workspace.accounts import Account
from workspace.acting import Where, draw_form, record
from workspace.desk import Desk
from workspace.forms import Options, Posted, new_token
from workspace.inspection_acts import Act
from workspace.office_acts import ACTS, REGISTER
from workspace.refusals import beside_field
from workspace.score_sheet import latest_evaluation
from workspace.visit import NOT_FOUND, PATH, StaffVisit, form_of

PRODUCTS = f"{PATH}/products"
BACK = N_("Back to the product")
BACK_TO_ALL = N_("Back to the products")
Code = Annotated[str, Path(pattern=PRODUCT_CODE.pattern)]
ActName = Annotated[str, Path(pattern="^(" + "|".join(ACTS) + ")$")]
Form = Annotated[dict[str, str], Depends(form_of)]
DESKS = (Role.PROGRAMME_OFFICE, Role.CERTIFYING_AUTHORITY)


def routes(desk: Desk) -> APIRouter:
    """The products' pages and the office's and authority's forms."""
    router = APIRouter()

    @router.get(PRODUCTS)
    def find_page(request: Request) -> Response:
        """Find a product by its code; the office registers a new one."""
        visit = StaffVisit(desk, request)
        code = request.query_params.get("code", "").strip()

        def draw(member: Account) -> Response:
            if PRODUCT_CODE.fullmatch(code):
                return RedirectResponse(f"{PRODUCTS}/{code}", status_code=303)
            return visit.page("products.html", code=code)

        return visit.serve(DESKS, draw)

    @router.get(PRODUCTS + "/new")
    def register_page(request: Request) -> Response:
        """The office's registration form."""
        visit = StaffVisit(desk, request)
        return visit.serve((Role.PROGRAMME_OFFICE,), lambda member: _new(visit, member, {}))

    @router.post(PRODUCTS + "/new")
    def register_posted(request: Request, form: Form) -> Response:
        """The registration, carried out once; the form again with what was refused."""
        visit = StaffVisit(desk, request, form)
        return visit.serve((Role.PROGRAMME_OFFICE,), lambda member: _new(visit, member, form))

    @router.get(PRODUCTS + "/{code}")
    def product_page(request: Request, code: Code) -> Response:
        """The product, and the acts the member's role may take on it."""
        visit = StaffVisit(desk, request)

        def draw(member: Account) -> Response:
            done = _done(visit)  # waits for the change just recorded, if any
            product = _product(visit, member, code, None)
            role = member.actor.role
            mine = [name for name, act in ACTS.items() if ROLE_FOR[act.change] is role]
            return visit.page("product_desk.html", product=product, acts=ACTS, mine=mine, done=done)

        return visit.serve(DESKS, draw)

    @router.get(PRODUCTS + "/{code}/{act}")
    def act_page(request: Request, code: Code, act: ActName) -> Response:
        """One of the office's or the authority's forms for one product."""
        visit = StaffVisit(desk, request)
        return visit.serve(_role(act), lambda member: _act(visit, member, code, act, {}))

    @router.post(PRODUCTS + "/{code}/{act}")
    def act_posted(request: Request, code: Code, act: ActName, form: Form) -> Response:
        """The form's command, carried out once; the form again with what was refused."""
        visit = StaffVisit(desk, request, form)
        return visit.serve(_role(act), lambda member: _act(visit, member, code, act, form))

    return router


def _role(act: str) -> tuple[Role]:
    return (ROLE_FOR[ACTS[act].change],)


def _act(
    visit: StaffVisit, member: Account, code: str, name: str, form: dict[str, str]
) -> Response:
    act = ACTS[name]
    product = _product(visit, member, code, act)
    if act.change is Change.CERTIFY:  # the evaluation a certificate rests on, shown with it
        product["latest_evaluation"] = latest_evaluation(visit.desk.events_of(code))
    options = _options(visit, member, name, product)
    where = Where(f"{PRODUCTS}/{code}/{name}", f"{PRODUCTS}/{code}", BACK, _done_url(name))
    if visit.request.method == "GET":
        return draw_form(visit, act, product, Posted({}, {}, new_token()), options, where)
    return record(visit, member, act, product, form, options, where)


def _options(visit: StaffVisit, member: Account, name: str, product: dict[str, Any]) -> Options:
    if name == "certify":
        events = visit.desk.events_of(product["code"])
        return offered.stars(member.actor, str(product["province"]), events, visit.today)
    if name in ("remove", "revoke"):
        return {"reason": offered.reasons()[name]}
    return offered.owning() if name == "transfer" else {}


def _done_url(name: str) -> Callable[[str, int], str]:
    """Where a recorded form goes: the product's page, saying what was done."""
    return lambda code, position: f"{PRODUCTS}/{code}?done={name}&position={position}"


def _done(visit: StaffVisit) -> str:
    """What the product's page says of the change just recorded (after waiting for it)."""
    params = visit.request.query_params
    done, position = params.get("done", ""), params.get("position", "")
    if position.isdigit() and len(position) < 19:
        visit.desk.read_side.wait_for(int(position), timeout=5.0)  # show the change just made
    chosen = REGISTER if done == "register" else ACTS.get(done)
    return chosen.done if chosen else ""


def _product(visit: StaffVisit, member: Account, code: str, act: Act | None) -> dict[str, Any]:
    """The product, if the member may take ``act`` on it (or, with none, read it)."""
    product = visit.desk.read_side.ask(questions.product_status(code, on=visit.today))
    if product is None:
        raise visit.refused(404, NOT_FOUND)
    change = (
        act.change
        if act
        else next(a.change for a in ACTS.values() if ROLE_FOR[a.change] is member.actor.role)
    )
    try:
        check_may_open(member.actor, change, str(product["province"]), visit.today)
    except RegisterError as error:
        [(message, variables)] = beside_field(error).values()
        raise visit.refused(403, message, **variables) from None
    return product


def _new(visit: StaffVisit, member: Account, form: dict[str, str]) -> Response:
    province = member.actor.province or ""
    try:
        check_may_open(member.actor, REGISTER.change, province, visit.today)
    except RegisterError as error:
        [(message, variables)] = beside_field(error).values()
        raise visit.refused(403, message, **variables) from None
    options = offered.registering(province, visit.today)
    where = Where(f"{PRODUCTS}/new", PRODUCTS, BACK_TO_ALL, _done_url("register"))
    if visit.request.method == "GET":
        posted = Posted({"province": province}, {}, new_token())
        return draw_form(visit, REGISTER, None, posted, options, where)
    return record(visit, member, REGISTER, None, form, options, where)
