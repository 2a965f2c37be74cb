"""One id follows a write through the logs: the request's line, the command's line and the
projector's line for the event it recorded (issue 14, item 4). The id is the client's
``X-Request-ID`` when it is a safe token, else a new one; it is kept beside the event, never
in it (the public log hashes every payload)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.api import bodies
from tests.api.boundary import client, office_key, served
from tests.api.conftest import Api
from tests.projections.waiting import wait_until

TRACE = "trace-7f3a.1:retry-2"


def logged(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """The JSON lines logged so far."""
    out = capsys.readouterr().out
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_a_request_id_follows_a_write_from_the_request_to_the_projected_event(
    api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    answer: Any = api.post(
        "office_qn", "/v1/products", bodies.registration(), **{"X-Request-ID": TRACE}
    )
    assert answer.status_code == 201, answer.text
    assert answer.headers["x-request-id"] == TRACE
    position = int(answer.headers["X-Log-Position"])
    read = api.client.get("/v1/public/products/QN-0001", params={"position": position})
    assert read.status_code == 200  # the projector has applied the event
    lines: list[dict[str, Any]] = []

    def projected_line() -> dict[str, Any] | None:
        """The projector's line for the event, once logged: on PostgreSQL the read side
        learns of the commit by a notice, possibly before the projector logs its lines."""
        lines.extend(logged(capsys))
        return next((line for line in lines if line["event"] == "projector.applied"
                     and line["position"] == position), None)  # fmt: skip

    assert wait_until(lambda: projected_line() is not None)
    projected = projected_line()
    assert projected is not None
    request = next(
        line for line in lines if line["event"] == "request" and line["method"] == "POST"
    )
    command = next(line for line in lines if line["event"] == "command.accepted")
    assert request["request_id"] == command["request_id"] == projected["request_id"] == TRACE
    assert (projected["product"], projected["kind"]) == ("QN-0001", "Registered")
    assert command["position"] == position


def test_the_request_id_is_kept_beside_the_event_not_in_it(api: Api) -> None:
    answer: Any = api.post(
        "office_qn", "/v1/products", bodies.registration(), **{"X-Request-ID": TRACE}
    )
    assert answer.status_code == 201, answer.text
    history = api.client.get("/v1/products/QN-0001/history", headers=api.auth["auditor"])
    assert history.status_code == 200 and TRACE not in history.text
    stored = [event.__dict__ for event in api.services.registry.events_of("QN-0001")]
    assert TRACE not in repr(stored)


def test_a_write_without_an_id_gets_one_and_a_read_is_logged_with_its_own(
    api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    answer: Any = api.post("office_qn", "/v1/products", bodies.registration())
    given = answer.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", given)
    lines = logged(capsys)
    assert (
        next(line for line in lines if line["event"] == "command.accepted")["request_id"] == given
    )
    other = api.client.get("/healthz").headers["x-request-id"]
    assert other != given


@pytest.mark.parametrize(
    "given",
    ["two words", "x" * 129, "semi;colon", 'quote"d', "new\\nline", ""],
    ids=["space", "too-long", "semicolon", "quote", "backslash", "empty"],
)
def test_an_unsafe_request_id_is_replaced_by_a_new_one(sqlite_url: str, given: str) -> None:
    with served(sqlite_url) as (app, _), client(app) as http:
        answer = http.get("/healthz", headers={"X-Request-ID": given})
    assert answer.status_code == 200
    assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["x-request-id"])


def test_a_refusal_is_logged_with_its_code_and_the_request_id(
    api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    refused: Any = api.post(
        "inspector_qn",
        "/v1/products/QN-0404/suspensions",
        bodies.suspension(),
        **{"X-Request-ID": TRACE},
    )
    assert refused.json()["code"] == "product-not-found"
    line = next(line for line in logged(capsys) if line["event"] == "request")
    assert (line["request_id"], line["status"], line["code"]) == (TRACE, 404, "product-not-found")
    assert line["route"] == "/v1/products/{code}/suspensions"


def test_below_info_the_projector_logs_no_line_per_event(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with served(sqlite_url, log_level="warning") as (app, services), client(app) as http:
        written = http.post(
            "/v1/products", json=bodies.registration(), headers=office_key(services)
        )
        assert written.status_code == 201, written.text
        position = written.headers["X-Log-Position"]
        assert (
            http.get("/v1/public/products/QN-0001", params={"position": position}).status_code
            == 200
        )
    assert "projector.applied" not in capsys.readouterr().out
