"""Request bodies made from the shared builders (``seed.builders``), with the same defaults,
which a test can override, and strategies that change them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from itertools import count
from typing import Any

from hypothesis import strategies as st

from lifecycle.commands import Command, ForwardProduct, ProposePotentialFiveStar, RecordEvaluation
from lifecycle.values import Level
from seed import builders as make
from seed.bodies import body_of

HG_LOCATION = {"province": "Hà Giang", "district": "Đồng Văn", "commune": "Lũng Cú"}

# Each write's builder, by the name of what it records.
WRITES: dict[str, Callable[[], Command]] = {
    "registration": make.registration,
    "evaluation": make.evaluation,
    "certificate": make.certificate,
    "suspension": make.suspension,
    "reinstatement": make.reinstatement,
    "revocation": make.revocation,
    "removal": make.removal,
}


def valid(write: str, code: str = make.CODE, **overrides: Any) -> dict[str, Any]:
    """The write's body under the builders' defaults (a registration under ``code``), with
    ``overrides`` (JSON values) laid over it."""
    command = make.registration(code=code) if write == "registration" else WRITES[write]()
    return {**body_of(command), **overrides}


def registration(code: str = make.CODE, **overrides: Any) -> dict[str, Any]:
    """A Quảng Ninh product registered under Decision 1048."""
    return valid("registration", code, **overrides)


evaluation = partial(valid, "evaluation")  # the provincial council's 4 stars
certificate = partial(valid, "certificate")  # the province's 4-star decision
suspension = partial(valid, "suspension")  # the inspection that found quality unmet
reinstatement = partial(valid, "reinstatement")  # the re-inspection after correction
revocation = partial(valid, "revocation")  # the province withdraws the certificate
removal = partial(valid, "removal")  # the programme office removes the product


def forwarding(**overrides: Any) -> dict[str, Any]:
    """The district council's forwarding to the province, on the story's evaluation day."""
    return {**body_of(make.forwarding(make.EVALUATED_ON)), **overrides}


def proposal(**overrides: Any) -> dict[str, Any]:
    """The province's proposal of a potential 5-star product, on the evaluation day."""
    return {**body_of(make.proposal(make.EVALUATED_ON)), **overrides}


# Where each command of a hand-up is posted.
RESOURCES: dict[type[Command], str] = {
    RecordEvaluation: "evaluations",
    ForwardProduct: "forwardings",
    ProposePotentialFiveStar: "five-star-proposals",
}


def handed_up(
    code: str = make.CODE,
    level: Level = Level.PROVINCE,
    on: date = make.EVALUATED_ON,
    total: int = 80,
) -> list[tuple[str, str, dict[str, Any]]]:
    """Who posts what, where, to bring a Quảng Ninh product to ``level``'s council under the
    set in force on ``on`` (issue 11 item 5): the lower councils' evaluations and hand-offs,
    all dated ``on``."""
    steps = []
    for actor, command in make.steps_to(level, on, total):
        assert actor.level is not None
        who = (
            "council_central" if actor.level is Level.CENTRAL else f"council_{actor.level.value}_qn"
        )
        steps.append((who, f"/v1/products/{code}/{RESOURCES[type(command)]}", body_of(command)))
    return steps


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
    "bonus": st.dictionaries(
        st.sampled_from(["local-labour", "women-participation", "tourism"]),
        st.integers(min_value=-1, max_value=6) | st.sampled_from([0.5, 1.25, 0.125]),
        max_size=3,
    ),
    "points": st.dictionaries(
        st.sampled_from("ABCD"), st.integers(min_value=-5, max_value=60), max_size=4
    ),
    "mandatory_met": st.booleans(),
    "mandatory_met_for": st.lists(st.integers(min_value=1, max_value=6), max_size=4),
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
