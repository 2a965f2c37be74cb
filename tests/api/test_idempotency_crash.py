"""``kill -9`` of the API in the middle of keyed writes on PostgreSQL: after a restart, every
key retried gets its first answer or is carried out now; nothing is recorded twice, and no
retry is told the request is still in progress once the dead process's claims have expired."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from lifecycle.values import Level, Role
from ocop.services import build_services
from ocop.settings import Settings
from registry.service import Registry
from storage.environment import store_environment
from storage.url import StoreUrl
from tests.api import bodies
from tests.api.test_live_server import answers, free_port, wait_until
from tests.conftest import fixed_today

WRITERS = 6
CLAIM_SECONDS = 1


@dataclass
class Sent:
    """A keyed request as a writer sent it, and the answer it got, if any."""

    key: str
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    answer: dict[str, Any] | None = None


@dataclass
class Writer:
    """Registers one product, then evaluates it again and again, each under a new key."""

    number: int
    headers: dict[str, dict[str, str]]
    sent: list[Sent] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return f"QN-K{self.number:03d}"

    def request(self, n: int) -> Sent:
        key = f"writer-{self.number}-{n}"
        if n == 0:
            path, body, who = "/v1/products", bodies.registration(self.code), "office"
        else:
            path, who = f"/v1/products/{self.code}/evaluations", "council"
            body = bodies.evaluation(minutes_ref=f"BB-{self.number}-{n}")
        return Sent(key, path, body, {**self.headers[who], "Idempotency-Key": key})

    def write_until_killed(self, base: str, answered: list[int]) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            for n in range(10_000):
                sent = self.request(n)
                self.sent.append(sent)
                try:
                    response = client.post(sent.path, json=sent.body, headers=sent.headers)
                except httpx.TransportError:
                    return  # the server is gone
                if response.status_code != 201:
                    self.unexpected.append(response.text)
                    return
                sent.answer = response.json()
                answered.append(1)


def serve(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "OCOP_DATABASE_URL": url,
        "OCOP_IDEMPOTENCY_CLAIM_SECONDS": str(CLAIM_SECONDS),
        "OCOP_LOG_LEVEL": "warning",
    }
    ocop = Path(sys.executable).with_name("ocop")
    with log.open("ab") as output:
        server = subprocess.Popen(
            [str(ocop), "serve", "--port", str(port)], env=env, stdout=output, stderr=output
        )
    wait_until(lambda: answers(f"http://127.0.0.1:{port}/healthz"), timeout=60)
    return server


def test_kill_9_during_keyed_writes_loses_no_answer_and_records_nothing_twice(
    postgres_url: str, tmp_path: Path
) -> None:
    services = build_services(Settings(database_url=postgres_url), clock=fixed_today)
    headers = {}
    for name, role, level in [
        ("office", Role.PROGRAMME_OFFICE, None),
        ("council", Role.EVALUATION_COUNCIL, Level.DISTRICT),  # evaluates with no hand-off
    ]:
        key, _ = services.keys.create(role, level=level, province="Quảng Ninh")
        headers[name] = {"Authorization": f"Bearer {key}"}
    services.close()

    port = free_port()
    server = serve(postgres_url, port, tmp_path / "server.log")
    writers = [Writer(n, headers) for n in range(WRITERS)]
    answered: list[int] = []
    threads = [
        threading.Thread(target=w.write_until_killed, args=(f"http://127.0.0.1:{port}", answered))
        for w in writers
    ]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(answered) >= 8 * WRITERS, timeout=120)
    server.send_signal(signal.SIGKILL)
    killed_at = time.time()
    server.wait(timeout=30)
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive()
    assert [text for w in writers for text in w.unexpected] == []

    port = free_port()
    server = serve(postgres_url, port, tmp_path / "server.log")
    try:
        wait_until(lambda: time.time() > killed_at + CLAIM_SECONDS, timeout=10)
        in_flight = sum(1 for w in writers for sent in w.sent if sent.answer is None)
        assert in_flight >= 1  # the kill cut some requests short
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for writer in writers:
                for sent in writer.sent:
                    retry = client.post(sent.path, json=sent.body, headers=sent.headers)
                    assert retry.status_code == 201, retry.text
                    if sent.answer is not None:
                        assert retry.json() == sent.answer
                        assert retry.headers.get("Idempotent-Replayed") == "true"
                    sent.answer = retry.json()
    finally:
        server.terminate()
        server.wait(timeout=30)

    registry = Registry(store_environment(StoreUrl.parse(postgres_url)), clock=fixed_today)
    try:
        for writer in writers:
            versions = [sent.answer["version"] for sent in writer.sent if sent.answer]
            assert versions == list(range(1, len(writer.sent) + 1))
            assert len(registry.events_of(writer.code)) == len(writer.sent)
    finally:
        registry.close()
