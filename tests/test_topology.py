"""The compose topology as plain processes: PostgreSQL, ``ocop serve --no-projector`` and
``ocop project``. A write through the API reaches the read side through the other process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from lifecycle.values import Role
from ocop.services import build_services
from ocop.settings import Settings
from tests.api import bodies
from tests.api.test_live_server import answers, free_port, wait_until
from tests.conftest import sessions_of

pytestmark = pytest.mark.postgres


def start(*args: str, url: str) -> subprocess.Popen[str]:
    ocop = Path(sys.executable).with_name("ocop")
    env = {**os.environ, "OCOP_DATABASE_URL": url}
    return subprocess.Popen(
        [str(ocop), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def stop(*processes: subprocess.Popen[str]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.communicate(timeout=30)


def projectors(database_url: str) -> int:
    """How many projector connections the database sees."""
    return sessions_of(database_url, "ocop-projector")


@pytest.fixture
def office_key(postgres_url: str) -> Iterator[str]:
    services = build_services(Settings(database_url=postgres_url))
    key, _ = services.keys.create(Role.PROGRAMME_OFFICE, province="Quảng Ninh")
    services.close()
    yield key


def test_the_api_and_the_projector_run_as_separate_processes(
    postgres_url: str, office_key: str
) -> None:
    port = free_port()
    api = start("serve", "--no-projector", "--port", str(port), url=postgres_url)
    projector = start("project", url=postgres_url)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answers(f"{base}/healthz"))
        body = bodies.registration()
        written = httpx.post(
            f"{base}/v1/products", json=body, headers={"Authorization": f"Bearer {office_key}"}
        )
        assert written.status_code == 201, written.text
        position = written.headers["X-Log-Position"]
        read = httpx.get(
            f"{base}/v1/public/products/{body['code']}", params={"position": position}, timeout=10
        )
        assert read.status_code == 200, read.text
        assert read.json()["code"] == body["code"]
        assert projectors(postgres_url) == 1
    finally:
        stop(api, projector)
