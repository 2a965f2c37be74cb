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
from typing import Any

import psycopg
import pytest

from bench.loadgen import Rotation
from bench.pyload import play
from tests.conftest import ADMIN_URL

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ("lookup", "commands", "rebuild", "scale", "memory", "pages")


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

    def do_GET(self) -> None:
        body = b'{"status": "certified"}'
        self.send_response(200 if self.path != "/missing" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


def test_the_python_load_generator_counts_answers_and_refusals() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Constant)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        result = play(base, Rotation(["/a", "/b", "/missing"]), connections=2, seconds=1)
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert result.generator == "python" and result.requests >= 3
    assert 0 < result.errors < result.requests
    assert result.p50_ms <= result.p99_ms <= result.max_ms
