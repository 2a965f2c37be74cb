"""Metrics and the request id across processes (issue 14, item 4): several processes count
in one folder and any scrape adds them up; ``ocop project``, a process of its own, logs the
request id of each event it applies and serves its own metrics."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app
from lifecycle.values import Role
from ocop import metrics
from ocop.metrics_folder import across_processes
from ocop.services import build_services
from ocop.settings import Settings
from projections.progress import Progress
from tests.api import bodies
from tests.api.test_live_server import free_port, wait_until
from tests.conftest import fixed_today

# A worker: counts as uvicorn's workers do (the folder is named before the library loads),
# says so, and stays alive until its standard input closes.
WORKER = """
import sys
from ocop import metrics
from ocop.metrics_folder import across_processes
for _ in range(int(sys.argv[1])):
    metrics.answered("GET", "/v1/public/products/{code}", 200, 0.01, None)
metrics.ACTIVE.set(int(sys.argv[2]))
print("counted", flush=True)
sys.stdin.read()
"""


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """The samples of a text exposition, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def worker(count: int, active: int) -> subprocess.Popen[str]:
    """A process that counts ``count`` lookups and sets the active gauge to ``active``."""
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(count), str(active)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None and process.stdout.readline() == "counted\n"
    return process


def test_processes_sharing_a_folder_are_scraped_as_one(tmp_path: Path) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_1.db").write_bytes(b"an earlier run's counts")
    progress = Progress(head=7, position=5)
    lookups = ("ocop_http_requests_total", frozenset(
        {"route": "/v1/public/products/{code}", "method": "GET", "status": "200"}.items()
    ))  # fmt: skip
    with across_processes(folder):
        assert not (folder / "counter_1.db").exists()
        first, second = worker(3, active=1), worker(2, active=0)
        second.communicate(timeout=30)  # one worker ends; what it counted stays counted
        both = samples(metrics.exposition(lambda: progress).body.decode())
        first.communicate(timeout=30)
        after = samples(metrics.exposition(lambda: progress).body.decode())
    assert both[lookups] == 5
    assert both[("ocop_projector_active", frozenset())] == 1
    assert after[lookups] == 5
    assert after.get(("ocop_projector_active", frozenset()), 0) == 0  # its process is gone
    assert both[("ocop_projection_lag_events", frozenset())] == 2
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ


def test_a_temporary_folder_is_made_and_removed() -> None:
    with across_processes(None) as folder:
        assert folder.is_dir() and os.environ["PROMETHEUS_MULTIPROC_DIR"] == str(folder)
    assert not folder.exists()


def test_the_command_line_loads_the_metrics_library_only_when_a_command_runs() -> None:
    """So ``ocop serve --workers N`` can name the folder before the library chooses."""
    loaded = "import sys, ocop.cli; print('prometheus_client' in sys.modules)"
    answer = subprocess.run([sys.executable, "-c", loaded], capture_output=True, text=True)
    assert answer.stdout.strip() == "False", answer.stderr


class Lines:
    """A process's output, read line by line on a thread of its own."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.lines.append(line)

    def logged(self, event: str) -> list[dict[str, Any]]:
        """The JSON lines logged with this event so far."""
        found = [json.loads(line) for line in list(self.lines) if line.startswith("{")]
        return [line for line in found if line.get("event") == event]


@pytest.mark.postgres
def test_a_projector_in_a_process_of_its_own_logs_the_request_id_and_serves_metrics(
    postgres_url: str,
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "OCOP_DATABASE_URL": postgres_url,
        "OCOP_PROJECTOR_METRICS_PORT": str(port),
    }
    services = build_services(Settings(database_url=postgres_url), clock=fixed_today)
    key, _ = services.keys.create(Role.PROGRAMME_OFFICE, province="Quảng Ninh")
    projector = subprocess.Popen(
        [str(Path(sys.executable).with_name("ocop")), "project"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    output = Lines(projector)
    try:
        with TestClient(create_app(services, run_projector=False)) as http:
            written = http.post(
                "/v1/products",
                json=bodies.registration(),
                headers={"Authorization": f"Bearer {key}", "X-Request-ID": "from-the-office-42"},
            )
        assert written.status_code == 201, written.text
        position = int(written.headers["X-Log-Position"])
        wait_until(
            lambda: any(line["position"] == position for line in output.logged("projector.applied"))
        )
        applied = output.logged("projector.applied")[-1]
        assert (applied["request_id"], applied["product"]) == ("from-the-office-42", "QN-0001")
        scraped = samples(httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text)
        assert scraped[("ocop_projector_active", frozenset())] == 1
        assert scraped[("ocop_projection_position", frozenset())] == position
        assert scraped[("ocop_projector_events_applied_total", frozenset())] >= 1
    finally:
        projector.terminate()
        projector.wait(timeout=30)
        services.close()


def test_a_projector_whose_metrics_port_is_taken_says_so_and_stops(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        env = {
            **os.environ,
            "OCOP_DATABASE_URL": f"sqlite:///{tmp_path / 'ocop.db'}",
            "OCOP_PROJECTOR_METRICS_PORT": str(taken.getsockname()[1]),
        }
        ocop = str(Path(sys.executable).with_name("ocop"))
        answer = subprocess.run(
            [ocop, "project"], env=env, capture_output=True, text=True, timeout=60
        )
    assert answer.returncode == 2, answer.stderr
    assert "ocop project: cannot serve metrics" in answer.stderr
