"""The real server over a socket: as `make run` starts it, and under 20 racing writers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from lifecycle.values import Level, Role
from ocop.services import build_services
from ocop.settings import Settings
from tests.api import bodies
from tests.conftest import fixed_today
from transparency.note import Checkpoint, SigningKey


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(condition: object, timeout: float = 30.0) -> None:
    """Polls ``condition`` until it holds, failing after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout} s")
        threading.Event().wait(0.05)


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_the_server_starts_as_make_run_starts_it(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "OCOP_DATABASE_URL": f"sqlite:///{tmp_path}/ocop.db"}
    ocop = Path(sys.executable).with_name("ocop")
    printed = tmp_path / "printed.log"  # a file, not a pipe: the demo's log would fill one
    with printed.open("wb") as sink:
        server = subprocess.Popen(
            [str(ocop), "serve", "--demo", "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: answers(f"{base}/healthz"))
        wait_until(lambda: httpx.get(f"{base}/readyz").json()["lag"] == 0)
        found = httpx.get(f"{base}/v1/public/products", params={"q": "tinh dau trau"}).json()
        assert found["total"] >= 1
        assert httpx.get(f"{base}/v1/events").status_code == 401
        # The demo signs its log with a key it made under var/ (beside its database).
        vkey = SigningKey.from_skey((tmp_path / "demo-log.key").read_text()).verifier
        assert httpx.get(f"{base}/log/key").text == vkey.vkey + "\n"
        wait_until(lambda: httpx.get(f"{base}/log/checkpoint").status_code == 200)
        note = httpx.get(f"{base}/log/checkpoint").text
        assert Checkpoint.from_text(vkey.open(note)).size > 0
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = printed.read_text()
    assert "Demo keys" in output and "auditor" in output
    assert '"route": "/v1/public/products"' in output or '"route":"/v1/public/products"' in output


@pytest.fixture
def live(postgres_url: str) -> Iterator[tuple[str, dict[str, str]]]:
    """uvicorn serving the API on PostgreSQL in this process, with a council's key."""
    services = build_services(Settings(database_url=postgres_url), clock=fixed_today)
    keys = {}
    for name, role, level, province in [
        ("office", Role.PROGRAMME_OFFICE, None, "Quảng Ninh"),
        # A district council: under 1048 it evaluates without a hand-off before it.
        ("council", Role.EVALUATION_COUNCIL, Level.DISTRICT, "Quảng Ninh"),
    ]:
        key, _ = services.keys.create(role, level=level, province=province, principal_id=name)
        keys[name] = key
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(services), port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started)
    yield f"http://127.0.0.1:{port}", keys
    server.should_exit = True
    thread.join(timeout=30)
    services.close()


def test_twenty_racing_writers_never_share_a_version(live: tuple[str, dict[str, str]]) -> None:
    base, keys = live
    office = {"Authorization": f"Bearer {keys['office']}"}
    council = {"Authorization": f"Bearer {keys['council']}"}
    assert (
        httpx.post(f"{base}/v1/products", json=bodies.registration(), headers=office).status_code
        == 201
    )
    start = threading.Barrier(20)

    def evaluate(n: int) -> httpx.Response:
        with httpx.Client(base_url=base, timeout=60) as client:
            start.wait(timeout=30)
            return client.post(
                "/v1/products/QN-0001/evaluations",
                json=bodies.evaluation(minutes_ref=f"BB-{n}"),
                headers={**council, "If-Match": '"1"'} if n % 2 else council,
            )

    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(evaluate, range(20)))
    versions = [r.json()["version"] for r in responses if r.status_code == 201]
    assert len(versions) == len(set(versions))
    assert sorted(versions) == list(range(2, 2 + len(versions)))
    for loser in (r for r in responses if r.status_code != 201):
        assert loser.status_code in (409, 412)
        assert loser.json()["code"] in ("stale-version", "concurrent-change")
    history = httpx.get(f"{base}/v1/products/QN-0001/history", headers=council).json()
    assert [entry["event"]["version"] for entry in history] == list(range(1, 2 + len(versions)))
