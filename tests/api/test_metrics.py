"""An operator scrapes ``/metrics`` with an administrator's key and sees the register at
work: requests by route template and status, commands accepted by event and refused by
their problem's code, the log's head, the projection's position and lag, the active
projector and a rebuild's progress (issue 14, item 4)."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from tests.api import bodies
from tests.api.conftest import Api

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(api: Api, who: str = "admin") -> Samples:
    """Every sample ``/metrics`` answers, by name and labels."""
    answer = api.client.get("/metrics", headers=api.auth[who])
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """One sample's value (0 where the series has not started)."""
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_the_metrics_are_for_auditors_and_administrators_only(api: Api) -> None:
    anonymous = api.client.get("/metrics")
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "missing-api-key")
    office = api.client.get("/metrics", headers=api.auth["office_qn"])
    assert (office.status_code, office.json()["code"]) == (403, "role-not-permitted")
    scrape(api, "auditor")
    scrape(api, "admin")


def test_a_lookup_is_counted_by_its_route_template_not_its_path(api: Api) -> None:
    route = {"route": "/v1/public/products/{code}", "method": "GET"}
    before = scrape(api)
    assert api.client.get("/v1/public/products/QN-9999").status_code == 404
    assert api.client.get("/no/such/page/QN-9999").status_code == 404
    after = scrape(api)
    counted = "ocop_http_requests_total"
    assert (
        value(after, counted, **route, status="404") - value(before, counted, **route, status="404")
        == 1
    )
    bucket = "ocop_http_request_duration_seconds_count"
    assert value(after, bucket, **route) - value(before, bucket, **route) == 1
    unmatched = {"route": "(unmatched)", "method": "GET", "status": "404"}
    assert value(after, counted, **unmatched) - value(before, counted, **unmatched) == 1
    assert not any("QN-9999" in str(labels) for _, labels in after)


def test_commands_are_counted_accepted_by_event_and_refused_by_code(api: Api) -> None:
    before = scrape(api)
    accepted = api.post("office_qn", "/v1/products", bodies.registration())
    assert accepted.status_code == 201, accepted.text  # type: ignore[attr-defined]
    again = api.post("office_qn", "/v1/products", bodies.registration())
    refused_code = again.json()["code"]  # type: ignore[attr-defined]
    suspended = api.post("inspector_qn", "/v1/products/QN-0001/suspensions", bodies.suspension())
    assert suspended.json()["code"] == "certificate-not-current"  # type: ignore[attr-defined]
    invalid = api.post("office_qn", "/v1/products", {"code": "QN-0002"})
    assert invalid.json()["code"] == "invalid-request"  # type: ignore[attr-defined]
    position = int(accepted.headers["X-Log-Position"])  # type: ignore[attr-defined]
    read = api.client.get("/v1/public/products/QN-0001", params={"position": position})
    assert read.status_code == 200
    after = scrape(api)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("ocop_commands_accepted_total", event="Registered") == 1
    for code in (refused_code, "certificate-not-current", "invalid-request"):
        assert moved("ocop_commands_refused_total", code=code) == 1, code
    assert moved("ocop_commands_refused_total", code="product-not-found") == 0  # a lookup's
    assert value(after, "ocop_log_events_appended_total") == position
    assert value(after, "ocop_projection_position") == position
    assert value(after, "ocop_projection_lag_events") == 0
    assert moved("ocop_projector_events_applied_total") == 1
    assert value(after, "ocop_projector_active") == 1
    assert value(after, "ocop_store_up") == 1


def test_a_rebuild_reports_its_progress(api: Api) -> None:
    for code in ("QN-0001", "QN-0002", "QN-0003"):
        written = api.post("office_qn", "/v1/products", bodies.registration(code))
        assert written.status_code == 201  # type: ignore[attr-defined]
    api.services.projector.rebuild()
    after = scrape(api)
    assert value(after, "ocop_rebuild_events_planned") == 3
    assert value(after, "ocop_rebuild_events_done") == 3
