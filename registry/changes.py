"""The register's use cases, one per change, and the step every write takes to reach them.

A use case takes the product as loaded (``None`` for a code never registered), who acts, the
command and today's date, and answers the product with the change's event pending. Loading
and saving are the callers': ``Registry.carry_out`` loads, calls and saves one order;
``registry/batch.py`` loads, calls and saves many in one transaction. Both call ``carry_out``
below, so every order meets the same checks and the same use case, whichever way it came.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from lifecycle import commands, errors
from lifecycle.authority import check_may_make
from lifecycle.product import Product
from lifecycle.text import check_plain_text
from lifecycle.values import Actor
from registry.orders import Order


def register(
    product: Product | None, actor: Actor, command: commands.RegisterProduct, today: date
) -> Product:
    """A programme office registers a product under a code never used before."""
    check_code_unused(product, command.code)
    return Product.register(command, actor, today)


def evaluate(
    product: Product, actor: Actor, command: commands.RecordEvaluation, today: date
) -> Product:
    """A council records its scoring; the register computes the total and the band."""
    product.evaluate(command, actor, today)
    return product


def forward(
    product: Product, actor: Actor, command: commands.ForwardProduct, today: date
) -> Product:
    """A district (under 1489, commune) council forwards the product to the province."""
    product.forward(command, actor, today)
    return product


def propose(
    product: Product, actor: Actor, command: commands.ProposePotentialFiveStar, today: date
) -> Product:
    """A province's council proposes the product to the central level as potential 5 stars."""
    product.propose(command, actor, today)
    return product


def certify(
    product: Product, actor: Actor, command: commands.IssueCertificate, today: date
) -> Product:
    """A competent authority issues a star certificate, superseding any earlier one."""
    product.certify(command, actor, today)
    return product


def suspend(
    product: Product, actor: Actor, command: commands.SuspendCertificate, today: date
) -> Product:
    """An inspector suspends a current certificate after an inspection found a breach."""
    product.suspend(command, actor, today)
    return product


def reinstate(
    product: Product, actor: Actor, command: commands.ReinstateCertificate, today: date
) -> Product:
    """An inspector reinstates a suspended certificate once the breach is corrected."""
    product.reinstate(command, actor, today)
    return product


def revoke(
    product: Product, actor: Actor, command: commands.RevokeCertificate, today: date
) -> Product:
    """A competent authority withdraws the certificate (current, suspended or expired)."""
    product.revoke(command, actor, today)
    return product


def give_renewal_notice(
    product: Product, actor: Actor, command: commands.GiveRenewalNotice, today: date
) -> Product:
    """The issuing body tells the owner that the certificate's validity ends."""
    product.give_renewal_notice(command, actor, today)
    return product


def remove(product: Product, actor: Actor, command: commands.RemoveProduct, today: date) -> Product:
    """The programme office removes a product whose certificate is not current; final."""
    product.remove(command, actor, today)
    return product


def correct_registration(
    product: Product, actor: Actor, command: commands.CorrectRegistration, today: date
) -> Product:
    """The programme office corrects details registered wrongly; the old stay recorded."""
    product.correct_registration(command, actor, today)
    return product


def transfer_ownership(
    product: Product, actor: Actor, command: commands.TransferOwnership, today: date
) -> Product:
    """The programme office records the product's transfer to a new owner, by decision."""
    product.transfer_ownership(command, actor, today)
    return product


def extend_deadline(
    product: Product, actor: Actor, command: commands.ExtendCorrectiveDeadline, today: date
) -> Product:
    """An inspector extends a suspended product's corrective deadline before it passes."""
    product.extend_deadline(command, actor, today)
    return product


def rename_place(
    product: Product, actor: Actor, command: commands.RenamePlace, today: date
) -> Product:
    """The programme office records the product's place after an administrative change."""
    product.rename_place(command, actor, today)
    return product


UseCase = Callable[[Any, Actor, Any, date], Product]
USE_CASES: dict[type[Any], UseCase] = {
    commands.RegisterProduct: register,
    commands.RecordEvaluation: evaluate,
    commands.ForwardProduct: forward,
    commands.ProposePotentialFiveStar: propose,
    commands.IssueCertificate: certify,
    commands.SuspendCertificate: suspend,
    commands.ReinstateCertificate: reinstate,
    commands.RevokeCertificate: revoke,
    commands.RemoveProduct: remove,
    commands.CorrectRegistration: correct_registration,
    commands.TransferOwnership: transfer_ownership,
    commands.ExtendCorrectiveDeadline: extend_deadline,
    commands.GiveRenewalNotice: give_renewal_notice,
    commands.RenamePlace: rename_place,
}


def carry_out(order: Order, product: Product | None, today: date) -> Product:
    """The order's use case on the product as loaded, once its text, who gives it and the
    version it expects are checked: the one step of every write."""
    check_plain_text(order.command, order.actor)
    check_may_order(order, product)
    check_expected_version(product, order.expected_version)
    return USE_CASES[type(order.command)](product, order.actor, order.command, today)


def check_may_order(order: Order, product: Product | None) -> None:
    """The actor has the role for the order's change and jurisdiction over its product."""
    command = order.command
    if isinstance(command, commands.RegisterProduct):
        province = command.location.province
    elif product is None:
        raise errors.ProductNotFound(order.code)
    else:
        province = product.location.province
    check_may_make(order.actor, command.change, province, command.effective_on)


def check_code_unused(product: Product | None, code: str) -> None:
    """A product code is unique for ever, even after removal."""
    if product is not None:
        raise errors.ProductAlreadyRegistered(f"Code {code} is already registered.")


def check_expected_version(product: Product | None, expected_version: int | None) -> None:
    """A change made against a version refuses if the product has moved on."""
    if product is not None and expected_version is not None and expected_version != product.version:
        raise errors.StaleVersion(expected_version, product.version)
