"""The hand-offs between levels in the builders' words: a district's (under 1489, a
commune's) forwarding to the province, a province's proposal of a potential 5-star product,
and the steps that bring a product to a level's council under the set in force."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from lifecycle import commands
from lifecycle.handoffs import HandOffKind, hand_offs_under
from lifecycle.legacy_sets import criteria_for
from lifecycle.places import province_on
from lifecycle.values import Actor, Level
from seed.principals import QUANG_NINH, council

Step = tuple[Actor, commands.ProductCommand]


def forwarding(on: date, dispatch_ref: str = "") -> commands.ForwardProduct:
    """The dispatch forwarding the product's dossier to the province."""
    return commands.ForwardProduct(effective_on=on, dispatch_ref=dispatch_ref or f"CV-{on:%Y%m%d}")


def proposal(on: date, dispatch_ref: str = "") -> commands.ProposePotentialFiveStar:
    """The province's dispatch proposing the product to the central level as potential 5★."""
    return commands.ProposePotentialFiveStar(
        effective_on=on, dispatch_ref=dispatch_ref or f"TTr-{on:%Y%m%d}"
    )


def hand_off(kind: HandOffKind, on: date) -> commands.HandOffCommand:
    """The hand-off of ``kind``, dated ``on``."""
    return forwarding(on) if kind is HandOffKind.FORWARD else proposal(on)


def steps_to(
    level: Level,
    on: date,
    total: int | Decimal = 80,
    province: str = QUANG_NINH,
    councils: Callable[[Level, str], Actor] = council,
    group: str = "",
) -> list[Step]:
    """What brings a product to ``level``'s council under the set in force on ``on``, all dated
    ``on``: each lower council's evaluation (``total`` points, or its step's threshold if
    higher; naming ``group`` under the set when told) and its hand-off, by ``councils`` of each
    level and the province; nothing for an entry level."""
    from seed.builders import evaluation  # the builders name this module's words too

    criteria = criteria_for(province, on)
    assert criteria is not None, f"no criteria set in force on {on}"
    step = hand_offs_under(criteria.id).step_to(level)
    if level in hand_offs_under(criteria.id).entry_levels or step is None:
        return []
    below = councils(step.from_level, province_on(province, on))  # its province that day
    scored = evaluation(
        on,
        max(Decimal(total), step.threshold),
        minutes_ref=f"BB-{step.from_level.value}-{on}",
        group=group,
    )
    return [
        *steps_to(step.from_level, on, total, province, councils, group),
        (below, scored),
        (below, hand_off(step.kind, on)),
    ]
