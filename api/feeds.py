"""The change feed's formats: CloudEvents envelopes (JSON and Server-Sent Events) and Atom
1.0 for feed readers, all made from the same public facts of each change.

Ids are stable for ever: a CloudEvent's ``id`` and an SSE ``id:`` are the change's log
position, an Atom entry's id is ``urn:ocop:change:<position>``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree

from api.schemas.changes import ChangeFacts, CloudEvent
from projections import public_changes
from storage.sql import Row

SOURCE = "urn:ocop:register"
TYPE = "vn.ocop.product."
ATOM = "http://www.w3.org/2005/Atom"
ATOM_MEDIA_TYPE = "application/atom+xml"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def utc(moment: datetime) -> datetime:
    """The moment in UTC, whatever zone the database answered in."""
    return moment.astimezone(UTC)


def cloud_event(row: Row) -> CloudEvent:
    """The change as a CloudEvents 1.0 event."""
    return CloudEvent(
        id=str(row["position"]),
        source=SOURCE,
        type=TYPE + row["kind"],
        subject=row["code"],
        time=utc(row["recorded_at"]),
        data=ChangeFacts.model_validate(public_changes.public(row)),
    )


def server_sent(row: Row) -> bytes:
    """The change as one Server-Sent Event: ``id:`` its position, ``data:`` the CloudEvent."""
    data = json.dumps(cloud_event(row).model_dump(mode="json"), ensure_ascii=False)
    return f"id: {row['position']}\ndata: {data}\n\n".encode()


def summary(facts: dict[str, Any]) -> str:
    """One line a feed reader shows for the change."""
    said = [f"{facts['code']} ({facts['name']}, {facts['province']}): {facts['kind']} "
            f"on {facts['effective_on']}, status {facts['status']}."]  # fmt: skip
    if facts["certificate_number"]:
        said.append(f"Certificate {facts['certificate_number']}.")
    if facts["public_reason"]:
        said.append(f"Reason: {facts['public_reason']}")
    return " ".join(said)


def atom(rows: Sequence[Row], *, feed_id: str, self_url: str, product_url: str) -> bytes:
    """An Atom 1.0 feed of the changes, newest first. ``product_url`` has a ``{code}``."""
    ElementTree.register_namespace("", ATOM)

    def add(parent: ElementTree.Element, tag: str, text: str | None = None, **attrs: str) -> Any:
        child = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        child.text = text
        return child

    newest = sorted(rows, key=lambda row: row["position"], reverse=True)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    add(feed, "id", feed_id)
    add(feed, "title", "OCOP register: public changes")
    updated = max((utc(row["recorded_at"]) for row in rows), default=EPOCH)
    add(feed, "updated", updated.isoformat())
    add(add(feed, "author"), "name", "OCOP certification register")
    add(feed, "link", rel="self", href=self_url)
    for row in newest:
        event = cloud_event(row)
        facts = event.data.model_dump(mode="json")
        entry = add(feed, "entry")
        add(entry, "id", f"urn:ocop:change:{row['position']}")
        add(entry, "title", f"{row['code']} {row['name']}: {row['kind']}")
        add(entry, "updated", event.time.isoformat())
        add(entry, "link", rel="alternate", href=product_url.format(code=row["code"]))
        add(entry, "category", term=event.type)
        add(entry, "summary", summary(facts), type="text")
    written: bytes = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return written
