"""The entry the log holds for one event: its public facts, and a hash of all of it.

An entry is the RFC 8785 (JCS) canonical JSON of what anyone may know of the event — its
log position, product code, version, kind, effective date, recording time and the public
fields of its kind — with the SHA-256 of the event's full canonical payload. The public log
so holds no personal data, no official's identity, notes or findings, yet commits to every
one of them: whoever holds the full event checks it against ``payload_sha256``. The public
reason is ``lifecycle.publication``'s, as the change feed publishes it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from lifecycle import correction_events as corrections, events, handoff_events
from lifecycle.describe import field_names
from lifecycle.events import ProductEvent
from lifecycle.place_events import PlaceRenamed
from lifecycle.publication import public_reason, reason_code
from lifecycle.renewal_events import RenewalNoticeGiven
from transparency import canonical

# What each kind of event is called in the log (the change feed's words, and evaluation).
KINDS: dict[type[ProductEvent], str] = {
    events.Registered: "registered",
    events.Evaluated: "evaluated",
    handoff_events.Forwarded: "forwarded",
    handoff_events.ProposedAsPotentialFiveStar: "proposed-potential-5-star",
    events.Starred: "certified",
    events.Suspended: "suspended",
    events.Reinstated: "reinstated",
    events.Revoked: "revoked",
    events.Removed: "removed",
    corrections.RegistrationCorrected: "corrected",
    corrections.OwnershipTransferred: "transferred",
    corrections.CorrectiveDeadlineExtended: "deadline-extended",
    RenewalNoticeGiven: "renewal-notice",  # its facts are not published
    PlaceRenamed: "place-renamed",
}


def jsonable(value: Any) -> Any:
    """``value`` in JSON's terms: dates in ISO 8601, enums by value, records as objects."""
    kind = type(value)
    if kind in AS_THEY_ARE:
        return value
    as_json = _AS_JSON.get(kind)
    if as_json is None:
        as_json = _AS_JSON[kind] = _as_json(kind)
    return as_json(value)


def _as_json(kind: type) -> Callable[[Any], Any]:
    """How ``jsonable`` turns a value of this type into JSON's terms (decided once a type)."""
    if issubclass(kind, (datetime, date)):
        return lambda value: value.isoformat()
    if issubclass(kind, Enum):
        return lambda value: jsonable(value.value)
    if issubclass(kind, (UUID, Decimal)):
        return str
    if dataclasses.is_dataclass(kind) and not issubclass(kind, type):
        names = field_names(kind)
        return lambda value: {name: jsonable(getattr(value, name)) for name in names}
    if issubclass(kind, dict):
        return lambda value: {str(key): jsonable(item) for key, item in value.items()}
    if issubclass(kind, (frozenset, set)):
        return lambda value: sorted((jsonable(item) for item in value), key=repr)
    if issubclass(kind, (list, tuple)):
        return lambda value: [jsonable(item) for item in value]
    return lambda value: value


# What ``jsonable`` answers unchanged, by exact type (not a subclass such as a str enum), and
# how it turns a value of each other type it met (``_as_json``).
AS_THEY_ARE = frozenset({str, int, bool, float, type(None)})
_AS_JSON: dict[type, Callable[[Any], Any]] = {}


def payload(event: ProductEvent) -> dict[str, Any]:
    """The event's full payload as JSON: its class name and every attribute it holds (what
    an auditor with the full event hands ``ocop verify --event``)."""
    return {"type": type(event).__name__, **jsonable(vars(event))}


def payload_hash(event: ProductEvent) -> str:
    """The SHA-256, in hex, of the canonical JSON of the event's full payload: the
    commitment to what the public entry leaves out."""
    return hashlib.sha256(canonical.dumps(payload(event))).hexdigest()


def public_fields(event: ProductEvent) -> dict[str, Any]:
    """The fields of an event's kind that the public reads (none of an evaluation's)."""
    if isinstance(event, events.Registered):
        where = event.location
        return {
            "name": event.name, "owner_name": event.owner.name,
            "owner_kind": event.owner.kind.value, "province": where.province,
            "district": where.district, "commune": where.commune, "group": event.group,
            "subgroup": event.subgroup, "criteria_set": event.criteria_set,
            "gtins": list(event.gtins),
        }  # fmt: skip
    if isinstance(event, events.Starred):
        return {
            "stars": event.stars, "certificate_number": event.certificate_number,
            "decision_ref": event.decision_ref, "issuing_level": jsonable(event.issuing_level),
            "criteria_set": event.criteria_set, "valid_from": event.valid_from.isoformat(),
            "valid_until": event.valid_until.isoformat(),
        }  # fmt: skip
    if isinstance(event, events.Suspended):
        return {
            "inspection_ref": event.inspection_ref, "public_reason": public_reason(event),
            "corrective_deadline": event.corrective_deadline.isoformat(),
        }  # fmt: skip
    if isinstance(event, events.Reinstated):
        return {"reinspection_ref": event.reinspection_ref, "public_reason": public_reason(event)}
    if isinstance(event, PlaceRenamed):
        return {"decision_ref": event.decision_ref, **jsonable(event.location)}
    if isinstance(event, (events.Revoked, events.Removed)):
        return {
            "decision_ref": event.decision_ref, "reason_code": reason_code(event),
            "public_reason": public_reason(event),
        }  # fmt: skip
    return correction_fields(event)


def correction_fields(event: ProductEvent) -> dict[str, Any]:
    """The public fields of an office's correction: the details as they read after it (the
    reason and the old details stay behind the payload's hash)."""
    if isinstance(event, corrections.RegistrationCorrected):
        return {"corrected": event.corrected(), "decision_ref": event.decision_ref}
    if isinstance(event, corrections.OwnershipTransferred):
        owner = event.owner
        return {"owner_name": owner.name, "owner_kind": owner.kind.value,
                "decision_ref": event.decision_ref}  # fmt: skip
    if isinstance(event, corrections.CorrectiveDeadlineExtended):
        return {"corrective_deadline": event.corrective_deadline.isoformat()}
    return {}


def entry(position: int, code: str, event: ProductEvent) -> bytes:
    """The log's entry for the event at ``position`` of the product ``code`` (the code is
    carried by the registration only, so the caller names it)."""
    facts: dict[str, Any] = {
        "position": position,
        "product": code,
        "version": event.originator_version,
        "kind": KINDS[type(event)],
        "effective_on": event.effective_on.isoformat(),
        "recorded_at": event.timestamp.isoformat(),
        "fields": public_fields(event),
        "payload_sha256": payload_hash(event),
    }
    return canonical.dumps(facts)


def leaf_index(position: int) -> int:
    """The tree's leaf of the event at a log position (positions start at 1, leaves at 0)."""
    return position - 1
