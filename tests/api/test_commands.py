"""Each write endpoint's success, and its refusals: status, code, and nothing stored."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import bodies
from tests.api.conftest import Api

P = "/v1/products"


def accepted(response: Any, event: str, version: int) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    assert body["event"] == event and body["version"] == version
    assert response.headers["ETag"] == f'"{version}"'
    assert response.headers["X-Log-Position"] == str(body["position"])
    return body


def refused(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == code and problem["status"] == status and problem["detail"]


def certified(api: Api, code: str = "QN-0001") -> None:
    accepted(api.post("office_qn", P, bodies.registration(code)), "Registered", 1)
    handed_up = api.hand_up(code)  # the district council's evaluation and forwarding
    steps = [
        ("council_province_qn", "evaluations", bodies.evaluation(), "Evaluated"),
        ("authority_province_qn", "certificates", bodies.certificate(), "Starred"),
    ]
    for version, (who, resource, body, event) in enumerate(steps, start=2 + handed_up):
        accepted(api.post(who, f"{P}/{code}/{resource}", body), event, version)


def test_a_product_lives_its_whole_life_through_the_api(api: Api) -> None:
    certified(api)
    assert api.services.registry.product("QN-0001").certificate.number == "QN-0001-C1"
    steps = [
        ("inspector_qn", "suspensions", bodies.suspension(), "Suspended"),
        ("inspector_qn", "reinstatements", bodies.reinstatement(), "Reinstated"),
        ("authority_province_qn", "revocations", bodies.revocation(), "Revoked"),
    ]
    for version, (who, resource, body, event) in enumerate(steps, start=6):
        accepted(api.post(who, f"{P}/QN-0001/{resource}", body), event, version)
    body = accepted(api.post("office_qn", f"{P}/QN-0001/removal", bodies.removal()), "Removed", 9)
    assert body["position"] == 9


def test_a_certificate_answer_names_the_certificate_issued(api: Api) -> None:
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")
    api.post("council_province_qn", f"{P}/QN-0001/evaluations", bodies.evaluation())
    response = api.post("authority_province_qn", f"{P}/QN-0001/certificates", bodies.certificate())
    assert response.json()["certificate_number"] == "QN-0001-C1"


@pytest.mark.parametrize(
    ("who", "path", "body", "status", "code"),
    [
        (
            "council_province_qn",
            "evaluations",
            bodies.evaluation(points={"A": 36, "B": 20, "C": 30}),
            422,
            "points-above-maximum",
        ),
        (
            "council_province_qn",
            "evaluations",
            bodies.evaluation(points={"A": 30, "B": 20}),
            422,
            "criteria-parts-mismatch",
        ),
        (
            "council_province_qn",
            "evaluations",
            bodies.evaluation(bonus={"local-labour": 2}),
            422,
            "bonus-not-counted",
        ),
        (
            "council_province_qn",
            "evaluations",
            bodies.evaluation(effective_on="2019-08-01"),
            409,
            "effective-date-out-of-order",
        ),
        (
            "council_province_qn",
            "evaluations",
            bodies.evaluation(effective_on="2027-01-01"),
            422,
            "effective-date-in-future",
        ),
        ("authority_province_qn", "certificates", bodies.certificate(), 409, "no-evaluation"),
        (
            "authority_province_qn",
            "certificates",
            bodies.certificate(stars=2),
            422,
            "stars-not-certifiable",
        ),
        ("inspector_qn", "suspensions", bodies.suspension(), 409, "certificate-not-current"),
        ("inspector_qn", "reinstatements", bodies.reinstatement(), 409, "not-suspended"),
        ("authority_province_qn", "revocations", bodies.revocation(), 409, "no-certificate"),
    ],
)
def test_a_refused_change_stores_nothing(
    api: Api, who: str, path: str, body: dict[str, Any], status: int, code: str
) -> None:
    api.post("office_qn", P, bodies.registration())
    handed_up = api.hand_up("QN-0001") if path == "evaluations" else 0
    refused(api.post(who, f"{P}/QN-0001/{path}", body), status, code)
    assert api.version_of("QN-0001") == 1 + handed_up


def test_certification_rules_answer_with_their_codes(api: Api) -> None:
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")
    api.post(
        "council_province_qn", f"{P}/QN-0001/evaluations", bodies.evaluation(mandatory_met=False)
    )
    refused(
        api.post("authority_province_qn", f"{P}/QN-0001/certificates", bodies.certificate()),
        409,
        "mandatory-criteria-failed",
    )
    api.post(
        "council_province_qn",
        f"{P}/QN-0001/evaluations",
        bodies.evaluation(points={"A": 20, "B": 15, "C": 20}, effective_on="2019-10-02"),
    )
    refused(
        api.post("authority_province_qn", f"{P}/QN-0001/certificates", bodies.certificate()),
        409,
        "band-too-low",
    )
    api.post(
        "council_province_qn",
        f"{P}/QN-0001/evaluations",
        bodies.evaluation(points={"A": 35, "B": 25, "C": 35}, effective_on="2020-01-03"),
    )  # under 1048, Quảng Ninh's from 2020: only the central level certifies 5 stars
    five = bodies.certificate(stars=5, effective_on="2020-01-10")
    refused(
        api.post("authority_province_qn", f"{P}/QN-0001/certificates", five),
        403,
        "level-not-competent",
    )
    assert api.version_of("QN-0001") == 6


def test_a_removed_product_refuses_everything_and_its_code_is_never_reused(api: Api) -> None:
    api.post("office_qn", P, bodies.registration())
    api.post("office_qn", f"{P}/QN-0001/removal", bodies.removal(effective_on="2019-12-01"))
    refused(
        api.post(
            "council_province_qn",
            f"{P}/QN-0001/evaluations",
            bodies.evaluation(effective_on="2020-01-01"),
        ),
        409,
        "product-removed",
    )
    refused(api.post("office_qn", P, bodies.registration()), 409, "product-already-registered")
    assert api.version_of("QN-0001") == 2


def test_removal_of_a_certified_product_asks_for_revocation_first(api: Api) -> None:
    certified(api)
    removal = api.post("office_qn", f"{P}/QN-0001/removal", bodies.removal())
    refused(removal, 409, "certificate-still-current")
    assert api.version_of("QN-0001") == 5


def test_malformed_input_is_refused_before_anything_runs(api: Api) -> None:
    response = api.client.post(
        P,
        content=b"{not json",
        headers={**api.auth["office_qn"], "Content-Type": "application/json"},
    )
    refused(response, 400, "malformed-json")
    refused(api.post("office_qn", P, bodies.registration(code="qn 1")), 422, "invalid-request")
    refused(api.post("office_qn", P, {**bodies.registration(), "extra": 1}), 422, "invalid-request")
    refused(
        api.post("office_qn", P, bodies.registration(group="pottery")), 422, "unknown-product-group"
    )
    too_early = api.post("office_qn", P, bodies.registration(effective_on="2012-05-01"))
    refused(too_early, 422, "no-criteria-set")
    unknown = api.post("council_province_qn", f"{P}/QN-0404/evaluations", bodies.evaluation())
    refused(unknown, 404, "product-not-found")
    assert api.version_of("QN-0001") == 0


def test_without_a_valid_key_nothing_is_written(api: Api) -> None:
    refused(api.client.post(P, json=bodies.registration()), 401, "missing-api-key")
    refused(
        api.client.post(
            P, json=bodies.registration(), headers={"Authorization": "Bearer ocop_nope_nope"}
        ),
        401,
        "unknown-api-key",
    )
    refused(
        api.client.post(P, json=bodies.registration(), headers={"Authorization": "Basic x"}),
        401,
        "malformed-authorization",
    )
    assert api.version_of("QN-0001") == 0


def test_if_match_refuses_a_change_made_against_an_old_version(api: Api) -> None:
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")
    path = f"{P}/QN-0001/evaluations"
    refused(
        api.post("council_province_qn", path, bodies.evaluation(), **{"If-Match": '"7"'}),
        412,
        "stale-version",
    )
    for malformed in ("abc", "²".encode("latin-1"), "9" * 5000):
        refused(
            api.post("council_province_qn", path, bodies.evaluation(), **{"If-Match": malformed}),
            400,
            "malformed-if-match",
        )
    accepted(
        api.post("council_province_qn", path, bodies.evaluation(), **{"If-Match": '"3"'}),
        "Evaluated",
        4,
    )
