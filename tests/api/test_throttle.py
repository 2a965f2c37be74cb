"""Rate limits per client address: refused keys are throttled hard, public reads gently, and
a key that cannot be one of ours never reaches the database (issue 17.3)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from api.keys import KeyStore
from api.throttle import TokenBuckets
from lifecycle.values import Role
from storage.connections import SQLiteConnections
from tests.api.boundary import client, served

WRONG_KEY = "Bearer ocop_0123456789ab_" + "A" * 43


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class TestTokenBuckets:
    def test_a_burst_is_allowed_then_refused_until_refilled(self) -> None:
        clock = Clock()
        buckets = TokenBuckets(burst=3, per_second=0.5, clock=clock)
        assert [buckets.take("a") for _ in range(3)] == [0, 0, 0]
        assert buckets.take("a") == pytest.approx(2.0)
        assert buckets.take("b") == 0
        clock.now += 2
        assert buckets.take("a") == 0
        assert buckets.take("a") > 0

    def test_waiting_does_not_spend_a_token(self) -> None:
        buckets = TokenBuckets(burst=1, per_second=1, clock=Clock())
        assert buckets.wait("a") == 0
        assert buckets.wait("a") == 0
        assert buckets.take("a") == 0
        assert buckets.wait("a") == pytest.approx(1.0)

    def test_only_so_many_addresses_are_remembered(self) -> None:
        buckets = TokenBuckets(burst=1, per_second=0.001, clock=Clock(), addresses=2)
        for address in ("a", "b", "c"):
            buckets.take(address)
        assert set(buckets.buckets) == {"b", "c"}


def test_an_address_is_refused_429_after_its_refused_keys_while_others_are_served(
    sqlite_url: str,
) -> None:
    limits = {"failed_keys_burst": 3, "failed_keys_per_second": 0.001}
    with (
        served(sqlite_url, **limits) as (app, _),
        client(app, "198.51.100.1") as guesser,
        client(app, "198.51.100.2") as neighbour,
    ):
        tries = [guesser.get("/v1/events", headers={"Authorization": WRONG_KEY}) for _ in range(4)]
        assert [r.status_code for r in tries] == [401, 401, 401, 429]
        refused = tries[-1]
        assert refused.json()["code"] == "too-many-refused-keys"
        assert refused.headers["content-type"] == "application/problem+json"
        assert int(refused.headers["Retry-After"]) >= 1
        # A write is refused the same way, before its key is even looked at.
        write = guesser.post("/v1/products", json={}, headers={"Authorization": WRONG_KEY})
        assert write.status_code == 429
        assert guesser.get("/healthz").status_code == 200
        other = neighbour.get("/v1/events", headers={"Authorization": WRONG_KEY})
        assert other.status_code == 401
        assert neighbour.get("/v1/public/products").status_code == 200


def test_requests_without_a_key_are_limited_per_address(sqlite_url: str) -> None:
    limits = {"anonymous_burst": 2, "anonymous_per_second": 0.001}
    with (
        served(sqlite_url, **limits) as (app, _),
        client(app, "198.51.100.3") as reader,
        client(app, "198.51.100.4") as other,
    ):
        codes = [reader.get("/v1/public/products").status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        assert other.get("/v1/public/products").status_code == 200


def test_each_request_line_names_the_client_address(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with served(sqlite_url) as (app, _), client(app, "198.51.100.5") as http:
        http.get("/healthz")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    request = next(line for line in lines if line.get("event") == "request")
    assert request["client"] == "198.51.100.5"


class CountingConnections(SQLiteConnections):
    """Connections to a SQLite file that count the transactions and questions asked of them."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.asked = 0

    def transaction(self) -> Any:
        self.asked += 1
        return super().transaction()

    def ask(self, question: Any) -> Any:
        self.asked += 1
        return super().ask(question)


def test_a_token_not_shaped_like_a_key_never_reaches_the_database(tmp_path: Path) -> None:
    database = CountingConnections(str(tmp_path / "ocop.db"))
    keys = KeyStore(database, remember_for=0)
    key, _ = keys.create(Role.AUDITOR)
    asked = database.asked
    for token in ("nonsense", "ocop_nope_nope", key + "x", key.upper(), "ocop_" + "a" * 5000):
        assert keys.principal(token) is None
    assert database.asked == asked
    assert keys.principal(key) is not None
    assert database.asked == asked + 1


def test_a_key_is_found_while_another_connection_holds_the_write_lock(tmp_path: Path) -> None:
    path = str(tmp_path / "ocop.db")
    keys = KeyStore(SQLiteConnections(path), remember_for=0)
    key, _ = keys.create(Role.AUDITOR)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("BEGIN IMMEDIATE")
    try:
        probe = sqlite3.connect(path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            probe.execute("BEGIN IMMEDIATE")  # the write lock really is held
        probe.close()
        assert keys.principal(key) is not None
    finally:
        writer.execute("ROLLBACK")
        writer.close()
