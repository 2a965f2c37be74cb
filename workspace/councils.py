"""The council's pages: the products handed to its level in its province, and one product's
score sheet: the criteria set in force with its parts' maxima and bonus kinds, each member's
sheet saved as a draft (``score_drafts.py``), the running average and its band; submitting
records the evaluation, and the council hands the product on as its set provides, all by the
same use cases and rules as the API's."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import RedirectResponse

from lifecycle.authority import Change, check_may_open
from lifecycle.commands import RecordEvaluation
from lifecycle.criteria import CriteriaSet
from lifecycle.errors import RegisterError
from lifecycle.handoffs import hand_offs_under
from lifecycle.legacy_sets import criteria_for
from lifecycle.scoring_figures import MANDATORY_STAR_LEVELS
from lifecycle.values import PRODUCT_CODE, Role
from pages.words import N_
from projections import questions, worklist
from workspace.accounts import Account
from workspace.council_acts import BONUS_WORDS, EVALUATED, EVALUATION_FIELDS, HAND_OFFS
from workspace.desk import Desk
from workspace.forms import Errors, carry_out, new_token, read
from workspace.offered import grouping
from workspace.refusals import beside_field
from workspace.score_drafts import ScoreDrafts
from workspace.score_sheet import latest_evaluation, mandatory_met_for, read_sheet, tally
from workspace.visit import NOT_FOUND, PATH, StaffVisit, form_of

COUNCILS = f"{PATH}/councils"
NO_SET = N_("No criteria set is in force for this product's province today.")
NOT_A_COUNT = N_("Write the number of members, for example 7.")
Code = Annotated[str, Path(pattern=PRODUCT_CODE.pattern)]
Form = Annotated[dict[str, str], Depends(form_of)]
COUNCIL = (Role.EVALUATION_COUNCIL,)


def routes(desk: Desk) -> APIRouter:
    """The council's list, its score sheet, the drafts and the evaluation."""
    router, drafts = APIRouter(), ScoreDrafts(desk.database)

    @router.get(COUNCILS)
    def handed_page(request: Request) -> Response:
        """The products handed to the council's level in its province."""
        visit = StaffVisit(desk, request)
        return visit.serve(COUNCIL, lambda member: _handed(visit, member))

    @router.get(COUNCILS + "/go")
    def go(request: Request) -> Response:
        """From a product code typed into the list to its score sheet."""
        return StaffVisit(desk, request).to_product(COUNCIL, lambda code: f"{COUNCILS}/{code}")

    @router.get(COUNCILS + "/{code}")
    def sheet_page(request: Request, code: Code) -> Response:
        """The product's score sheet, with the drafts saved and the running tally."""
        visit = StaffVisit(desk, request)
        return visit.serve(COUNCIL, lambda member: _sheet(visit, drafts, member, code, {}, {}))

    @router.post(COUNCILS + "/{code}/sheets")
    def sheet_saved(request: Request, code: Code, form: Form) -> Response:
        """One member's sheet, checked by the register's rules and kept as a draft (or the
        draft of one member removed)."""
        visit = StaffVisit(desk, request, form)

        def save(member: Account) -> Response:
            _product, criteria = scored(visit, member, code, Change.EVALUATE)
            if form.get("remove"):  # a sheet saved by mistake (a member who did not score)
                drafts.discard(member.actor, code, form.get("member", ""))
                return _sheet(visit, drafts, member, code, {}, {})
            sheet, errors = read_sheet(criteria, form)
            if errors:
                return _sheet(visit, drafts, member, code, form, errors, 422)
            drafts.save(member.actor, code, sheet, visit.now)
            done = {"saved": sheet.member}
            return _sheet(visit, drafts, member, code, {}, {}, 200, done)

        return visit.serve(COUNCIL, save)

    @router.post(COUNCILS + "/{code}/evaluation")
    def evaluation_posted(request: Request, code: Code, form: Form) -> Response:
        """The council's evaluation from its saved sheets, carried out once."""
        visit = StaffVisit(desk, request, form)

        def record(member: Account) -> Response:
            scored(visit, member, code, Change.EVALUATE)
            posted = read(EVALUATION_FIELDS, form)
            count = posted.values["council_members"]
            if count and not (count.isdigit() and len(count) < 4):
                posted.errors["council_members"] = (NOT_A_COUNT, {})
            if posted.errors:
                return _sheet(visit, drafts, member, code, form, posted.errors, 422)
            sheets = drafts.sheets(member.actor, code)
            values = {**posted.typed(EVALUATION_FIELDS), "council_members": int(count)}
            outcome = carry_out(
                desk,
                member,
                code,
                posted,
                lambda: RecordEvaluation(
                    **values, sheets=sheets, mandatory_met_for=mandatory_met_for(form)
                ),
            )
            if isinstance(outcome, dict):
                return _sheet(visit, drafts, member, code, form, outcome, 409)
            drafts.discard(member.actor, code)
            return RedirectResponse(f"{COUNCILS}/{code}?position={outcome}", status_code=303)

        return visit.serve(COUNCIL, record)

    return router


def _handed(visit: StaffVisit, member: Account) -> Response:
    actor, position = member.actor, visit.request.query_params.get("position", "")
    if position.isdigit() and len(position) < 19:
        visit.desk.read_side.wait_for(int(position), timeout=5.0)  # show the change just made
    done, code = (visit.request.query_params.get(k, "") for k in ("done", "code"))
    level = actor.level.value if actor.level else ""
    handed = worklist.handed_to(level=level, province=actor.province, on=visit.today)
    return visit.page(
        "councils.html",
        handed=visit.desk.read_side.ask(handed),
        done=HAND_OFFS[done][1].done if done in HAND_OFFS and PRODUCT_CODE.fullmatch(code) else "",
        done_code=code,
    )


def scored(
    visit: StaffVisit, member: Account, code: str, change: Change
) -> tuple[dict[str, Any], CriteriaSet]:
    """The product and the criteria set in force for it today, if the member's council may
    make ``change`` to it (whether the council still stands is judged on the act's date)."""
    product = visit.desk.read_side.ask(questions.product_status(code, on=visit.today))
    if product is None:
        raise visit.refused(404, NOT_FOUND)
    try:
        check_may_open(member.actor, change, str(product["province"]), visit.today)
    except RegisterError as error:
        [(message, variables)] = beside_field(error).values()
        raise visit.refused(403, message, **variables) from None
    criteria = criteria_for(str(product["province"]), visit.today)
    if criteria is None:
        raise visit.refused(409, NO_SET)
    return product, criteria


def _sheet(
    visit: StaffVisit,
    drafts: ScoreDrafts,
    member: Account,
    code: str,
    values: dict[str, str],
    errors: Errors,
    status: int = 200,
    saved: dict[str, str] | None = None,
) -> Response:
    product, criteria = scored(visit, member, code, Change.EVALUATE)
    position = visit.request.query_params.get("position", "")
    if position.isdigit() and len(position) < 19:
        visit.desk.read_side.wait_for(int(position), timeout=5.0)
    level = member.actor.level
    steps = hand_offs_under(criteria.id).steps
    return visit.page(
        "score_sheet.html",
        status,
        product=product,
        criteria=criteria,
        tally=tally(criteria, drafts.sheets(member.actor, code)),
        latest=latest_evaluation(visit.desk.events_of(code)),
        ways=[
            w
            for w, (kind, _a) in HAND_OFFS.items()
            if any(s.kind is kind and s.from_level is level for s in steps)
        ],
        hand_offs=HAND_OFFS,
        bonus_words=BONUS_WORDS,
        mandatory_levels=MANDATORY_STAR_LEVELS,
        fields=EVALUATION_FIELDS,
        choices=grouping(criteria),
        values=values,
        errors=errors,
        saved=saved or {},
        recorded=EVALUATED if position else "",
        form_token=new_token(),
        base=f"{COUNCILS}/{code}",
    )
