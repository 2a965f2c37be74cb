"""The OpenAPI document tells the truth: statuses, problem bodies, security, examples."""

from __future__ import annotations

from typing import Any

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient

from tests.api import bodies
from tests.api.conftest import Api

PUBLIC_STATUSES = {"200", "413", "422", "429", "500", "503"}
READ_STATUSES = PUBLIC_STATUSES | {"401", "403", "404"}
WRITE_STATUSES = (READ_STATUSES - {"200"}) | {"201", "400", "409", "412"}
PROBLEM = {"$ref": "#/components/schemas/Problem"}
# The examples, in the order of one product's story, and who may record each.
STORY = [
    ("/v1/products", "Registration", "office_qn"),
    ("/v1/products/QN-0123/corrections", "CorrectionBody", "office_qn"),
    ("/v1/products/QN-0123/transfers", "TransferBody", "office_qn"),
    ("/v1/products/QN-0123/place", "PlaceBody", "office_qn"),
    # Under 1489 the commune assesses and forwards; the province evaluates and proposes.
    ("/v1/products/QN-0123/evaluations", "EvaluationBody", "council_commune_qn"),
    ("/v1/products/QN-0123/forwardings", "ForwardingBody", "council_commune_qn"),
    ("/v1/products/QN-0123/evaluations", "EvaluationBody", "council_province_qn"),
    ("/v1/products/QN-0123/five-star-proposals", "FiveStarProposalBody", "council_province_qn"),
    ("/v1/products/QN-0123/certificates", "CertificateBody", "authority_province_qn"),
    ("/v1/products/QN-0123/suspensions", "SuspensionBody", "inspector_qn"),
    ("/v1/products/QN-0123/deadline-extensions", "DeadlineExtensionBody", "inspector_qn"),
    ("/v1/products/QN-0123/reinstatements", "ReinstatementBody", "inspector_qn"),
    ("/v1/products/QN-0123/renewal-notices", "RenewalNoticeBody", "authority_province_qn"),
    ("/v1/products/QN-0123/revocations", "RevocationBody", "authority_province_qn"),
    ("/v1/products/QN-0123/removal", "RemovalBody", "office_qn"),
]


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every (path, method, operation) of the document."""
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


@pytest.fixture
def document(api: Api) -> dict[str, Any]:
    response = api.client.get("/openapi.json")
    assert response.status_code == 200
    found: dict[str, Any] = response.json()
    return found


def problem_validator(document: dict[str, Any]) -> jsonschema_rs.Draft202012Validator:
    """Validates bodies against the documented Problem schema, references resolved."""
    schema = {**PROBLEM, "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(schema)


def test_every_refusal_is_a_documented_problem_document(document: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in str(document)
    for path, method, operation in operations(document):
        for status, answer in operation["responses"].items():
            if int(status) >= 400:
                assert answer["content"] == {"application/problem+json": {"schema": PROBLEM}}, (
                    path,
                    method,
                    status,
                )
        statuses = set(operation["responses"])
        if method == "post":
            assert statuses >= WRITE_STATUSES - ({"404"} if path == "/v1/products" else set())
        elif path.startswith("/v1/public"):
            assert statuses >= PUBLIC_STATUSES, path
        elif path.startswith("/v1/"):
            assert statuses >= READ_STATUSES, path
        else:
            assert statuses >= {"200", "429", "500"}, path


def test_protected_operations_need_a_bearer_key_and_public_ones_do_not(
    document: dict[str, Any],
) -> None:
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for path, _, operation in operations(document):
        protected = path.startswith(
            ("/v1/products", "/v1/events", "/v1/operations", "/v1/renewals")
        )
        assert ("security" in operation) is protected, path
        if protected:
            assert operation["security"] == [{"HTTPBearer": []}]
            assert "Authorization" not in str(operation.get("parameters", []))


def test_if_match_and_log_position_are_documented_with_their_patterns(
    document: dict[str, Any],
) -> None:
    write = document["paths"]["/v1/products/{code}/certificates"]["post"]
    if_match = next(p for p in write["parameters"] if p["name"].lower() == "if-match")
    assert if_match["schema"]["pattern"] == r'^(?:W/)?"?([0-9]{1,18})"?$'
    assert write["responses"]["201"]["headers"]["X-Log-Position"]["schema"]["pattern"]
    read = document["paths"]["/v1/public/products/{code}"]["get"]
    position = next(p for p in read["parameters"] if p["name"].lower() == "x-log-position")
    assert position["schema"]["pattern"] == "^[0-9]{1,18}$"


def test_refusals_match_the_documented_problem_schema(api: Api, document: dict[str, Any]) -> None:
    validator = problem_validator(document)
    client: TestClient = api.client
    answers = [
        client.post("/v1/products", json={"code": "QN-1"}, headers=api.auth["office_qn"]),
        client.post(
            "/v1/products",
            content=b"{",
            headers={**api.auth["office_qn"], "Content-Type": "application/json"},
        ),
        client.post("/v1/products", json={}),
        client.get("/v1/public/products/QN-9999"),
        client.get("/v1/public/statistics", params={"from": "2026-02-01", "to": "2026-01-01"}),
    ]
    assert [a.status_code for a in answers] == [422, 400, 401, 404, 422]
    for answer in answers:
        assert answer.headers["content-type"] == "application/problem+json"
        validator.validate(answer.json())
    assert answers[0].json()["errors"][0]["location"][0] == "body"


def test_the_examples_succeed_today(api: Api, document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for path, model, who in STORY:
        body = schemas[model]["examples"][0]
        answer = api.client.post(path, json=body, headers=api.auth[who])
        assert answer.status_code == 201, (path, answer.json())
    found = api.client.get("/v1/products/QN-0123/history", headers=api.auth["auditor"])
    assert len(found.json()) == len(STORY)


@pytest.mark.parametrize(
    ("if_match", "status"),
    [('"3"', 201), ('W/"3"', 201), ("3", 201), ('""3""', 400), ('"3"""', 400), ("W/W/3", 400)],
)
def test_if_match_is_accepted_exactly_as_its_pattern_says(
    api: Api, if_match: str, status: int
) -> None:
    """'""1""' broke the documented pattern yet was taken as version 1 (here 3: after the
    district's evaluation and forwarding)."""
    api.post("office_qn", "/v1/products", bodies.registration())
    api.hand_up("QN-0001")
    path = "/v1/products/QN-0001/evaluations"
    answer = api.client.post(
        path,
        json=bodies.evaluation(),
        headers={**api.auth["council_province_qn"], "If-Match": if_match},
    )
    assert answer.status_code == status, answer.text
