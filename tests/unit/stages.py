"""Products at each stage of their life, the principal who makes each command, and refusals."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from lifecycle import commands, errors
from lifecycle.errors import RegisterError
from lifecycle.handoffs import hand_offs_under
from lifecycle.legacy_sets import criteria_for
from lifecycle.product import Product
from lifecycle.values import Actor, Level
from registry.changes import USE_CASES
from seed import builders as make
from seed.renewal_builders import regrouped
from tests.unit.eras import ERAS, TODAY

# The refusals a command meets, each an error class and its stable code.
Refusal = tuple[type[errors.RegisterError], str]
NO_EVALUATION = (errors.NoEvaluation, "no-evaluation")
SUSPENDED = (errors.ProductSuspended, "product-suspended")
NOT_CURRENT = (errors.CertificateNotCurrent, "certificate-not-current")
NOT_SUSPENDED = (errors.NotSuspended, "not-suspended")
EXPIRED = (errors.CertificateExpired, "certificate-expired")
NO_CERTIFICATE = (errors.NoCertificate, "no-certificate")
ALREADY_REVOKED = (errors.CertificateAlreadyRevoked, "certificate-already-revoked")
STILL_CURRENT = (errors.CertificateStillCurrent, "certificate-still-current")
REMOVED = (errors.ProductRemoved, "product-removed")
NOT_COMPETENT = (errors.LevelNotCompetent, "level-not-competent")


def later(product: Product, days: int = 10) -> date:
    """A day ``days`` after the product's previous event."""
    return product.last_effective_on + timedelta(days=days)


def after_expiry(product: Product, days: int = 30) -> date:
    """A day ``days`` after the product's certificate expired."""
    assert product.certificate is not None
    return product.certificate.valid_until + timedelta(days=days)


UPWARDS_LEVELS = (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE, Level.CENTRAL)


def registered(era: str, code: str = make.CODE) -> Product:
    return Product.register(make.registration(ERAS[era], code), make.office(), TODAY)


def forwarded(era: str, level: Level = Level.PROVINCE) -> Product:
    """A product registered in ``era`` and handed up to ``level``'s council (issue 11 item 5)."""
    product = registered(era)
    brought_to(product, level, later(product))
    return product


def brought_to(product: Product, level: Level, day: date, total: int = 80) -> None:
    """The lower councils' evaluations and hand-offs that bring the product to ``level``'s
    council under the set in force on ``day`` (issue 11 item 5), all dated ``day``; nothing
    while a hand-off to ``level`` stands."""
    for actor, command in hand_ups(product, level, day, total):
        USE_CASES[type(command)](product, actor, command, TODAY)


def entry_council(day: date) -> Actor:
    """A council of the lowest level that evaluates on ``day`` with no hand-off: a district's,
    under 1489 a commune's (a story about groups, not levels, scores there)."""
    entry = hand_offs_under(criteria_for(make.QUANG_NINH, day).id).entry_levels  # type: ignore[union-attr]
    return make.council(next(level for level in UPWARDS_LEVELS if level in entry))


def hand_ups(product: Product, level: Level, day: date, total: int = 80) -> list[make.Step]:
    """The steps ``brought_to`` takes."""
    if any(standing.to_level is level for standing in product.handed_to):
        return []
    named = "" if product.group == make.herbal_group(day) else make.herbal_group(day)
    return make.steps_to(level, day, total, group=named)


def evaluated(
    era: str, total: int = 80, level: Level = Level.PROVINCE, *, mandatory_met: bool = True
) -> Product:
    product = registered(era)
    brought_to(product, level, later(product), total)
    product.evaluate(
        make.evaluation(later(product), total, mandatory_met=mandatory_met),
        make.council(level),
        TODAY,
    )
    return product


def certified(era: str, stars: int = 4, level: Level = Level.PROVINCE) -> Product:
    product = evaluated(era, make.TOTAL_FOR_STARS[stars], level)
    product.certify(make.certificate(later(product), stars), make.authority(level), TODAY)
    return product


def in_its_group(product: Product, day: date, total: int = 80) -> commands.RecordEvaluation:
    """A council's scores on ``day``, naming the herbal product's group anew when the day's
    set no longer has the one it was registered in."""
    evaluation = make.evaluation(day, total)
    return evaluation if product.group == make.herbal_group(day) else regrouped(evaluation)


def scored_and_certified(product: Product, day: date, stars: int = 4) -> None:
    """The provincial council scores the product for ``stars`` and the province certifies it,
    both on ``day``, once the district forwarded it."""
    brought_to(product, Level.PROVINCE, day, make.TOTAL_FOR_STARS[stars])
    evaluation = in_its_group(product, day, make.TOTAL_FOR_STARS[stars])
    product.evaluate(evaluation, make.council(), TODAY)
    product.certify(make.certificate(day, stars), make.authority(), TODAY)


def suspended(era: str) -> Product:
    product = certified(era)
    product.suspend(make.suspension(later(product)), make.inspector(), TODAY)
    return product


def revoked(era: str) -> Product:
    product = certified(era)
    product.revoke(make.revocation(later(product)), make.authority(), TODAY)
    return product


def removed(era: str) -> Product:
    product = registered(era)
    product.remove(make.removal(later(product)), make.office(), TODAY)
    return product


def attempt(command: str, product: Product, day: date) -> Callable[[], None]:
    """The command, dated ``day``, made by the (provincial) principal whose role it is."""
    return {
        "evaluate": lambda: (
            brought_to(product, Level.PROVINCE, day),
            product.evaluate(in_its_group(product, day), make.council(), TODAY),
        ),
        "certify": lambda: product.certify(make.certificate(day, 4), make.authority(), TODAY),
        "suspend": lambda: product.suspend(make.suspension(day), make.inspector(), TODAY),
        "reinstate": lambda: product.reinstate(make.reinstatement(day), make.inspector(), TODAY),
        "revoke": lambda: product.revoke(make.revocation(day), make.authority(), TODAY),
        "remove": lambda: product.remove(make.removal(day), make.office(), TODAY),
    }[command]


def snapshot(product: Product) -> dict[str, Any]:
    """Everything the product holds, pending events included, to compare before and after."""
    return copy.deepcopy(vars(product))


def assert_refused(
    product: Product, error: type[RegisterError], code: str, act: Callable[[], object]
) -> RegisterError:
    """The act is refused with ``error`` and its stable ``code``, and changes nothing."""
    before = snapshot(product)
    with pytest.raises(error) as refused:
        act()
    assert type(refused.value) is error
    assert refused.value.code == code
    assert snapshot(product) == before
    return refused.value
