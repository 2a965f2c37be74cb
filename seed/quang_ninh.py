"""Quảng Ninh's OCOP register as the province reported it for the first half of 2020.

By 30/06/2020, 435 products from 172 owners had joined; in the half-year 70 products and 23
owners joined, 10 certificates of 2016 were revoked, 65 never-certified products were removed
and "Tinh dầu trầu tiên Yên Tử" was suspended after an inspection and reinstated. Everything
the report does not say is drawn from ``random.Random(seed)`` and is SYNTHETIC (``SYNTHETIC``
lists it; every event's note says so); ``scale`` multiplies every count, so the same shape
fills a large province for benchmarks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from lifecycle.values import Location
from registry.service import Order, Registry
from seed import builders as make
from seed.quang_ninh_calendar import OFFICE, PERIOD_END, draw_calendar
from seed.quang_ninh_names import OwnerPlan, draw_owner, draw_product
from seed.quang_ninh_places import PROVINCE
from seed.quang_ninh_stories import Story, Teller
from seed.quang_ninh_trau_tien import (
    GROUP,
    OWNER_UNSTATED,
    TRAU_TIEN,
    trau_tien_owner,
    trau_tien_story,
)
from seed.writing import carry_out

REPORTED = {
    "joined_total": 435,
    "owners_total": 172,
    "joined_in_period": 70,
    "new_owners_in_period": 23,
    "revocations": 10,
    "removals": 65,
    "suspensions": 1,
}
# What the report leaves open: how the products that joined before 2020 fared (plausible,
# SYNTHETIC): certified under the province's own sets, 3479/2015 and 978/2018, or in 2020
# under 1048.
SHAPE = {"legacy": 90, "renewed": 20, "late_2019": 30, "certified_in_period": 24}
# Each invented detail of the scenario, and what the report says instead.
SYNTHETIC = {
    "names, owners, places, join dates": "drawn; the report gives only the counts",
    "scores, stars, decision dates and numbers": "drawn; the report gives none",
    "SHAPE": "how the products joined before 2020 fared: not in the report",
    "Trầu tiên's owner and 4 stars": "not stated in the report",
    "revocation reason": "not given in the report: 'other'",
    "removals' references and reason": "the New Rural Development Board decided them; the "
    "report gives no number and no reason: 'other'",
}
NOTE = "SYNTHETIC: drawn for the Quảng Ninh 2020 scenario; only the report's counts are real."


@dataclass(frozen=True)
class ScenarioReport:
    """The figures the scenario wrote, for tests and benchmarks to compare against."""

    seed: int
    scale: float
    joined_total: int
    joined_in_period: int
    in_programme_at_end: int
    owners_total: int
    new_owners_in_period: int
    certificates_issued_in_period: int
    suspensions: int
    reinstatements: int
    revocations: int
    removals: int
    events: int
    trau_tien_code: str


@dataclass(frozen=True)
class Draft:
    """A product before it has a code: its story, owner, group and name."""

    story: Story
    owner: OwnerPlan
    group: str
    name: str


def scaled_counts(scale: float) -> dict[str, int]:
    """Every figure times the scale, rounded half up, never below one; checked to fit."""
    n = {name: max(1, int(figure * scale + 0.5)) for name, figure in {**REPORTED, **SHAPE}.items()}
    old_products = n["joined_total"] - n["joined_in_period"]
    old_owners = n["owners_total"] - n["new_owners_in_period"]
    n["participating"] = old_products - 1 - n["revocations"] - n["removals"]
    n["participating"] -= sum(n[kind] for kind in SHAPE)
    if n["participating"] < 0 or not 1 <= old_owners <= old_products:
        raise ValueError(f"Scale {scale} is too small for the scenario's shape.")
    return n


def draw_drafts(rng: random.Random, n: dict[str, int]) -> list[Draft]:
    """Owners, then their products' stories: the old ones first, then those joined in 2020."""
    teller = Teller(rng, draw_calendar(rng))
    tax_codes = [f"57{code:08d}" for code in rng.sample(range(10**8), n["owners_total"])]
    owners = [trau_tien_owner(tax_codes[0])]
    used = {owners[0].owner.name}
    owners += [draw_owner(rng, tax_code, used) for tax_code in tax_codes[1:]]
    old_owners = n["owners_total"] - n["new_owners_in_period"]
    old_products = n["joined_total"] - n["joined_in_period"]
    old = list(range(old_owners)) + [
        rng.randrange(old_owners) for _ in range(old_products - old_owners)
    ]
    new = list(range(old_owners, len(owners)))
    new += [rng.randrange(len(owners)) for _ in range(n["joined_in_period"] - len(new))]
    kinds = ["revoked_2016"] * n["revocations"] + ["removed"] * n["removals"]
    kinds += [kind for kind in (*SHAPE, "participating") for _ in range(n[kind])]
    rng.shuffle(kinds)
    legacy = [index for index, kind in enumerate(kinds) if kind == "legacy"]
    suspended = {index: order for order, index in enumerate(legacy[: n["suspensions"] - 1])}
    names = {TRAU_TIEN}
    drafts = [Draft(trau_tien_story(teller.calendar), owners[0], GROUP, TRAU_TIEN)]
    for index, (slot, kind) in enumerate(zip(old[1:], kinds, strict=True)):
        plan = owners[slot]
        if index in suspended:
            certified = teller.legacy(plan.district, lasting=True)
            story = teller.suspended(certified, reinstated=suspended[index] % 2 == 1)
        else:
            story = getattr(teller, kind)(plan.district)
        drafts.append(Draft(story, plan, *draw_product(rng, plan, names)))
    for slot in new:
        plan = owners[slot]
        story = teller.joined_in_period(plan.district)
        drafts.append(Draft(story, plan, *draw_product(rng, plan, names)))
    return sorted(drafts, key=lambda draft: draft.story.joined_on)


def orders_of(drafts: list[Draft]) -> tuple[list[Order], str]:
    """Codes in the order products joined, then each product's orders; and Trầu tiên's code."""
    width = max(4, len(str(len(drafts))))
    orders, trau_tien_code = [], ""
    for number, draft in enumerate(drafts, start=1):
        code, plan = f"QN-{number:0{width}d}", draft.owner
        trau_tien = draft.group == GROUP and draft.name == TRAU_TIEN
        trau_tien_code = code if trau_tien else trau_tien_code
        orders.append(Order(OFFICE, make.registration(
            draft.story.joined_on, code, name=draft.name, owner=plan.owner, group=draft.group,
            location=Location(PROVINCE, plan.district, plan.commune), subgroup="",
            note=OWNER_UNSTATED if trau_tien else NOTE,
        )))  # fmt: skip
        orders += [
            Order(actor, replace(command, note=command.note or NOTE), code=code)
            for actor, command in draft.story.steps
        ]
    return orders, trau_tien_code


def plan_quang_ninh_2020(
    seed: int = 2020, scale: float = 1.0
) -> tuple[list[Order], ScenarioReport]:
    """Every order of the scenario, products in the order they joined, and its figures."""
    n = scaled_counts(scale)
    orders, trau_tien_code = orders_of(draw_drafts(random.Random(seed), n))
    report = ScenarioReport(
        seed=seed,
        scale=scale,
        joined_total=n["joined_total"],
        joined_in_period=n["joined_in_period"],
        in_programme_at_end=n["joined_total"] - n["removals"],
        owners_total=n["owners_total"],
        new_owners_in_period=n["new_owners_in_period"],
        certificates_issued_in_period=n["certified_in_period"],
        suspensions=n["suspensions"],
        reinstatements=1 + (n["suspensions"] - 1) // 2,
        revocations=n["revocations"],
        removals=n["removals"],
        events=len(orders),
        trau_tien_code=trau_tien_code,
    )
    return orders, report


def build_quang_ninh_2020(
    registry: Registry,
    *,
    seed: int = 2020,
    scale: float = 1.0,
    batch_size: int = 500,
    progress: bool = False,
) -> ScenarioReport:
    """Writes the scenario through the register's commands; raises if any order is refused."""
    if registry.today() < PERIOD_END:
        raise ValueError(f"The scenario runs to {PERIOD_END}, after today ({registry.today()}).")
    orders, report = plan_quang_ninh_2020(seed, scale)
    carry_out(registry, orders, batch_size=batch_size, progress=progress, description="Quảng Ninh")
    return report
