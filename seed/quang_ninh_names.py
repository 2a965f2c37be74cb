"""Who and what the Quảng Ninh scenario draws: owners where they work, products they make."""

from __future__ import annotations

import random
from dataclasses import dataclass

from lifecycle.values import Owner, OwnerKind
from seed.quang_ninh_places import (
    ACTIVITIES,
    BRANDS,
    DISTRICTS,
    GIVEN_NAMES,
    GROUP_WEIGHTS,
    MIDDLE_NAMES,
    PRODUCTS,
    SPECIALITIES,
    SURNAMES,
    TRADES,
)

KIND_WEIGHTS = {
    OwnerKind.COOPERATIVE: 40,
    OwnerKind.ENTERPRISE: 25,
    OwnerKind.HOUSEHOLD_BUSINESS: 25,
    OwnerKind.COOPERATIVE_GROUP: 10,
}
ATTEMPTS = 8


@dataclass(frozen=True)
class OwnerPlan:
    """An owner and the district and commune where all its products are made."""

    owner: Owner
    district: str
    commune: str


def draw_owner(rng: random.Random, organisation_id: str, used: set[str]) -> OwnerPlan:
    """An owner of a plausible kind and name, in a district drawn by its weight."""
    district = rng.choices(list(DISTRICTS), [weight for _, weight, _ in DISTRICTS.values()])[0]
    communes = DISTRICTS[district][2]
    kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
    for _ in range(ATTEMPTS):
        commune = rng.choice(communes)
        name = owner_name(rng, kind, district, commune)
        if name not in used:
            break
    used.add(name)
    return OwnerPlan(Owner(organisation_id, name, kind), district, commune)


def owner_name(rng: random.Random, kind: OwnerKind, district: str, commune: str) -> str:
    """A name as the owner's registration papers would give it."""
    if kind is OwnerKind.COOPERATIVE:
        return f"HTX {rng.choice(ACTIVITIES)} {commune}"
    if kind is OwnerKind.COOPERATIVE_GROUP:
        return f"Tổ hợp tác {rng.choice(ACTIVITIES).lower()} {commune}"
    if kind is OwnerKind.ENTERPRISE:
        form = rng.choice(("Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần"))
        return f"{form} {rng.choice(TRADES)} {rng.choice(BRANDS)}"
    person = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
    return f"Hộ kinh doanh {person}"


def draw_product(rng: random.Random, plan: OwnerPlan, used: set[str]) -> tuple[str, str]:
    """A product group and name for a product of that owner, its district's speciality or not."""
    specialities = SPECIALITIES.get(plan.district, ())
    for _ in range(ATTEMPTS):
        if specialities and rng.random() < 0.4:
            group, base = rng.choice(specialities)
        else:
            group = rng.choices(list(GROUP_WEIGHTS), list(GROUP_WEIGHTS.values()))[0]
            base = rng.choice(PRODUCTS[group])
        place = rng.choice((plan.district, plan.district, plan.commune, rng.choice(BRANDS)))
        name = f"{base} {place}"
        if name not in used:
            break
    used.add(name)
    return group, name
