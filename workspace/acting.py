"""A form of the workspace drawn with its options (one template, ``act.html``) and carried
out once by its one-time token (``forms.carry_out``): on success the page its ``Where``
names, which waits for the event; refused, the form again with the rule's message beside
its field. The inspector's, the council's hand-offs and the office's and authority's forms
all pass here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Response
from fastapi.responses import RedirectResponse

from workspace.accounts import Account
from workspace.forms import Options, Posted, carry_out, read
from workspace.inspection_acts import Act
from workspace.visit import StaffVisit


@dataclass(frozen=True)
class Where:
    """Where a form sits: the path it posts to, the page it leads back to (with the words
    for the link, for the catalogs), and the page to go to once recorded, made of the
    product's code and the event's log position."""

    action: str
    back: str
    back_label: str
    done: Callable[[str, int], str]


def record(
    visit: StaffVisit,
    member: Account,
    act: Act,
    product: dict[str, Any] | None,
    form: dict[str, str],
    options: Options,
    where: Where,
) -> Response:
    """The form's command carried out once; the form again with what was refused."""
    posted = read(act.fields, form)
    if posted.errors:
        return draw_form(visit, act, product, posted, options, where, 422)
    code = product["code"] if product else posted.values["code"]
    made = act.command
    outcome = carry_out(visit.desk, member, code, posted, lambda: made(**posted.typed(act.fields)))
    if isinstance(outcome, dict):
        refused = Posted(posted.values, outcome, posted.token)
        return draw_form(visit, act, product, refused, options, where, 409)
    return RedirectResponse(where.done(code, outcome), status_code=303)


def draw_form(
    visit: StaffVisit,
    act: Act,
    product: dict[str, Any] | None,
    posted: Posted,
    options: Options,
    where: Where,
    status: int = 200,
) -> Response:
    """The act's form for the product (none for a registration), as posted."""
    return visit.page(
        "act.html",
        status,
        title=act.title,
        product=product,
        fields=act.fields,
        values=posted.values,
        errors=posted.errors,
        form_token=posted.token,
        action=where.action,
        choices=options,
        back=where.back,
        back_label=where.back_label,
    )
