"""A change carries a short public reason of its own; the officials' notes stay in the record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from lifecycle import errors, publication
from lifecycle.events import Reinstated, Removed, Revoked, Suspended
from lifecycle.product import Product
from lifecycle.values import RemovalReason, RevocationReason
from seed import builders as make
from tests.unit.eras import TODAY
from tests.unit.stages import assert_refused, certified, later, registered, suspended


def test_a_reinstatement_publishes_its_public_reason_not_what_was_corrected() -> None:
    product = suspended("1489-2025")
    command = replace(
        make.reinstatement(later(product)),
        corrected="long private note",
        public_reason="Đã khắc phục",
    )
    product.reinstate(command, make.inspector(), TODAY)
    event = product.pending_events[-1]
    assert isinstance(event, Reinstated) and event.corrected == "long private note"
    assert publication.public_reason(event) == "Đã khắc phục"


def test_without_a_public_reason_each_change_publishes_a_neutral_text() -> None:
    product = suspended("148-2023")
    product.reinstate(make.reinstatement(later(product)), make.inspector(), TODAY)
    product.revoke(make.revocation(later(product)), make.authority(), TODAY)
    product.remove(make.removal(later(product), RemovalReason.OWNER_REQUEST), make.office(), TODAY)
    suspension, reinstatement, revocation_, removal_ = product.pending_events[-4:]
    assert isinstance(suspension, Suspended)
    assert publication.public_reason(suspension) == suspension.reason
    assert publication.public_reason(reinstatement) == publication.REINSTATED
    assert publication.public_reason(revocation_) == "A breach of the programme's regulations."
    assert publication.public_reason(removal_) == "Removed at the owner's request."
    assert [publication.reason_code(e) for e in (suspension, revocation_, removal_)] == [
        None,
        "breach-of-regulation",
        "owner-request",
    ]
    assert "labels reprinted" not in publication.public_reason(reinstatement)  # type: ignore[operator]


def test_every_reason_code_has_a_neutral_public_text() -> None:
    assert set(publication.REVOKED) == set(RevocationReason)
    assert set(publication.REMOVED) == set(RemovalReason)
    assert all(len(text) <= publication.PUBLIC_REASON_MAX for text in publication.REVOKED.values())


def with_public_reason(change: str, product: Product, text: str) -> Callable[[], None]:
    """The change, dated after the product's last event, carrying ``text`` as public reason."""
    day = later(product)
    return {
        "reinstate": lambda: product.reinstate(
            replace(make.reinstatement(day), public_reason=text), make.inspector(), TODAY
        ),
        "revoke": lambda: product.revoke(
            replace(make.revocation(day), public_reason=text), make.authority(), TODAY
        ),
        "remove": lambda: product.remove(
            replace(make.removal(day), public_reason=text), make.office(), TODAY
        ),
    }[change]


@pytest.mark.parametrize(
    ("change", "stage"),
    [("reinstate", suspended), ("revoke", certified), ("remove", registered)],
)
def test_a_public_reason_longer_than_300_characters_is_refused(
    change: str, stage: Callable[[str], Product]
) -> None:
    product = stage("1489-2025")
    too_long = "x" * (publication.PUBLIC_REASON_MAX + 1)
    act = with_public_reason(change, product, too_long)
    assert_refused(product, errors.PublicReasonTooLong, "public-reason-too-long", act)
    with_public_reason(change, product, "x" * publication.PUBLIC_REASON_MAX)()
    assert isinstance(product.pending_events[-1], (Reinstated, Revoked, Removed))
