"""Read-your-writes waits are bounded: a position the log has not reached is the client's
mistake, answered at once, and only so many reads wait at a time (issue 8.3)."""

from __future__ import annotations

import inspect

import pytest

from api.routers import health
from projections import PositionBeyondHead, TooManyWaits
from projections.waiting import Waiting
from tests.api import bodies
from tests.api.boundary import client, office_key, served
from tests.api.conftest import Api


def test_a_position_beyond_the_log_is_refused_at_once(api: Api) -> None:
    api.post("office_qn", "/v1/products", bodies.registration())
    for response in (
        api.get(None, "/v1/public/products/QN-0001", position=999_999_999),
        api.client.get("/v1/public/products", headers={"X-Log-Position": "999999999"}),
        api.get("auditor", "/v1/events", position=2),
    ):
        assert response.status_code == 400, response.text  # type: ignore[attr-defined]
        problem = response.json()  # type: ignore[attr-defined]
        assert (problem["code"], problem["head"]) == ("position-beyond-head", 1)
    assert api.get(None, "/v1/public/products/QN-0001", position=1).status_code == 200  # type: ignore[attr-defined]


def test_waits_beyond_the_allowed_number_are_answered_503_at_once(sqlite_url: str) -> None:
    with (
        served(sqlite_url, run_projector=False, waits_at_once=2) as (app, services),
        client(app) as http,
    ):
        written = http.post(
            "/v1/products", json=bodies.registration(), headers=office_key(services)
        )
        position = written.json()["position"]
        assert services.read_side.position() < position  # no projector: a read would wait
        for _ in range(2):  # two reads already waiting
            assert services.read_side.waiting.places.acquire(blocking=False)
        response = http.get("/v1/public/products/QN-0001", params={"position": position})
        assert response.status_code == 503
        assert response.json()["code"] == "too-many-waits"
        assert response.headers["Retry-After"] == "1"
        assert http.get("/healthz").status_code == 200


def test_a_read_that_needs_no_wait_takes_no_place_among_the_waits(sqlite_url: str) -> None:
    with served(sqlite_url, waits_at_once=1) as (app, services), client(app) as http:
        written = http.post(
            "/v1/products", json=bodies.registration(), headers=office_key(services)
        )
        position = written.json()["position"]
        assert services.read_side.wait_for(position, timeout=10)
        assert services.read_side.waiting.places.acquire(blocking=False)  # the only place is taken
        response = http.get("/v1/public/products/QN-0001", params={"position": position})
        assert response.status_code == 200


def test_liveness_is_answered_on_the_event_loop_not_by_a_worker_thread() -> None:
    assert inspect.iscoroutinefunction(health.alive)


class TestWaiting:
    """The rules of waiting alone, over a log and a projection the test moves by hand."""

    def test_a_position_already_projected_needs_no_place(self) -> None:
        waiting = Waiting(at_once=1)
        assert waiting.places.acquire(blocking=False)
        assert waiting.until(3, 0, projected=lambda: 3, head=lambda: 9)

    def test_a_position_past_the_head_is_refused_with_the_head(self) -> None:
        with pytest.raises(PositionBeyondHead) as refused:
            Waiting(at_once=1).until(10, 5, projected=lambda: 3, head=lambda: 9)
        assert (refused.value.position, refused.value.head) == (10, 9)

    def test_a_wait_beyond_the_allowed_number_is_refused(self) -> None:
        waiting = Waiting(at_once=1)
        assert waiting.places.acquire(blocking=False)
        with pytest.raises(TooManyWaits):
            waiting.until(5, 5, projected=lambda: 3, head=lambda: 9)

    def test_a_wait_ends_when_the_projection_arrives_and_gives_its_place_back(self) -> None:
        positions = iter([3, 3, 4, 5])
        waiting = Waiting(at_once=1)
        assert waiting.until(5, 60, projected=lambda: next(positions), head=lambda: 9)
        assert waiting.places.acquire(blocking=False)

    def test_a_wait_that_runs_out_of_time_says_so_and_gives_its_place_back(self) -> None:
        waiting = Waiting(at_once=1)
        assert not waiting.until(5, 0, projected=lambda: 3, head=lambda: 9)
        assert waiting.places.acquire(blocking=False)
