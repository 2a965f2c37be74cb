"""``ocop serve --no-projector`` beside ``ocop project``: the projector as a process of its own
(issue 8.6), with readiness judged from what that process records (issue 8.1)."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ocop.cli import main
from ocop.services import ServedRegister
from seed import builders as make
from tests.projections.waiting import wait_until
from tests.unit.eras import ERAS

PROJECT = "from ocop.cli import main; raise SystemExit(main(['project', '--batch-size', '2']))"


Check = Callable[[TestClient, ServedRegister], None]


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch, store_url: str) -> Callable[..., None]:
    """``ocop serve`` with uvicorn replaced by a test client that runs ``check`` while the app
    is up (its lifespan started, as uvicorn would)."""
    import uvicorn

    monkeypatch.setenv("OCOP_DATABASE_URL", store_url)

    def serve_and_check(check: Check, *argv: str) -> None:
        def run(app: FastAPI, **options: Any) -> None:
            with TestClient(app) as client:
                check(client, app.state.served)

        monkeypatch.setattr(uvicorn, "run", run)
        assert main(["serve", *argv]) == 0

    return serve_and_check


def register_one(services: ServedRegister, code: str) -> int:
    return services.registry.register_product(
        make.office(), make.registration(ERAS["148-2023"], code)
    ).position


def test_serve_runs_its_own_projector_by_default(serve: Callable[..., None]) -> None:
    def check(client: TestClient, services: ServedRegister) -> None:
        assert services.projector.running
        position = register_one(services, "QN-0001")
        assert wait_until(lambda: client.get("/readyz").json().get("position") == position)
        assert client.get("/readyz").json()["projector"] == "running"

    serve(check)


@pytest.mark.parametrize("how", ["--no-projector", "OCOP_RUN_PROJECTOR=false"])
def test_serve_without_projector_waits_for_ocop_project_in_another_process(
    serve: Callable[..., None], monkeypatch: pytest.MonkeyPatch, store_url: str, how: str
) -> None:
    argv = [how] if how.startswith("--") else []
    if not argv:
        monkeypatch.setenv(*how.split("="))

    def check(client: TestClient, services: ServedRegister) -> None:
        assert not services.projector.running
        position = register_one(services, "QN-0001")
        register_one(services, "QN-0002")
        waiting = client.get("/readyz")
        assert waiting.status_code == 503, waiting.text
        assert waiting.json()["code"] == "projection-lagging"
        assert waiting.json()["projector"] == "elsewhere"
        assert client.get("/v1/public/products/QN-0001").status_code == 404
        project = subprocess.Popen([sys.executable, "-c", PROJECT])  # ``ocop project``
        try:
            assert wait_until(lambda: client.get("/readyz").status_code == 200, timeout=30)
            ready = client.get("/readyz").json()
            assert (ready["lag"], ready["projector"]) == (0, "elsewhere")
            assert ready["position"] >= position
            assert client.get("/v1/public/products/QN-0001").status_code == 200
            assert not services.projector.running
        finally:
            project.send_signal(signal.SIGTERM)
            assert project.wait(timeout=30) == 0

    serve(check, *argv)
