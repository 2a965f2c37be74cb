"""Request bodies made from the shared builders (``seed.builders``), with the same defaults,
which a test can override, and strategies that change them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from enum import Enum
from itertools import count
from typing import Any

from hypothesis import strategies as st

from lifecycle.commands import Command
from seed import builders as make


def body_of(command: Command) -> dict[str, Any]:
    """The JSON a client sends for ``command``: its fields as JSON values, those left at their
    defaults omitted."""
    body: dict[str, Any] = {}
    for field in dataclasses.fields(command):
        value = getattr(command, field.name)
        if value != field.default:
            body[field.name] = json_of(value)
    return body


def json_of(value: Any) -> Any:
    """A command's value as JSON: dates in ISO form, enums by value, records as objects."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        return {
            field.name: json_of(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    return value


def registration(code: str = make.CODE, **overrides: Any) -> dict[str, Any]:
    """A Quảng Ninh product registered under Decision 1048."""
    return {**body_of(make.registration(code=code)), **overrides}


def evaluation(**overrides: Any) -> dict[str, Any]:
    """A provincial council's 4-star evaluation under 1048."""
    return {**body_of(make.evaluation()), **overrides}


def certificate(**overrides: Any) -> dict[str, Any]:
    """A province's 4-star decision."""
    return {**body_of(make.certificate()), **overrides}


def suspension(**overrides: Any) -> dict[str, Any]:
    """An inspection that found the committed quality unmet."""
    return {**body_of(make.suspension()), **overrides}


def reinstatement(**overrides: Any) -> dict[str, Any]:
    """The re-inspection after correction."""
    return {**body_of(make.reinstatement()), **overrides}


def revocation(**overrides: Any) -> dict[str, Any]:
    """A province's decision withdrawing the certificate."""
    return {**body_of(make.revocation()), **overrides}


def removal(**overrides: Any) -> dict[str, Any]:
    """The programme office's decision to remove the product."""
    return {**body_of(make.removal()), **overrides}


WRITES: dict[str, Callable[..., dict[str, Any]]] = {
    "registration": registration,
    "evaluation": evaluation,
    "certificate": certificate,
    "suspension": suspension,
    "reinstatement": reinstatement,
    "revocation": revocation,
    "removal": removal,
}


def valid(write: str, code: str) -> dict[str, Any]:
    """The write's valid body (a registration under ``code``)."""
    return registration(code) if write == "registration" else WRITES[write]()


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
NESTED = ["owner.kind", "owner.name", "owner.organisation_id", "location.province"]
MISSING = "<missing>"
days = st.dates(min_value=date(2012, 1, 1), max_value=date(2027, 12, 31)).map(str)
# Values of each field's own type, mostly valid, so that changes reach the rules.
TYPED: dict[str, st.SearchStrategy[Any]] = {
    "effective_on": days,
    "corrective_deadline": days,
    "stars": st.integers(min_value=1, max_value=6),
    "bonus": st.integers(min_value=-1, max_value=101),
    "points": st.dictionaries(
        st.sampled_from("ABCD"), st.integers(min_value=-5, max_value=60), max_size=4
    ),
    "mandatory_met": st.booleans(),
    "group": st.sampled_from(["food", "herbal-products", "medicinal-herbs", "rural-tourism"]),
    "reason": st.sampled_from(["other", "breach-of-regulation", "owner-request", "Quality"]),
    "owner.kind": st.sampled_from(["cooperative", "enterprise", "household"]),
    "location.province": st.sampled_from(["Quảng Ninh", "Hà Giang", ""]),
}
junk = st.one_of(st.just(MISSING), st.integers(), st.text(max_size=12), json_values)
codes = (f"QN-F{n:05d}" for n in count())


@st.composite
def one_field_changed(draw: st.DrawFn) -> tuple[str, str, dict[str, Any]]:
    """A write, a fresh product code, and the write's valid body with one field (maybe
    nested, maybe new) changed or gone."""
    write, code = draw(st.sampled_from(sorted(WRITES))), next(codes)
    body = valid(write, code)
    fields = sorted(body) + ["note", "unknown"] + (NESTED if write == "registration" else [])
    field = draw(st.sampled_from(fields))
    typed = TYPED.get(field, st.text(min_size=1, max_size=40))
    value = draw(st.sampled_from([typed, typed, typed, junk]).flatmap(lambda values: values))
    *parents, name = field.split(".")
    target = body
    for parent in parents:
        target[parent] = target = dict(target[parent])
    if value == MISSING:
        target.pop(name, None)
    else:
        target[name] = value
    return write, code, body
