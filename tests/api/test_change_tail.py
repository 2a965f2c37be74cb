"""The live tail through HTTP, in process: it resumes after Last-Event-ID, checks every
cursor it is given, and holds no more streams than allowed (see also the real server's test,
``test_change_stream_live``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api.conftest import Api
from tests.api.feed_story import CHANGES, STREAM, a_story, feed_api, server_sent


@pytest.fixture
def feed(store_url: str) -> Iterator[Api]:
    with feed_api(store_url) as api:
        yield api


def test_a_live_tail_resumes_after_its_last_event_id(feed: Api) -> None:
    a_story(feed)
    ids = [item["id"] for item in feed.client.get(CHANGES).json()["items"]]
    resumed, _ = server_sent(feed.client.get(STREAM, headers={"Last-Event-ID": ids[1]}).text)
    assert [event["id"] for event in resumed] == ids[2:]
    overriding = feed.client.get(STREAM, params={"after": 0}, headers={"Last-Event-ID": ids[3]})
    assert [event["id"] for event in server_sent(overriding.text)[0]] == ids[4:]
    after, _ = server_sent(feed.client.get(STREAM, params={"after": ids[0]}).text)
    assert [event["id"] for event in after] == ids[1:]


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
