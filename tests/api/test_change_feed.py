"""The change feed through HTTP: changes recorded through the API, after any cursor, as
CloudEvents in JSON, as Atom and as Server-Sent Events; by province; nothing personal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ocop.services import build_services
from ocop.settings import Settings
from tests.api import bodies
from tests.api.conftest import PRINCIPALS, Api
from tests.conftest import fixed_today

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


@pytest.fixture
def feed(store_url: str) -> Iterator[Api]:
    """The API with live tails that end after half a second, saying 'keep-alive' often."""
    settings = Settings(
        database_url=store_url,
        change_stream_seconds=0.5,
        change_stream_keepalive_seconds=0.1,
        change_streams_at_once=2,
    )
    services = build_services(settings, clock=fixed_today)
    auth = {}
    for name, (role, level, province) in PRINCIPALS.items():
        key, _ = services.keys.create(role, level=level, province=province, principal_id=name)
        auth[name] = {"Authorization": f"Bearer {key}"}
    with TestClient(create_app(services), raise_server_exceptions=False) as client:
        yield Api(client, services, auth)
    services.close()


def a_story(api: Api) -> int:
    """QN-0001 registered, certified, suspended and reinstated; HG-0001 registered between;
    with private notes, findings and tax id. The last write's position, once projected."""
    owner = {"organisation_id": PRIVATE["organisation_id"], "name": "HTX Yên Tử",
             "kind": "cooperative"}  # fmt: skip
    steps = [
        ("office_qn", "/v1/products",
         bodies.registration(owner=owner, note=PRIVATE["registration_note"])),
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


def test_changes_recorded_through_the_api_appear_in_json_atom_and_sse_in_log_order(
    feed: Api,
) -> None:
    a_story(feed)
    page = feed.client.get(CHANGES).json()
    kinds = [(item["subject"], item["type"]) for item in page["items"]]
    assert kinds == [
        ("QN-0001", "vn.ocop.product.registered"),
        ("QN-0001", "vn.ocop.product.certified"),
        ("HG-0001", "vn.ocop.product.registered"),
        ("QN-0001", "vn.ocop.product.suspended"),
        ("QN-0001", "vn.ocop.product.reinstated"),
    ]
    ids = [item["id"] for item in page["items"]]
    assert [int(i) for i in ids] == sorted(int(i) for i in ids)  # log order; evaluation left out
    suspended = page["items"][3]
    assert suspended["specversion"] == "1.0" and suspended["source"] == "urn:ocop:register"
    assert suspended["data"]["status"] == "suspended" and suspended["data"]["stars"] == 4
    assert suspended["data"]["public_reason"] == bodies.suspension()["reason"]
    assert suspended["data"]["inspection_ref"] == "45/BB-KT"
    assert page["next"] == int(ids[-1])
    atom = feed.client.get(ATOM_FEED)
    assert atom.headers["content-type"].startswith("application/atom+xml")
    assert atom_entries(atom.content) == [f"urn:ocop:change:{i}" for i in reversed(ids)]
    stream = feed.client.get(STREAM)
    assert stream.headers["content-type"].startswith("text/event-stream")
    events, comments = server_sent(stream.text)
    assert [event["id"] for event in events] == ids
    assert events == [{"id": item["id"], **item} for item in page["items"]]
    assert "keep-alive" in comments and comments[-1].startswith("this stream ends here")


def test_the_feed_pages_on_from_next_and_an_answer_never_changes(feed: Api) -> None:
    a_story(feed)
    whole = feed.client.get(CHANGES).json()["items"]
    walked, cursor = [], 0
    while True:
        page = feed.client.get(CHANGES, params={"after": cursor, "limit": 2}).json()
        if not page["items"]:
            break
        walked += page["items"]
        cursor = page["next"]
    assert walked == whole
    first_page = feed.client.get(CHANGES, params={"limit": 2}).json()
    feed.post("office_qn", "/v1/products", bodies.registration("QN-0002"))
    assert feed.client.get(CHANGES, params={"limit": 2}).json() == first_page
    atom_after = feed.client.get(ATOM_FEED, params={"after": whole[1]["id"], "limit": 2})
    assert atom_entries(atom_after.content) == [
        f"urn:ocop:change:{item['id']}" for item in reversed(whole[2:4])
    ]


def test_a_live_tail_resumes_after_its_last_event_id(feed: Api) -> None:
    a_story(feed)
    ids = [item["id"] for item in feed.client.get(CHANGES).json()["items"]]
    resumed, _ = server_sent(feed.client.get(STREAM, headers={"Last-Event-ID": ids[1]}).text)
    assert [event["id"] for event in resumed] == ids[2:]
    overriding = feed.client.get(STREAM, params={"after": 0}, headers={"Last-Event-ID": ids[3]})
    assert [event["id"] for event in server_sent(overriding.text)[0]] == ids[4:]
    after, _ = server_sent(feed.client.get(STREAM, params={"after": ids[0]}).text)
    assert [event["id"] for event in after] == ids[1:]


@pytest.mark.parametrize("province", ["Hà Giang", "ha giang", "HÀ GIANG"])
def test_each_format_keeps_to_one_province(feed: Api, province: str) -> None:
    a_story(feed)
    page = feed.client.get(CHANGES, params={"province": province}).json()
    assert [item["subject"] for item in page["items"]] == ["HG-0001"]
    assert page["next"] == feed.services.read_side.position()  # the filtered feed moves on
    atom = feed.client.get(ATOM_FEED, params={"province": province}).content
    assert atom_entries(atom) == [f"urn:ocop:change:{page['items'][0]['id']}"]
    events, _ = server_sent(feed.client.get(STREAM, params={"province": province}).text)
    assert [event["subject"] for event in events] == ["HG-0001"]
    nowhere = feed.client.get(CHANGES, params={"province": "Đắk Lắk"}).json()
    assert nowhere["items"] == [] and nowhere["next"] == page["next"]


@pytest.mark.parametrize(
    ("cursor", "status", "code"),
    [
        ("-1", 422, "invalid-cursor"),
        ("abc", 422, "invalid-cursor"),
        ("1.5", 422, "invalid-cursor"),
        ("1" * 19, 422, "invalid-cursor"),
        ("999", 400, "position-beyond-head"),
    ],
)
def test_a_bad_cursor_is_refused_as_a_problem(
    feed: Api, cursor: str, status: int, code: str
) -> None:
    a_story(feed)
    answers = [
        feed.client.get(CHANGES, params={"after": cursor}),
        feed.client.get(ATOM_FEED, params={"after": cursor}),
        feed.client.get(STREAM, params={"after": cursor}),
        feed.client.get(STREAM, headers={"Last-Event-ID": cursor}),
    ]
    for answer in answers:
        assert answer.status_code == status, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == code


def test_no_format_carries_personal_data_or_the_officials_notes(feed: Api) -> None:
    position = a_story(feed)
    answers = [
        feed.client.get(CHANGES).content,
        feed.client.get(ATOM_FEED).content,
        feed.client.get(STREAM).content,
        feed.client.get("/v1/public/register.csv", params={"position": position}).content,
        feed.client.get("/v1/public/register.json", params={"position": position}).content,
        feed.client.get("/v1/public/register.csv", params={"as_of": "2020-03-01"}).content,
    ]
    told = b"\n".join(answers).decode()
    assert "QN-0001" in told and "HTX Yên Tử" in told  # the answers hold the public facts
    for secret in (*PRIVATE.values(), "0912 345 678", "office_qn", "inspector_qn"):
        assert secret not in told, secret


def test_live_tails_beyond_the_cap_are_refused_until_one_ends(feed: Api) -> None:
    places = feed.client.app.state.change_streams  # type: ignore[attr-defined]
    held = [places.hold(), places.hold()]
    refused = feed.client.get(STREAM)
    assert refused.status_code == 503 and refused.headers["retry-after"]
    assert refused.json()["code"] == "too-many-streams"
    held.pop()()
    assert feed.client.get(STREAM).status_code == 200
    assert places.held == 1  # the tail that ended gave its place back


def test_a_cursor_is_digits_to_the_very_end_and_checked_even_beside_last_event_id(
    feed: Api,
) -> None:
    """``$`` alone would let "1\\n" through; and a resumed stream still checks its ?after=."""
    a_story(feed)
    assert feed.client.get(CHANGES, params={"after": "1\n"}).json()["code"] == "invalid-cursor"
    beside = feed.client.get(STREAM, params={"after": "x"}, headers={"Last-Event-ID": "1"})
    assert beside.status_code == 422 and beside.json()["code"] == "invalid-cursor"
