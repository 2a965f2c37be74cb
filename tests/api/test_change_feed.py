"""The change feed through HTTP: changes recorded through the API, after any cursor, as
CloudEvents in JSON, as Atom and as Server-Sent Events; by province; nothing personal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api import bodies
from tests.api.conftest import Api
from tests.api.feed_story import (
    ATOM_FEED,
    CHANGES,
    PRIVATE,
    STREAM,
    a_story,
    atom_entries,
    feed_api,
    server_sent,
)


@pytest.fixture
def feed(store_url: str) -> Iterator[Api]:
    with feed_api(store_url) as api:
        yield api


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
