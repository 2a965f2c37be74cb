"""The benchmark harness, at tiny sizes: every figure comes with its baseline and ratio.

This checks the harness, never the speed: no figure is compared with a target here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import psycopg
import pytest

from bench.latency import skewed
from bench.loadgen import Rotation
from bench.openloop import play_at_rate
from bench.pyload import ask_each, play
from tests.conftest import ADMIN_URL

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ("lookup", "commands", "rebuild", "scale", "memory", "pages", "open_loop")


def postgres_answers() -> None:
    try:
        psycopg.connect(ADMIN_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs PostgreSQL at {ADMIN_URL}: {error}")
        pytest.skip(f"no PostgreSQL at {ADMIN_URL}: {error}")


def loads_in(results: Any) -> Iterator[dict[str, Any]]:
    """Every load run the results hold (anything with a request rate)."""
    if isinstance(results, dict):
        if "requests_per_second" in results:
            yield results
        for value in results.values():
            yield from loads_in(value)


@pytest.mark.postgres
def test_the_quick_bench_reports_every_figure_with_its_baseline_and_ratio(
    tmp_path: Path,
) -> None:
    postgres_answers()
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--results-dir", str(tmp_path),
         "--admin-url", ADMIN_URL],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-4000:]
    results = json.loads((tmp_path / "latest.json").read_text())
    for name in FIGURES:
        figure = results["figures"][name]
        assert figure["baseline"], name
        assert figure["ratio"] and all(isinstance(r, float | int) for r in figure["ratio"].values())
        assert figure["target"] and figure["met"], name
        assert all(isinstance(met, bool) for met in figure["met"].values()), name
    runs = list(loads_in(results))
    assert runs and all(run["requests"] > 0 and run["errors"] == 0 for run in runs), runs
    assert "| figure |" in completed.stdout
    commands = results["figures"]["commands"]["measured"]["api_cpu_ms_per_request_by_thread"]
    assert all(commands["sixteen_clients"][part] > 0 for part in ("event_loop", "intake"))
    budget = results["figures"]["rebuild"]["cpu_budget"]
    assert budget["rebuild_us_per_event"]["postgres"] > 0 < budget["floor_python_us_per_event"]
    assert budget["floor_python_us_per_event"] < budget["rebuild_us_per_event"]["python"]
    assert "by thread" in completed.stdout and "CPU a event" in completed.stdout
    assert len(list(tmp_path.glob("*.json"))) == 2  # the timestamped file and latest.json


LOG_FIGURES = ("proof", "verify_full", "rebuild_with_log", "commands_log_on_off")


@pytest.mark.postgres
def test_the_log_bench_reports_every_figure_with_its_baseline_and_ratio(tmp_path: Path) -> None:
    postgres_answers()
    completed = subprocess.run(
        [sys.executable, "-m", "bench.log", "--leaves", "600", "--proofs", "50",
         "--slow-proofs", "2", "--products", "8", "--command-seconds", "1",
         "--results-dir", str(tmp_path), "--admin-url", ADMIN_URL, "--python-load"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-4000:]
    results = json.loads((tmp_path / "log-latest.json").read_text())
    for name in LOG_FIGURES:
        figure = results["figures"][name]
        assert figure["baseline"] and figure["measured"], name
        assert figure["ratio"] and all(isinstance(r, float | int) for r in figure["ratio"].values())
        assert figure["target"] and all(isinstance(m, bool) for m in figure["met"].values()), name
    assert results["figures"]["proof"]["measured"]["from_tile_levels"]["samples"] == 50
    runs = results["figures"]["commands_log_on_off"]
    assert len(runs["measured"]["log_on"]["runs"]) == len(runs["baseline"]["log_off"]["runs"]) == 2
    assert len(list(tmp_path.glob("log-*.json"))) == 2  # the timestamped file and the latest


class Constant(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # headers and body in one send (no wait on a delayed ACK)
    asked: ClassVar[list[str]] = []  # every path asked, in the order the server took them

    def do_GET(self) -> None:
        self.asked.append(self.path)
        body = b'{"status": "certified"}'
        self.send_response(200 if self.path != "/missing" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def constant_server() -> Iterator[str]:
    """A tiny HTTP server answering a constant body (404 at ``/missing``): its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Constant)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join(timeout=10)


def test_the_python_load_generator_counts_answers_and_refusals(constant_server: str) -> None:
    result = play(constant_server, Rotation(["/a", "/b", "/missing"]), connections=2, seconds=1)
    assert result.generator == "python" and result.requests >= 3
    assert 0 < result.errors < result.requests
    assert result.p50_ms <= result.p99_ms <= result.max_ms


def test_the_first_sights_pass_asks_every_path_once_and_counts_refusals(
    constant_server: str,
) -> None:
    paths = [f"/p/{n}" for n in range(50)] + ["/missing"]
    Constant.asked.clear()
    result = ask_each(constant_server, paths, connections=4)
    assert sorted(Constant.asked) == sorted(paths)
    assert result.requests == len(paths) and result.errors == 1
    assert result.p50_ms <= result.p99_ms <= result.max_ms


def test_the_open_loop_generator_sends_its_whole_schedule_and_counts_refusals(
    constant_server: str,
) -> None:
    result = play_at_rate(constant_server, ["/a", "/b", "/missing"], 60, 1, connections=2)
    assert result.scheduled == result.requests == 60 and result.unanswered == 0
    assert result.errors == 20  # every third request asks for /missing
    assert result.p50_ms <= result.p99_ms <= result.p999_ms <= result.max_ms


def test_skewed_traffic_sends_most_requests_to_a_few_products() -> None:
    paths = [f"/v1/public/products/QN-{n:04d}" for n in range(200)]
    drawn = skewed(paths, 2000, seed=1)
    hot = sum(1 for path in drawn if path in paths[:2])  # 1% of 200 products
    assert len(drawn) == 2000 and 0.75 < hot / 2000 < 0.85
    assert len(set(drawn)) > 100  # the rest spread over the others
