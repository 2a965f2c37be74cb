"""A query parameter named twice is refused as ambiguous, with the parameter named, before
anything is read or written; one value each is answered as before."""

from __future__ import annotations

import pytest

from tests.api import bodies
from tests.api.conftest import Api


@pytest.mark.parametrize(
    "query",
    [
        "position=abc&position=0",
        "position=0&position=0",
        "q=tra&province=Qu%E1%BA%A3ng+Ninh&q=mat",
    ],
)
def test_a_repeated_query_parameter_is_refused_with_its_name(api: Api, query: str) -> None:
    answer = api.client.get(f"/v1/public/products?{query}")
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["code"] == "repeated-query-parameter"
    named = query.split("&")[-1].split("=")[0]
    assert problem["errors"] == [{"location": ["query", named], "message": "named more than once"}]


def test_a_write_with_a_repeated_query_parameter_stores_nothing(api: Api) -> None:
    refused = api.post("office_qn", "/v1/products?x=1&x=2", bodies.registration())
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert api.client.get("/v1/public/products").json()["total"] == 0
    accepted = api.post("office_qn", "/v1/products", bodies.registration())
    assert accepted.status_code == 201  # type: ignore[attr-defined]


def test_distinct_parameters_are_answered_as_before(api: Api) -> None:
    assert api.client.get("/v1/public/products?q=tra&position=0").status_code == 200
