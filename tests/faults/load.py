"""A bounded write load and a read load against several API processes, as clients that
behave well would send them: every write carries an Idempotency-Key and is retried with the
SAME key, on the other API, after a lost connection, a 503 or a 409 "still in progress",
until it is answered. Every answer is tallied by status; every acknowledged write is kept
with its key, position and version, and when it came."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field
from time import monotonic
from typing import Any

import httpx

from tests.api import bodies

# The answers a client retries with the same key: the store out of reach (503), and the
# key's first request still running (409, perhaps in a process that was killed).
RETRY = {503: "", 409: "idempotent-request-in-progress"}
GIVE_UP_SECONDS = 60.0  # a write not answered by then is a failure of the test


@dataclass(frozen=True)
class Acknowledged:
    """A write the register answered 201: what was sent, and what it said."""

    path: str
    body: dict[str, Any]
    authorization: str
    key: str
    code: str
    version: int
    position: int
    attempts: int
    at: float  # monotonic


@dataclass
class Load:
    """``writers`` threads registering and evaluating products, ``readers`` reading them."""

    apis: list[str]
    office: str
    council: str
    writers: int = 3
    readers: int = 2
    statuses: Counter[int] = field(default_factory=Counter)
    connection_errors: int = 0
    without_retry_after: int = 0
    acknowledged: list[Acknowledged] = field(default_factory=list)
    # Every request: when it was sent and answered (monotonic), and its status (0: no answer).
    timings: list[tuple[float, float, int]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        """Starts every writer and reader."""
        for number in range(self.writers):
            self._threads.append(threading.Thread(target=self._writer, args=(number,)))
        for number in range(self.readers):
            self._threads.append(threading.Thread(target=self._reader, args=(number,)))
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Lets each thread finish the write in hand (answered or given up), then joins."""
        self.stopping.set()
        for thread in self._threads:
            thread.join(timeout=GIVE_UP_SECONDS + 10)
            assert not thread.is_alive(), "a load thread did not finish"

    def acknowledged_after(self, moment: float) -> list[Acknowledged]:
        """The writes acknowledged after ``moment`` (monotonic)."""
        with self._lock:
            return [answer for answer in self.acknowledged if answer.at > moment]

    def _tally(self, answer: httpx.Response | None, sent: float) -> None:
        with self._lock:
            self.timings.append((sent, monotonic(), answer.status_code if answer else 0))
            if answer is None:
                self.connection_errors += 1
                return
            self.statuses[answer.status_code] += 1
            if answer.status_code == 503 and "Retry-After" not in answer.headers:
                self.without_retry_after += 1

    def _writer(self, number: int) -> None:
        with httpx.Client(timeout=10) as client:
            serial = 0
            while not self.stopping.is_set():
                serial += 1
                code = f"QN-F{number}{serial:04}"
                try:
                    self.write(client, number, "/v1/products", bodies.registration(code), code)
                    path = f"/v1/products/{code}/evaluations"
                    self.write(client, number, path, bodies.evaluation(), code, self.council)
                except AssertionError as failure:
                    with self._lock:
                        self.failures.append(str(failure))
                    return
                self.stopping.wait(0.02)  # a bounded pace, not a wait for anything

    def write(
        self,
        client: httpx.Client,
        first_api: int,
        path: str,
        body: dict[str, Any],
        code: str,
        authorization: str | None = None,
    ) -> Acknowledged:
        """Sends one write until it is answered, with one key, trying the APIs in turn."""
        key, authorization = str(uuid.uuid4()), authorization or self.office
        headers = {"Authorization": authorization, "Idempotency-Key": key}
        deadline, pause, attempt = monotonic() + GIVE_UP_SECONDS, threading.Event(), 0
        while monotonic() < deadline:
            api = self.apis[(first_api + attempt) % len(self.apis)]
            attempt, sent = attempt + 1, monotonic()
            try:
                answer = client.post(api + path, json=body, headers=headers)
            except httpx.TransportError:
                self._tally(None, sent)
                pause.wait(0.05)
                continue
            self._tally(answer, sent)
            if answer.status_code == 201:
                data = answer.json()
                acknowledged = Acknowledged(
                    path, body, authorization, key, code, data["version"], data["position"],
                    attempt, monotonic(),
                )  # fmt: skip
                assert int(answer.headers["X-Log-Position"]) == acknowledged.position
                with self._lock:
                    self.acknowledged.append(acknowledged)
                return acknowledged
            expected = RETRY.get(answer.status_code)
            retried = expected == "" or (expected and answer.json().get("code") == expected)
            assert retried, f"{path}: {answer.status_code} {answer.text}"
            pause.wait(0.1)
        raise AssertionError(f"{path} with key {key} was not answered in {GIVE_UP_SECONDS} s")

    def _reader(self, number: int) -> None:
        pause = threading.Event()
        with httpx.Client(timeout=10) as client:
            turn = number
            while not self.stopping.is_set():
                turn += 1
                with self._lock:
                    latest = self.acknowledged[-1] if self.acknowledged else None
                api, sent = self.apis[turn % len(self.apis)], monotonic()
                try:
                    if latest is None:
                        answer = client.get(f"{api}/v1/public/products", params={"q": "dau"})
                    else:
                        answer = client.get(
                            f"{api}/v1/public/products/{latest.code}",
                            params={"position": latest.position},
                        )
                except httpx.TransportError:
                    self._tally(None, sent)
                    pause.wait(0.05)
                    continue
                self._tally(answer, sent)
                pause.wait(0.02)
