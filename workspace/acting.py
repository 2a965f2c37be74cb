"""An office's or an authority's form drawn with its options, and carried out once by its
one-time token (``forms.carry_out``): on success the products' page, which waits for the
event; refused, the form again with the rule's message beside its field."""

from __future__ import annotations

from typing import Any

from fastapi import Response
from fastapi.responses import RedirectResponse

from pages.words import N_
from workspace.accounts import Account
from workspace.forms import Options, Posted, carry_out, read
from workspace.inspection_acts import Act
from workspace.visit import PATH, StaffVisit

PRODUCTS = f"{PATH}/products"
BACK = N_("Back to the product")
BACK_TO_ALL = N_("Back to the products")


def record(
    visit: StaffVisit,
    member: Account,
    act: Act,
    product: dict[str, Any] | None,
    action: str,
    form: dict[str, str],
    options: Options,
) -> Response:
    """The form's command carried out once; the form again with what was refused."""
    posted = read(act.fields, form)
    if posted.errors:
        return draw_form(visit, act, product, action, posted, options, 422)
    code = product["code"] if product else posted.values["code"]
    made = act.command
    outcome = carry_out(visit.desk, member, code, posted, lambda: made(**posted.typed(act.fields)))
    if isinstance(outcome, dict):
        refused = Posted(posted.values, outcome, posted.token)
        return draw_form(visit, act, product, action, refused, options, 409)
    name = "register" if product is None else action.rsplit("/", 1)[-1]
    done = f"{PRODUCTS}/{code}?done={name}&position={outcome}"
    return RedirectResponse(done, status_code=303)


def draw_form(
    visit: StaffVisit,
    act: Act,
    product: dict[str, Any] | None,
    action: str,
    posted: Posted,
    options: Options,
    status: int,
) -> Response:
    return visit.page(
        "act.html",
        status,
        title=act.title,
        product=product,
        fields=act.fields,
        values=posted.values,
        errors=posted.errors,
        form_token=posted.token,
        action=action,
        choices=options,
        back=f"{PRODUCTS}/{product['code']}" if product else PRODUCTS,
        back_label=BACK if product else BACK_TO_ALL,
    )
