"""Nothing a client sends is a 500; what is unexpected is a logged 500 problem with the
request id; only a store out of reach is a 503; a 405 says what is allowed (8.4, 8.5)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from eventsourcing.persistence import OperationalError, ProgrammingError

from api.deps import LAST_POSITION
from api.outages import store_lost
from tests.api.boundary import client, served
from tests.api.conftest import Api

BIGINT = 2**63 - 1  # the largest integer either store can hold


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/events", {"after": str(BIGINT + 1)}),
        ("/v1/events", {"after": str(LAST_POSITION + 1)}),
        ("/v1/events", {"after": "9" * 40}),
        ("/v1/public/products", {"position": str(BIGINT + 1)}),
        ("/v1/products/QN-0001/state", {"version": str(BIGINT + 1)}),
    ],
)
def test_integers_too_large_for_the_store_are_refused_as_invalid(
    api: Api, path: str, params: dict[str, str]
) -> None:
    response = api.client.get(path, params=params, headers=api.auth["auditor"])
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid-request"


def test_the_largest_position_is_still_a_valid_after(api: Api) -> None:
    response = api.get("auditor", "/v1/events", after=LAST_POSITION)
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    assert response.json()["events"] == []  # type: ignore[attr-defined]


def boom() -> None:
    raise RuntimeError("a defect nobody foresaw")


def lost_file() -> None:
    raise sqlite3.OperationalError("unable to open database file")


def bad_query() -> None:
    raise sqlite3.OperationalError("no such column: nonsense")


def test_an_unexpected_failure_is_a_500_problem_with_the_request_id_and_a_logged_traceback(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with served(sqlite_url) as (app, _):
        app.add_api_route("/boom", boom)
        with client(app) as http:
            response = http.get("/boom", headers={"X-Request-Id": "req-42"})
            assert http.get("/healthz").status_code == 200  # the service goes on
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "req-42"
    problem = response.json()
    assert (problem["code"], problem["request_id"]) == ("internal-error", "req-42")
    assert "a defect nobody foresaw" not in response.text
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    logged = next(line for line in lines if line.get("event") == "unexpected failure")
    assert logged["request_id"] == "req-42"
    assert "RuntimeError: a defect nobody foresaw" in logged["exception"]


def test_only_a_store_out_of_reach_is_a_503(sqlite_url: str) -> None:
    with served(sqlite_url) as (app, _):
        app.add_api_route("/lost", lost_file)
        app.add_api_route("/bad", bad_query)
        with client(app) as http:
            lost, bad = http.get("/lost"), http.get("/bad")
    assert (lost.status_code, lost.json()["code"]) == (503, "store-unavailable")
    assert (bad.status_code, bad.json()["code"]) == (500, "internal-error")


def test_store_failures_are_told_apart_by_what_they_mean() -> None:
    def wrapped(cause: Exception, wrapper: type[Exception]) -> Exception:
        try:
            raise wrapper(str(cause)) from cause
        except Exception as error:
            return error

    assert store_lost(sqlite3.OperationalError("database is locked"))
    assert store_lost(wrapped(sqlite3.OperationalError("disk I/O error"), OperationalError))
    assert not store_lost(sqlite3.OperationalError("no such table: x"))
    assert not store_lost(wrapped(sqlite3.ProgrammingError("closed"), ProgrammingError))
    assert not store_lost(RuntimeError("database is locked"))
    assert store_lost(OperationalError("no connection left in the pool"))
    assert not store_lost(ProgrammingError("a defect"))


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("TRACE", "/healthz", "GET"),
        ("DELETE", "/v1/public/products", "GET"),
        ("PUT", "/v1/products", "POST"),
        ("GET", "/v1/products/QN-0001/removal", "POST"),
    ],
)
def test_a_405_says_which_methods_are_allowed(
    sqlite_url: str, method: str, path: str, allowed: str
) -> None:
    with served(sqlite_url) as (app, _), client(app) as http:
        response = http.request(method, path)
    assert response.status_code == 405
    assert response.json()["code"] == "method-not-allowed"
    assert allowed in response.headers["Allow"].split(", ")
