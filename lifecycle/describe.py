"""Plain, JSON-ready accounts of events and states, shared by every reader of the register.

The command line, the auditor's endpoints and the audit trail all describe an event and a
product's state the same way, so their answers can be compared field by field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from lifecycle.events import Evaluated, ProductEvent
from lifecycle.history import Step
from lifecycle.product import Product

ENVELOPE = frozenset(
    {"originator_id", "originator_version", "timestamp", "originator_topic", "actor", "note"}
)


@cache
def field_names(value_type: type[Any]) -> tuple[str, ...]:
    """The field names of a dataclass type (looked up once per type)."""
    return tuple(f.name for f in dataclasses.fields(value_type))


def as_number(value: Decimal) -> int | float:
    """Points as a JSON number: whole points as integers, others (at most two places) as
    the float that prints them."""
    return int(value) if value == value.to_integral_value() else float(value)


def plain(value: Any) -> Any:
    """The value with dates as ISO strings, enums as their values, values as mappings,
    points as numbers."""
    kind = type(value)
    if kind in AS_THEY_ARE:
        return value
    as_plain = _AS_PLAIN.get(kind)
    if as_plain is None:
        as_plain = _AS_PLAIN[kind] = _as_plain(kind)
    return as_plain(value)


def _as_plain(kind: type) -> Callable[[Any], Any]:
    """How ``plain`` turns a value of this type (decided once a type)."""
    if issubclass(kind, Decimal):
        return as_number
    if issubclass(kind, Enum):
        return lambda value: value.value
    if issubclass(kind, (date, datetime)):
        return lambda value: value.isoformat()
    if dataclasses.is_dataclass(kind) and not issubclass(kind, type):
        names = field_names(kind)
        return lambda value: {name: plain(getattr(value, name)) for name in names}
    if issubclass(kind, dict):
        return lambda value: {str(k): plain(v) for k, v in value.items()}
    if issubclass(kind, (list, tuple)):
        return lambda value: [plain(v) for v in value]
    return lambda value: value


# What ``plain`` answers unchanged, by exact type (not a subclass such as a str enum), and
# how it turns a value of each other type it met (``_as_plain``).
AS_THEY_ARE = frozenset({str, int, bool, float, type(None)})
_AS_PLAIN: dict[type, Callable[[Any], Any]] = {}


def event_facts(event: ProductEvent) -> dict[str, Any]:
    """The facts an event records, without the store's envelope."""
    facts = {
        name: plain(getattr(event, name))
        for name in field_names(type(event))
        if name not in ENVELOPE and name != "effective_on"
    }
    if isinstance(event, Evaluated):  # the evaluation's own facts, as auditors always read them
        facts.update(facts.pop("evaluation"))
        del facts["evaluated_on"]  # the event's effective date
    return facts


def describe_event(event: ProductEvent) -> dict[str, Any]:
    """One event: version, type, dates, actor, note and its facts."""
    return {
        "version": event.originator_version,
        "type": type(event).__name__,
        "effective_on": event.effective_on.isoformat(),
        "recorded_at": event.timestamp.isoformat(),
        "actor": plain(event.actor),
        "note": event.note,
        "facts": event_facts(event),
    }


def describe_state(product: Product, day: date) -> dict[str, Any]:
    """A product's state as read on ``day`` (expiry is judged against that day)."""
    certificate = product.certificate
    return {
        "code": product.code,
        "name": product.name,
        "owner": plain(product.owner),
        "location": plain(product.location),
        "group": product.group,
        "subgroup": product.subgroup,
        "status": product.status_on(day).value,
        "read_on": day.isoformat(),
        "stars": certificate.stars if certificate else None,
        "certificate": plain(certificate),
        "suspension_reason": product.suspension_reason,
        "pending_evaluation": plain(product.evaluation),
        "handed_to": plain(product.handed_to),
        "certificates_issued": product.certificates_issued,
        "version": product.version,
        "last_effective_on": product.last_effective_on.isoformat(),
    }


def history_of(steps: list[Step]) -> list[dict[str, Any]]:
    """Every event with the state after it, read on the event's own effective date."""
    return [
        {"event": describe_event(s.event), "state": describe_state(s.state, s.event.effective_on)}
        for s in steps
    ]
