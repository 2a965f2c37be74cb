"""Random but valid command histories over several products, for property tests.

A history is a list of steps; each step asks the register for one change to one product on
a date that never goes backwards (registering the product first if it is not yet). The
register refuses what the rules forbid (and stores nothing then), so what is recorded is
always a valid history.

Random steps alone rarely line up a suspension and its reinstatement, so a history is
mostly made of *stories*, each the life of one product in the programme's order (certified,
suspended, its deadline extended, reinstated, re-evaluated, revoked, removed, its details
corrected, transferred), interleaved with each other and
with random steps; every kind of event is then common.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import strategies as st

from lifecycle.errors import RegisterError
from lifecycle.values import Status
from registry.service import Registry
from tests.conftest import TODAY
from tests.projections import programme as story

PRODUCTS = [
    ("QN-0701", "Tinh dầu trầm hương", story.QUANG_NINH, "HTX Trầm Hương"),
    ("QN-0702", "Đông trùng hạ thảo", story.QUANG_NINH, "Công ty Đức Thành"),
    ("HG-0703", "Chè Shan tuyết", "Hà Giang", "HTX Chè Phìn Hồ"),
    ("HG-0704", "Mật ong bạc hà", "Hà Giang", "HTX Chè Phìn Hồ"),
    ("DL-0705", "Cà phê Đắk Lắk", "Đắk Lắk", "Công ty Cà phê Đắk Lắk"),
]
# Weighted towards the changes that need a certificate, so histories reach them often.
ACTIONS = (
    "register",
    "certify",
    "certify",
    "evaluate",
    "suspend",
    "suspend",
    "reinstate",
    "reinstate",
    "revoke",
    "remove",
    "correct",
    "transfer",
    "extend",
    "notice",
    "rename",
)
START = date(2019, 9, 1)


@dataclass(frozen=True)
class Step:
    """One change asked of the register, some days after the previous step."""

    product: int
    action: str
    days_later: int
    stars: int
    catch_up_after: bool
    own_product: bool = False  # a story's step: its product, never another that suits better


steps = st.builds(
    Step,
    product=st.integers(0, len(PRODUCTS) - 1),
    action=st.sampled_from(ACTIONS),
    days_later=st.integers(0, 120),
    stars=st.sampled_from([3, 4, 5]),
    catch_up_after=st.booleans(),
)
# The lives a product may lead, in the programme's order; each begins with its registration.
STORIES = (
    ("certify", "suspend", "reinstate"),
    ("certify", "suspend", "reinstate", "suspend", "revoke", "remove"),
    ("certify", "suspend", "reinstate", "evaluate", "certify", "suspend", "reinstate"),
    ("certify", "evaluate", "certify", "revoke"),
    ("certify", "notice", "evaluate", "certify", "notice", "revoke"),  # re-recognised
    ("certify", "suspend", "revoke", "remove"),
    ("evaluate", "remove"),
    ("correct", "certify", "suspend", "extend", "reinstate", "transfer"),
    ("transfer", "correct", "evaluate", "remove"),
    ("certify", "rename", "suspend", "reinstate"),
)


@st.composite
def life(draw: st.DrawFn, product: int) -> list[Step]:
    """One product's life, a few days between its changes (well within a certificate)."""
    actions = draw(st.sampled_from(STORIES))
    stars = draw(st.sampled_from([3, 4]))
    return [
        Step(product, action, draw(st.integers(0, 40)), stars, draw(st.booleans()), True)
        for action in actions
    ]


@st.composite
def interleaved_lives(draw: st.DrawFn) -> list[Step]:
    """Stories of distinct products and random steps, interleaved in a random order."""
    products = draw(st.permutations(range(len(PRODUCTS))))
    count = draw(st.integers(1, len(PRODUCTS)))
    queues = [draw(life(product)) for product in products[:count]]
    queues += [[step] for step in draw(st.lists(steps, min_size=2, max_size=12))]
    history: list[Step] = []
    while queues:
        queue = queues[draw(st.integers(0, len(queues) - 1))]
        history.append(queue.pop(0))
        queues = [left for left in queues if left]
    return history


histories = interleaved_lives()


# The statuses in which each change is usually accepted, to pick a product it suits.
SUITED = {
    "suspend": {Status.CERTIFIED},
    "reinstate": {Status.SUSPENDED},
    "revoke": {Status.CERTIFIED, Status.SUSPENDED, Status.EXPIRED},
    "remove": {Status.PARTICIPATING, Status.EXPIRED, Status.REVOKED},
    "extend": {Status.SUSPENDED},
    "notice": {Status.CERTIFIED, Status.SUSPENDED},
}
CORRECTIONS = {"correct": story.correct, "transfer": story.transfer, "extend": story.extend}


def carry_out(registry: Registry, step: Step, day: date) -> None:
    """Asks the register for the step's change; a refusal records nothing."""
    code, name, province, owner = product_for(registry, step, day)
    try:
        if step.action == "register" or not registered(registry, code):
            story.register(
                registry, code, name, day, owner=owner, owner_id=owner, province=province
            )
        if step.action == "certify":
            story.certify(registry, code, step.stars, day, province)
        elif step.action == "evaluate":
            story.evaluate(registry, code, step.stars, day, province)
        elif step.action == "suspend":
            story.suspend(registry, code, day, day + timedelta(days=30), province=province)
        elif step.action == "reinstate":
            story.reinstate(registry, code, day, province)
        elif step.action == "revoke":
            certificate = registry.product(code).certificate
            stars = certificate.stars if certificate else step.stars
            story.revoke(registry, code, stars, day, province)
        elif step.action == "remove":
            story.remove(registry, code, day, province)
        elif step.action in CORRECTIONS:
            CORRECTIONS[step.action](registry, code, day, province)
        elif step.action == "notice":
            certificate = registry.product(code).certificate
            stars = certificate.stars if certificate else step.stars
            story.give_notice(registry, code, stars, day, province)
        elif step.action == "rename":
            story.rename_place(registry, code, day, province)
    except RegisterError:
        pass


def product_for(registry: Registry, step: Step, day: date) -> tuple[str, str, str, str]:
    """The step's product, or if the change suits others better, one of those."""
    if step.own_product:
        return PRODUCTS[step.product]
    suited = [
        product
        for product in PRODUCTS
        if registered(registry, product[0])
        and registry.product(product[0]).status_on(day) in SUITED.get(step.action, set())
    ]
    return suited[step.product % len(suited)] if suited else PRODUCTS[step.product]


def registered(registry: Registry, code: str) -> bool:
    try:
        registry.product(code)
    except RegisterError:
        return False
    return True


def dates_of(history: list[Step]) -> list[date]:
    """The date of each step: never backwards, never after the tests' today."""
    day, days = START, []
    for step in history:
        day = min(day + timedelta(days=step.days_later), TODAY)
        days.append(day)
    return days
