"""Several API processes on one PostgreSQL database: two ``ocop serve --no-projector`` beside
one ``ocop project``, and ``ocop serve --workers 2``. A retried write is carried out once
whichever process takes it, a write through one is read through the other, and a public
answer one of them remembers is forgotten once the projector passes a change made through
the other."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from time import monotonic
from typing import Any

import httpx
import pytest

from lifecycle.values import Level, Role
from ocop.cli import main
from ocop.services import build_services
from ocop.settings import Settings
from tests.api import bodies
from tests.api.test_live_server import answers, free_port, wait_until
from tests.conftest import sessions_of
from tests.topology import output_of, projectors, start, stop

IN_PROGRESS = "idempotent-request-in-progress"


@pytest.fixture
def keys(postgres_url: str) -> Iterator[dict[str, dict[str, str]]]:
    """Authorization headers of a Quảng Ninh office, a district council and an auditor."""
    services = build_services(Settings(database_url=postgres_url))
    made = {}
    for name, role, level in [
        ("office", Role.PROGRAMME_OFFICE, None),
        ("council", Role.EVALUATION_COUNCIL, Level.DISTRICT),
        ("auditor", Role.AUDITOR, None),
    ]:
        province = None if role is Role.AUDITOR else "Quảng Ninh"
        key, _ = services.keys.create(role, level=level, province=province, principal_id=name)
        made[name] = {"Authorization": f"Bearer {key}"}
    services.close()
    yield made


def serving(*args: str, url: str) -> tuple[subprocess.Popen[bytes], str]:
    """``ocop serve`` with ``args`` on a free port, once it answers."""
    port = free_port()
    process = start("serve", *args, "--port", str(port), url=url)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: answers(f"{base}/healthz") or process.poll() is not None, timeout=60)
    assert process.poll() is None, output_of(process)
    return process, base


def until_answered(url: str, body: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
    """POSTs until the answer is not "the first request with this key is in progress"."""
    deadline, pause = monotonic() + 30, threading.Event()
    while True:
        answer = httpx.post(url, json=body, headers=headers, timeout=30)
        if answer.status_code != 409 or answer.json()["code"] != IN_PROGRESS:
            return answer
        assert monotonic() < deadline, "the first request never finished"
        pause.wait(0.02)


@pytest.mark.postgres
def test_two_api_processes_and_one_projector_answer_as_one_register(
    postgres_url: str, keys: dict[str, dict[str, str]]
) -> None:
    (a, at_a), (b, at_b) = (serving("--no-projector", url=postgres_url) for _ in range(2))
    projector = start("project", url=postgres_url)
    try:
        # A registration through A, read through B at the position A answered.
        body = bodies.registration()
        code = body["code"]
        written = httpx.post(f"{at_a}/v1/products", json=body, headers=keys["office"])
        assert written.status_code == 201, written.text
        position = written.headers["X-Log-Position"]
        read = httpx.get(f"{at_b}/v1/public/products/{code}", params={"position": position})
        assert read.status_code == 200, read.text
        assert read.json()["status"] == "participating"
        assert httpx.get(f"{at_b}/v1/public/products/{code}").json() == read.json()

        # One Idempotency-Key sent to both at once: one evaluation, the same answer twice.
        keyed = {**keys["council"], "Idempotency-Key": "evaluation-of-the-district-council"}
        evaluation = bodies.evaluation()
        with ThreadPoolExecutor(2) as pool:
            first, second = pool.map(
                lambda base: until_answered(
                    f"{base}/v1/products/{code}/evaluations", evaluation, keyed
                ),
                (at_a, at_b),
            )
        assert first.status_code == second.status_code == 201, (first.text, second.text)
        assert first.json() == second.json()
        history = httpx.get(f"{at_b}/v1/products/{code}/history", headers=keys["auditor"])
        assert [entry["event"]["type"] for entry in history.json()] == [
            "Registered",
            "Evaluated",
        ]

        # The product removed through A: B, which remembered its public answer, answers the
        # new state once the projector has passed the removal, asked for no position.
        removed = httpx.post(
            f"{at_a}/v1/products/{code}/removal", json=bodies.removal(), headers=keys["office"]
        )
        assert removed.status_code == 201, removed.text
        wait_until(
            lambda: httpx.get(f"{at_b}/v1/public/products/{code}").json()["status"] == "removed"
        )
        assert sessions_of(postgres_url, "ocop-following") == 2  # each API process follows
        assert projectors(postgres_url) == 1
    finally:
        stop(a, b, projector)


@pytest.mark.postgres
def test_serve_with_two_workers_answers_from_two_processes(postgres_url: str) -> None:
    server, base = serving("--workers", "2", "--no-projector", url=postgres_url)
    try:
        answered: set[int] = set()

        def ask_many() -> bool:
            with ThreadPoolExecutor(8) as pool:
                healthz = pool.map(lambda _: httpx.get(f"{base}/healthz").json(), range(16))
                answered.update(alive["process"] for alive in healthz)
            return len(answered) == 2

        wait_until(ask_many)
        assert server.pid not in answered  # the supervisor serves nothing itself
        assert projectors(postgres_url) == 0
    finally:
        stop(server)


@pytest.mark.postgres
def test_serve_with_two_workers_projects_once_beside_them(
    postgres_url: str, keys: dict[str, dict[str, str]]
) -> None:
    server, base = serving("--workers", "2", url=postgres_url)
    try:
        body = bodies.registration()
        written = httpx.post(f"{base}/v1/products", json=body, headers=keys["office"])
        assert written.status_code == 201, written.text
        read = httpx.get(
            f"{base}/v1/public/products/{body['code']}",
            params={"position": written.headers["X-Log-Position"]},
        )
        assert read.status_code == 200, read.text
        assert projectors(postgres_url) == 1  # in the supervising process, not in each worker
    finally:
        stop(server)


def test_several_processes_on_sqlite_are_refused(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OCOP_DATABASE_URL", sqlite_url)
    assert main(["serve", "--workers", "2"]) == 2
    assert "2 API processes need PostgreSQL" in capsys.readouterr().err


@pytest.mark.postgres
def test_two_workers_count_their_metrics_together(
    postgres_url: str, keys: dict[str, dict[str, str]]
) -> None:
    """Whichever worker answers the scrape, it counts every worker's requests (and the
    supervisor's projector as the active one)."""
    server, base = serving("--workers", "2", url=postgres_url)
    try:
        healthz_series = 'ocop_http_requests_total{method="GET",route="/healthz",status="200"}'
        before = counted(httpx.get(f"{base}/metrics", headers=keys["auditor"]).text, healthz_series)
        answered: set[int] = set()
        sent = 0
        while len(answered) < 2:  # until both workers have answered some of them
            with ThreadPoolExecutor(8) as pool:
                healthz = list(pool.map(lambda _: httpx.get(f"{base}/healthz"), range(16)))
            sent += len(healthz)
            answered.update(alive.json()["process"] for alive in healthz)
            assert sent < 2_000, "one worker answered every request"
        for _ in range(4):  # each scrape may land on either worker: each sees the sum
            scraped = httpx.get(f"{base}/metrics", headers=keys["auditor"])
            assert scraped.status_code == 200, scraped.text
            assert counted(scraped.text, healthz_series) == before + sent
            assert counted(scraped.text, "ocop_projector_active ") == 1
    finally:
        stop(server)


def counted(metrics: str, series: str) -> float:
    """The value of the one line of the Prometheus text that starts with ``series``."""
    lines = [line for line in metrics.splitlines() if line.startswith(series)]
    assert len(lines) == 1, (series, lines)
    return float(lines[0].rsplit(" ", 1)[1])
