"""A request may send only so much: big bodies and headers are refused before routing, and a
write's key is checked before a byte of its body is read (issue 17.1)."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator

from tests.api import bodies
from tests.api.boundary import client, exchange, office_key, served

MEGABYTE = 1024 * 1024
CAP = 64 * 1024


def megabyte_in_chunks(size: int = 16 * 1024) -> Iterator[bytes]:
    """A 1 MB body as a client would stream it, made one chunk at a time."""
    for _ in range(MEGABYTE // size):
        yield b"x" * size


def test_a_streamed_megabyte_without_a_key_is_refused_having_read_no_more_than_the_cap(
    sqlite_url: str,
) -> None:
    with served(sqlite_url, run_projector=False) as (app, _):
        tracemalloc.start()
        seen = exchange(app, "POST", "/v1/products", {}, megabyte_in_chunks())
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    # No key: refused before the body is touched at all.
    assert seen.status == 401
    assert seen.bytes_read == 0
    assert peak < MEGABYTE // 2


def test_a_streamed_megabyte_with_a_key_is_refused_at_the_cap(sqlite_url: str) -> None:
    with served(sqlite_url, run_projector=False) as (app, services):
        headers = office_key(services)
        tracemalloc.start()
        seen = exchange(app, "POST", "/v1/products", headers, megabyte_in_chunks())
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert services.read_side.head() == 0
    assert seen.status == 413, seen.body
    assert json.loads(seen.body)["code"] == "body-too-large"
    assert seen.headers["content-type"] == "application/problem+json"
    assert CAP < seen.bytes_read <= CAP + 16 * 1024  # the cap and the chunk that crossed it
    assert peak < MEGABYTE // 2


def test_a_declared_megabyte_is_refused_before_a_byte_is_read(sqlite_url: str) -> None:
    with served(sqlite_url, run_projector=False) as (app, _):
        seen = exchange(
            app,
            "POST",
            "/v1/products",
            {"content-length": str(MEGABYTE), "content-type": "application/json"},
            megabyte_in_chunks(),
        )
    assert seen.status == 413
    assert (seen.receives, seen.bytes_read) == (0, 0)


def test_a_megabyte_body_over_http_gets_413_and_stores_nothing(sqlite_url: str) -> None:
    with served(sqlite_url) as (app, services), client(app) as http:
        response = http.post(
            "/v1/products",
            content=b"{" + b" " * MEGABYTE + b"}",
            headers={"content-type": "application/json"},
        )
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert services.read_side.head() == 0


def test_a_body_under_the_cap_still_reaches_the_endpoint(sqlite_url: str) -> None:
    with served(sqlite_url, run_projector=False) as (app, services):
        headers = office_key(services)
        body = json.dumps(bodies.registration()).encode()
        seen = exchange(
            app,
            "POST",
            "/v1/products",
            {**headers, "content-type": "application/json"},
            iter([body[:100], body[100:]]),
        )
        assert seen.status == 201, seen.body
        assert services.read_side.head() == 1


def test_a_twenty_kilobyte_authorization_header_is_refused(sqlite_url: str) -> None:
    with served(sqlite_url) as (app, _), client(app) as http:
        response = http.get("/v1/events", headers={"Authorization": "Bearer " + "a" * 20_000})
        assert response.status_code == 431
        assert response.json()["code"] == "headers-too-large"


def test_a_malformed_content_length_is_refused(sqlite_url: str) -> None:
    with served(sqlite_url, run_projector=False) as (app, _):
        seen = exchange(app, "POST", "/v1/products", {"content-length": "12abc"}, iter([]))
    assert seen.status == 400
    assert json.loads(seen.body)["code"] == "malformed-content-length"


def test_points_with_too_many_parts_are_refused(sqlite_url: str) -> None:
    with served(sqlite_url) as (app, services), client(app) as http:
        headers = office_key(services)
        http.post("/v1/products", json=bodies.registration(), headers=headers)
        many = bodies.evaluation(points={f"P{i}": 1 for i in range(5000)})
        response = http.post("/v1/products/QN-0001/evaluations", json=many, headers=headers)
        assert response.status_code == 422
        assert response.json()["code"] == "invalid-request"
