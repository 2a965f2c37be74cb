"""What goes into the register and what comes out: orders, their answers, and the
Idempotency-Key an order may carry.

A keyed order's answer is saved in the same transaction as the event that carries it out
(the store does it, see ``registry/answer_store.py``), so the store itself can say whether a
request was carried out, even after a crash between saving and answering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from lifecycle.commands import ProductCommand, RegisterProduct
from lifecycle.events import ProductEvent, Starred
from lifecycle.values import Actor


@dataclass(frozen=True)
class Request:
    """An order's Idempotency-Key: whose it is (scope), the key, what was asked (digest),
    and when it was received, in seconds since the epoch by the API's clock."""

    scope: str
    key: str
    digest: str
    received_at: float


@dataclass(frozen=True)
class Order:
    """One principal's command: a registration, or a change to the coded product (with the
    version it expects, its Idempotency-Key and the id of the HTTP request that gave it, if
    any: the id is kept beside the event, ``registry/request_ids.py``)."""

    actor: Actor
    command: RegisterProduct | ProductCommand
    code: str = ""
    expected_version: int | None = None
    request: Request | None = None
    request_id: str | None = None

    @property
    def product_code(self) -> str:
        """The code of the product the order is about (a registration names its own)."""
        command = self.command
        return command.code if isinstance(command, RegisterProduct) else self.code


@dataclass(frozen=True)
class Recorded:
    """What an accepted change answers: the product, its new version, the log position."""

    code: str
    event: str
    version: int
    position: int
    certificate_number: str | None = None

    def body(self) -> dict[str, Any]:
        """The answer as the API gives it (and replays it)."""
        body: dict[str, Any] = {
            "code": self.code,
            "event": self.event,
            "version": self.version,
            "position": self.position,
        }
        if self.certificate_number:
            body["certificate_number"] = self.certificate_number
        return body


@dataclass(frozen=True)
class Answered:
    """A keyed order's answer, saved with its event; the position is filled in by the store."""

    request: Request
    originator_id: UUID
    recorded: Recorded


def recorded(code: str, event: ProductEvent, position: int) -> Recorded:
    """The answer to an accepted change (with the certificate number when one was issued)."""
    return Recorded(
        code=code,
        event=type(event).__name__,
        version=event.originator_version,
        position=position,
        certificate_number=event.certificate_number if isinstance(event, Starred) else None,
    )


def answered(order: Order, code: str, event: ProductEvent) -> list[Answered]:
    """The answer to save with the order's event, if the order carries a key."""
    if order.request is None:
        return []
    return [Answered(order.request, event.originator_id, recorded(code, event, 0))]
