"""Small factories for request bodies, with realistic defaults a test can override, and
strategies that change them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import count
from typing import Any

from hypothesis import strategies as st

QN_LOCATION = {"province": "Quảng Ninh", "district": "Uông Bí", "commune": "Thượng Yên Công"}
HG_LOCATION = {"province": "Hà Giang", "district": "Đồng Văn", "commune": "Lũng Cú"}


def registration(code: str = "QN-0001", **overrides: Any) -> dict[str, Any]:
    """A Quảng Ninh product registered under Decision 1048."""
    body = {
        "code": code,
        "name": "Tinh dầu trầu tiên Yên Tử",
        "owner": {"organisation_id": "5700101234", "name": "HTX Yên Tử", "kind": "cooperative"},
        "location": QN_LOCATION,
        "group": "herbal-products",
        "subgroup": "essential oils",
        "effective_on": "2019-09-02",
    }
    return {**body, **overrides}


def evaluation(**overrides: Any) -> dict[str, Any]:
    """A provincial council's 4-star evaluation under 1048."""
    body = {
        "points": {"A": 30, "B": 20, "C": 30},
        "mandatory_met": True,
        "minutes_ref": "BB-12/HĐ-OCOP",
        "effective_on": "2019-10-01",
    }
    return {**body, **overrides}


def certificate(**overrides: Any) -> dict[str, Any]:
    """A province's 4-star decision."""
    return {"stars": 4, "decision_ref": "2656/QĐ-UBND", "effective_on": "2019-11-01", **overrides}


def suspension(**overrides: Any) -> dict[str, Any]:
    """An inspection that found the committed quality unmet."""
    body = {
        "inspection_ref": "45/BB-KT",
        "findings": "Essential oil content below the committed standard",
        "reason": "Product quality below the committed standard",
        "corrective_deadline": "2020-04-30",
        "effective_on": "2020-02-10",
    }
    return {**body, **overrides}


def reinstatement(**overrides: Any) -> dict[str, Any]:
    """The re-inspection after correction."""
    body = {
        "reinspection_ref": "52/BB-KT",
        "corrected": "New distillation line; lab test 12/2020 meets the standard",
        "effective_on": "2020-04-20",
    }
    return {**body, **overrides}


def revocation(**overrides: Any) -> dict[str, Any]:
    """A province's decision withdrawing the certificate."""
    body = {
        "decision_ref": "1234/QĐ-UBND",
        "reason": "breach-of-regulation",
        "effective_on": "2020-06-01",
    }
    return {**body, **overrides}


def removal(**overrides: Any) -> dict[str, Any]:
    """The programme office's decision to remove the product."""
    body = {
        "decision_ref": "789/QĐ-UBND",
        "reason": "no-longer-produced",
        "effective_on": "2020-06-15",
    }
    return {**body, **overrides}


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
