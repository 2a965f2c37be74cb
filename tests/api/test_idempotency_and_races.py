"""Retries with an Idempotency-Key store one event; racing writers never share a version."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from tests.api import bodies
from tests.api.conftest import Api


def test_a_request_retried_five_times_stores_one_event(api: Api) -> None:
    api.post("office_qn", "/v1/products", bodies.registration())
    path = "/v1/products/QN-0001/evaluations"
    answers = [
        api.post("council_district_qn", path, bodies.evaluation(), **{"Idempotency-Key": "ev-1"})
        for _ in range(5)
    ]
    assert {a.status_code for a in answers} == {201}
    assert len({a.text for a in answers}) == 1
    assert [a.headers.get("Idempotent-Replayed") for a in answers[1:]] == ["true"] * 4
    assert api.version_of("QN-0001") == 2


def test_the_same_key_with_another_body_is_refused(api: Api) -> None:
    api.post("office_qn", "/v1/products", bodies.registration())
    path = "/v1/products/QN-0001/evaluations"
    api.post("council_district_qn", path, bodies.evaluation(), **{"Idempotency-Key": "ev-1"})
    other = api.post(
        "council_district_qn",
        path,
        bodies.evaluation(minutes_ref="BB-99"),
        **{"Idempotency-Key": "ev-1"},
    )
    assert (other.status_code, other.json()["code"]) == (422, "idempotency-key-reused")
    assert api.version_of("QN-0001") == 2


def test_a_refusal_is_the_first_answer_and_is_replayed(api: Api) -> None:
    api.post("office_qn", "/v1/products", bodies.registration())
    path = "/v1/products/QN-0001/certificates"
    first = api.post(
        "authority_province_qn", path, bodies.certificate(), **{"Idempotency-Key": "c-1"}
    )
    again = api.post(
        "authority_province_qn", path, bodies.certificate(), **{"Idempotency-Key": "c-1"}
    )
    assert first.status_code == again.status_code == 409
    assert first.json()["code"] == again.json()["code"] == "no-evaluation"


def test_concurrent_retries_of_one_request_record_it_once(api: Api) -> None:
    api.post("office_qn", "/v1/products", bodies.registration())
    path = "/v1/products/QN-0001/evaluations"
    start = threading.Barrier(6)

    def send() -> int:
        start.wait(timeout=10)
        response = api.post(
            "council_district_qn", path, bodies.evaluation(), **{"Idempotency-Key": "same"}
        )
        return int(response.status_code)

    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(lambda _: send(), range(6)))
    assert statuses.count(201) >= 1 and set(statuses) <= {201, 409}
    assert api.version_of("QN-0001") == 2


def test_racing_writers_with_if_match_get_one_version_each_or_412(api: Api) -> None:
    api.post("office_qn", "/v1/products", bodies.registration())
    path = "/v1/products/QN-0001/evaluations"
    start = threading.Barrier(8)

    def send(n: int) -> tuple[int, dict[str, object]]:
        start.wait(timeout=10)
        response = api.post(
            "council_district_qn",
            path,
            bodies.evaluation(minutes_ref=f"BB-{n}"),
            **{"If-Match": '"1"'},
        )
        return response.status_code, response.json()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(send, range(8)))
    winners = [body for status, body in results if status == 201]
    assert len(winners) == 1 and winners[0]["version"] == 2
    assert all(body["code"] == "stale-version" for status, body in results if status != 201)
    assert api.version_of("QN-0001") == 2
