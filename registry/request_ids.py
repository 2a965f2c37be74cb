"""The id of the request that gave each order, kept beside its event.

Why beside and not in the event: the public log commits to the SHA-256 of every event's
payload, so the payload's shape never changes for an operational detail. The request id is
kept instead in a table of its own, ``(position, request_id)``, inserted by the store's
recorders (``registry/answer_store.py``) in the very transaction that inserts the events,
so the projector, in whatever process it runs, can name the request behind each event it
applies, and the request's, the command's and the projected event's log lines share one id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from lifecycle.events import ProductEvent
from registry.orders import Order

REQUEST_IDS = "ocop_request_ids"
REQUEST_IDS_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS {table} (position BIGINT PRIMARY KEY, request_id TEXT NOT NULL)"
)
INSERT_REQUEST_ID = "INSERT INTO {table} VALUES (?, ?)"


@dataclass(frozen=True)
class Traced:
    """An event about to be saved, and the id of the request that gave its order."""

    originator_id: UUID
    version: int
    request_id: str


def traced(order: Order, event: ProductEvent) -> list[Traced]:
    """The request id to save beside the order's event, if the order came with one."""
    if not order.request_id:
        return []
    return [Traced(event.originator_id, event.originator_version, order.request_id)]


def request_id_rows(
    traces: Sequence[Traced], stored_events: Sequence[StoredEvent], positions: Sequence[int]
) -> list[tuple[object, ...]]:
    """One ``(position, request_id)`` row per traced event, at the position it was just given."""
    position_of = {
        (str(event.originator_id), event.originator_version): position
        for event, position in zip(stored_events, positions, strict=True)
    }
    return [
        (position_of[(str(trace.originator_id), trace.version)], trace.request_id)
        for trace in traces
    ]
