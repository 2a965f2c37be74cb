"""Every answer says how browsers may treat it; the public reads may be read cross-origin,
without credentials; the docs page loads nothing from elsewhere (issues 17.4, 17.8)."""

from __future__ import annotations

import re

from api.docs import swagger_ui_files
from tests.api.boundary import client, office_key, served


def test_every_answer_forbids_sniffing_referrers_and_framing_and_shows_no_server(
    sqlite_url: str,
) -> None:
    with served(sqlite_url) as (app, _), client(app) as http:
        for response in (
            http.get("/healthz"),
            http.get("/v1/public/products"),
            http.get("/v1/events"),
            http.get("/nowhere"),
        ):
            headers = response.headers
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["Referrer-Policy"] == "no-referrer"
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
            assert "server" not in headers
            assert "Strict-Transport-Security" not in headers  # not over TLS


def test_hsts_is_sent_over_tls(sqlite_url: str) -> None:
    with served(sqlite_url) as (app, _), client(app, base_url="https://testserver") as http:
        assert "max-age=" in http.get("/healthz").headers["Strict-Transport-Security"]


def test_answers_to_a_key_are_never_stored_by_caches(sqlite_url: str) -> None:
    with served(sqlite_url) as (app, services), client(app) as http:
        key = office_key(services)
        assert http.get("/v1/products/QN-0001", headers=key).headers["Cache-Control"] == "no-store"
        refused = http.get("/v1/events", headers={"Authorization": "Bearer nope"})
        assert refused.headers["Cache-Control"] == "no-store"
        assert "no-store" not in http.get("/v1/public/products").headers.get("Cache-Control", "")


def test_public_reads_may_be_read_by_any_origin_without_credentials(sqlite_url: str) -> None:
    origin = {"Origin": "https://shop.example"}
    with served(sqlite_url) as (app, services), client(app) as http:
        public = http.get("/v1/public/products", headers=origin)
        assert public.headers["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in public.headers
        exposed = {h.strip() for h in public.headers["Access-Control-Expose-Headers"].split(",")}
        assert {"ETag", "X-Log-Position"} <= exposed  # a shop's page may revalidate an export
        preflight = http.options(
            "/v1/public/products",
            headers={
                **origin,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "X-Log-Position",
            },
        )
        assert preflight.status_code == 204
        assert preflight.headers["Access-Control-Allow-Origin"] == "*"
        assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
        assert "Access-Control-Allow-Credentials" not in preflight.headers
        staff = http.get("/v1/events", headers={**origin, **office_key(services)})
        assert "Access-Control-Allow-Origin" not in staff.headers
        write = http.options(
            "/v1/products", headers={**origin, "Access-Control-Request-Method": "POST"}
        )
        assert "Access-Control-Allow-Origin" not in write.headers


def test_the_docs_page_loads_only_this_service_s_own_files(sqlite_url: str) -> None:
    assert swagger_ui_files() is not None, "swagger-ui-bundle-v2 is a dependency"
    with served(sqlite_url) as (app, _), client(app) as http:
        page = http.get("/docs")
        assert page.status_code == 200
        policy = page.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources and all(source.startswith("/docs/") for source in sources)
        assert "<script>" not in page.text  # no inline script: the policy forbids it
        for source in sources:
            asset = http.get(source)
            assert asset.status_code == 200, source
            assert asset.headers["X-Content-Type-Options"] == "nosniff"
        assert http.get("/docs/assets/index.html").status_code == 404
        assert http.get("/openapi.json").status_code == 200


def test_docs_can_be_turned_off(sqlite_url: str) -> None:
    with served(sqlite_url, docs=False) as (app, _), client(app) as http:
        assert http.get("/docs").status_code == 404
