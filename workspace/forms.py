"""The workspace's forms: their fields as data (one template draws any of them), the posted
values read and checked field by field, and the command carried out once.

A form is given a one-time token when it is drawn; it goes with the order as its
idempotency key (scoped to the member), so the answer is stored with the event
(``registry/answer_store.py``): a form posted twice finds its answer and records nothing
more. A refused command stores nothing, and the same form may be posted again corrected.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from lifecycle.commands import ProductCommand, RegisterProduct
from lifecycle.errors import RegisterError
from pages.words import N_
from registry.answer_store import ANSWERS
from registry.orders import Order, Request
from workspace.accounts import Account
from workspace.desk import Desk
from workspace.refusals import WHOLE, beside_field

REQUIRED = N_("Fill this in.")
TOO_LONG = N_("This is too long: at most %(most)s characters.")
USED = N_("This form was recorded already. Open it again for another change.")
BAD_DATE = N_("Write the date as year-month-day, for example 2025-12-31.")
MOST = {"text": 500, "long": 4000, "date": 10, "choice": 200}
Errors = dict[str, tuple[str, dict[str, object]]]
# A form's options to choose from, by field: (value, label for the catalogs).
Options = dict[str, list[tuple[str, str]]]


@dataclass(frozen=True)
class Field:
    """One field of a form: its name (the command's), label and hint (for the catalogs),
    kind (``text``, ``long``, ``date`` or ``choice``: its options are the page's to offer,
    the register judges the value) and whether it may be left empty."""

    name: str
    label: str
    kind: str = "text"
    hint: str = ""
    optional: bool = False


@dataclass(frozen=True)
class Posted:
    """A form as posted: its values, what was wrong with them and its one-time token."""

    values: dict[str, str]
    errors: Errors
    token: str

    def typed(self, fields: tuple[Field, ...]) -> dict[str, Any]:
        """The values as the command takes them (dates as dates)."""
        values = self.values
        return {
            f.name: date.fromisoformat(values[f.name]) if f.kind == "date" else values[f.name]
            for f in fields
        }


def new_token() -> str:
    """A form's one-time token (its idempotency key)."""
    return secrets.token_urlsafe(24)


def read(fields: tuple[Field, ...], form: Mapping[str, str]) -> Posted:
    """The posted values of ``fields``, each checked for presence, length and shape."""
    values = {f.name: form.get(f.name, "").strip() for f in fields}
    errors: Errors = {}
    for f in fields:
        value = values[f.name]
        if not value and not f.optional:
            errors[f.name] = (REQUIRED, {})
        elif len(value) > MOST[f.kind]:
            errors[f.name] = (TOO_LONG, {"most": MOST[f.kind]})
        elif f.kind == "date" and value:
            try:
                date.fromisoformat(value)
            except ValueError:
                errors[f.name] = (BAD_DATE, {})
    token = form.get("form_token", "")
    return Posted(values, errors, token if 16 <= len(token) <= 64 else new_token())


def carry_out(
    desk: Desk,
    member: Account,
    code: str,
    posted: Posted,
    command: Callable[[], RegisterProduct | ProductCommand],
) -> int | Errors:
    """Carries the form's command out once for its token: the log position of its event
    (recorded now or by an earlier copy of the same form), or the errors to show."""
    scope = f"staff:{member.name}"
    digest = hashlib.sha256(repr(sorted(posted.values.items())).encode() + code.encode())
    request = Request(scope, posted.token, digest.hexdigest(), time.time())
    earlier = _answered(desk, request)
    if earlier is not None:
        return earlier
    try:
        recorded = desk.submit(Order(member.actor, command(), code, request=request))
    except RegisterError as error:
        earlier = _answered(desk, request)  # an earlier copy was recorded meanwhile
        return beside_field(error) if earlier is None else earlier
    desk.logger.info("staff.recorded", account=member.name, product=code, event_type=recorded.event)
    return recorded.position


def _answered(desk: Desk, request: Request) -> int | Errors | None:
    """The log position of the event recorded for this form's token, if any; an error if
    the token was used for other values (the form recorded, then changed and sent again)."""
    rows = desk.database.ask(
        lambda db: db.rows(
            f"SELECT request_digest, body FROM {ANSWERS} WHERE scope = ? AND idempotency_key = ?",
            (request.scope, request.key),
        )
    )
    if not rows:
        return None
    if rows[0]["request_digest"] != request.digest:
        return {WHOLE: (USED, {})}
    return int(json.loads(str(rows[0]["body"]))["position"])
