"""The live tail over a real socket (uvicorn): a change recorded through the API while a
stream is open arrives on it, in log order; a stream resumes from Last-Event-ID; and no
more streams are held than the cap allows."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from lifecycle.values import Level, Role
from ocop.services import build_services
from ocop.settings import Settings
from tests.api import bodies
from tests.api.test_live_server import free_port, wait_until
from tests.conftest import fixed_today

STREAM = "/v1/public/changes/stream"
KEYS = {
    "office": (Role.PROGRAMME_OFFICE, None),
    "council": (Role.EVALUATION_COUNCIL, Level.PROVINCE),
    "council_district_qn": (Role.EVALUATION_COUNCIL, Level.DISTRICT),
    "authority": (Role.CERTIFYING_AUTHORITY, Level.PROVINCE),
}


class Tail:
    """An open event stream, read line by line in a thread of its own."""

    def __init__(self, base: str, **request: Any) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._read, args=(base, request), daemon=True)
        self.thread.start()

    def _read(self, base: str, request: dict[str, Any]) -> None:
        with httpx.stream("GET", base + STREAM, timeout=30, **request) as answer:
            self.lines.put(f"status: {answer.status_code}")
            for line in answer.iter_lines():
                self.lines.put(line)
                if self.stop.is_set():
                    return

    def until(self, wanted: str) -> list[str]:
        """The lines up to one starting with ``wanted`` (failing after 30 s without it)."""
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=30)
            except queue.Empty:
                pytest.fail(f"no {wanted!r} on the stream; saw {seen}")
            seen.append(line)
            if line.startswith(wanted):
                return seen

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=30)


def events_in(lines: list[str]) -> list[dict[str, Any]]:
    return [json.loads(line.removeprefix("data: ")) for line in lines if line.startswith("data:")]


@pytest.fixture
def served(store_url: str) -> Iterator[tuple[str, dict[str, dict[str, str]], Any]]:
    """uvicorn serving the API with one live tail allowed at a time; keys by role."""
    settings = Settings(
        database_url=store_url,
        change_streams_at_once=1,
        change_stream_seconds=60,
        change_stream_keepalive_seconds=0.2,
    )
    services = build_services(settings, clock=fixed_today)
    headers = {}
    for name, (role, level) in KEYS.items():
        key, _ = services.keys.create(role, level=level, province="Quảng Ninh", principal_id=name)
        headers[name] = {"Authorization": f"Bearer {key}"}
    app = create_app(services)
    server = uvicorn.Server(uvicorn.Config(app, port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started)
    yield f"http://127.0.0.1:{server.config.port}", headers, app
    server.should_exit = True
    thread.join(timeout=30)
    services.close()


def test_a_change_recorded_while_a_stream_is_open_arrives_on_it(
    served: tuple[str, dict[str, dict[str, str]], Any],
) -> None:
    base, keys, app = served
    registered = httpx.post(
        base + "/v1/products", json=bodies.registration(), headers=keys["office"]
    )
    start = registered.json()["position"]
    tail = Tail(base, params={"after": start})
    try:
        assert tail.until("status:") == ["status: 200"]
        tail.until(": public changes after")
        beyond = httpx.get(base + STREAM, timeout=30)
        assert beyond.status_code == 503 and beyond.json()["code"] == "too-many-streams"
        handed_up = [(who, path.removeprefix("/v1/products/QN-0001"), body)
                     for who, path, body in bodies.handed_up()]  # fmt: skip
        for who, path, body in [
            *handed_up,
            ("council", "/evaluations", bodies.evaluation()),
            ("authority", "/certificates", bodies.certificate()),
        ]:
            answer = httpx.post(base + "/v1/products/QN-0001" + path, json=body, headers=keys[who])
            assert answer.status_code == 201, answer.text
        certified = answer.json()["position"]
        lines = tail.until("data:")
        assert [line for line in lines if line.startswith("id:")] == [f"id: {certified}"]
        (event,) = events_in(lines)
        assert event["type"] == "vn.ocop.product.certified" and event["subject"] == "QN-0001"
        assert event["data"]["certificate_number"] == "QN-0001-C1"
        tail.until(": keep-alive")
    finally:
        tail.close()
    places = app.state.change_streams
    wait_until(lambda: places.held == 0)  # the server saw the client go, and gave back its place
    resumed = Tail(base, headers={"Last-Event-ID": str(start)})
    try:
        assert resumed.until("status:") == ["status: 200"]
        lines = resumed.until("data:")
        assert [line for line in lines if line.startswith("id:")] == [f"id: {certified}"]
    finally:
        resumed.close()
