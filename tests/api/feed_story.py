"""The change feed's test story, and readers of its formats: an API whose live tails end
soon, a product's changes recorded through it, Server-Sent Events and Atom taken apart."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from xml.etree import ElementTree

from ocop.settings import Settings
from tests.api import bodies
from tests.api.conftest import Api, api_over

CHANGES, ATOM_FEED, STREAM = (
    "/v1/public/changes",
    "/v1/public/changes.atom",
    "/v1/public/changes/stream",
)
ATOM = "{http://www.w3.org/2005/Atom}"
# What the record holds but the public never reads: notes, findings, the owner's tax id.
PRIVATE = {
    "organisation_id": "TAXID-7731-PRIVATE",
    "registration_note": "Liên hệ: 0912 345 678, chu.hop.tac.xa@example.vn",
    "findings": "FINDINGS-PRIVATE: hàm lượng tinh dầu thấp",
    "suspension_note": "NOTE-PRIVATE: người phụ trách Nguyễn Văn A",
    "corrected": "CORRECTED-PRIVATE: dây chuyền mới",
}


@contextmanager
def feed_api(store_url: str) -> Iterator[Api]:
    """The API with live tails that end after half a second, saying 'keep-alive' often."""
    with api_over(
        Settings(
            database_url=store_url,
            change_stream_seconds=0.5,
            change_stream_keepalive_seconds=0.1,
            change_streams_at_once=2,
        )
    ) as api:
        yield api


def a_story(api: Api) -> int:
    """QN-0001 registered, certified, suspended and reinstated; HG-0001 registered between;
    with private notes, findings and tax id. The last write's position, once projected."""
    owner = {"organisation_id": PRIVATE["organisation_id"], "name": "HTX Yên Tử",
             "kind": "cooperative"}  # fmt: skip
    steps = [
        ("office_qn", "/v1/products",
         bodies.registration(owner=owner, note=PRIVATE["registration_note"])),
        *bodies.handed_up(),  # the district's evaluation and forwarding: not published
        ("council_province_qn", "/v1/products/QN-0001/evaluations", bodies.evaluation()),
        ("authority_province_qn", "/v1/products/QN-0001/certificates", bodies.certificate()),
        ("office_hg", "/v1/products", bodies.registration("HG-0001", location=bodies.HG_LOCATION)),
        ("inspector_qn", "/v1/products/QN-0001/suspensions",
         bodies.suspension(findings=PRIVATE["findings"], note=PRIVATE["suspension_note"])),
        ("inspector_qn", "/v1/products/QN-0001/reinstatements",
         bodies.reinstatement(corrected=PRIVATE["corrected"])),
    ]  # fmt: skip
    for who, path, body in steps:
        answer: Any = api.post(who, path, body)
        assert answer.status_code == 201, answer.text
    position = int(answer.json()["position"])
    assert api.services.read_side.wait_for(position)
    return position


def server_sent(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The events (id and CloudEvent) and the comments of an event stream."""
    events, comments = [], []
    for block in text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "data" in fields:
            events.append({"id": fields["id"], **json.loads(fields["data"])})
        comments += [line[2:] for line in block.splitlines() if line.startswith(": ")]
    return events, comments


def atom_entries(content: bytes) -> list[str]:
    """The ids of a valid Atom feed's entries, in the document's order."""
    feed = ElementTree.fromstring(content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    ids = []
    for entry in feed.iter(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        ids.append(entry.findtext(f"{ATOM}id", ""))
    return ids
