"""An auditor's state reads: only versions and dates the product had, and nothing for others."""

from __future__ import annotations

import pytest

from tests.api import bodies
from tests.api.conftest import Api

P = "/v1/products"


def five_versions(api: Api) -> None:
    """Registered 2019-09-02, forwarded by the district, evaluated, certified 4★ on
    2019-11-01."""
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")  # the district council's evaluation and forwarding
    api.post("council_province_qn", f"{P}/QN-0001/evaluations", bodies.evaluation())
    answer = api.post("authority_province_qn", f"{P}/QN-0001/certificates", bodies.certificate())
    assert answer.status_code == 201, answer.text  # type: ignore[attr-defined]


def test_a_version_the_product_never_reached_is_not_found(api: Api) -> None:
    five_versions(api)
    for version in (6, 99):
        missing = api.get("auditor", f"{P}/QN-0001/state", version=version)
        assert missing.status_code == 404, missing.text
        assert missing.json()["code"] == "version-not-found"
        assert missing.headers["content-type"] == "application/problem+json"
    assert api.get("auditor", f"{P}/QN-0001/state", version=5).json()["version"] == 5


def test_a_date_before_registration_finds_nothing(api: Api) -> None:
    five_versions(api)
    before = api.get("auditor", f"{P}/QN-0001/state", as_of="2019-09-01")
    assert (before.status_code, before.json()["code"]) == (404, "not-registered-then")
    assert api.get("auditor", f"{P}/QN-0001/state", as_of="2019-09-02").json()["version"] == 1


@pytest.mark.parametrize(
    "query",
    [
        {"as_of": "2019-01-01"},  # before registration
        {"as_of": "2019-09-02"},  # the registration day
        {"as_of": "2020-06-01"},  # certified
        {"version": 99},
        {"known_at": "2001-01-01T00:00:00Z"},
    ],
)
def test_another_province_learns_nothing_of_the_dates_from_state(
    api: Api, query: dict[str, object]
) -> None:
    five_versions(api)
    foreign = api.get("inspector_hg", f"{P}/QN-0001/state", **query)
    assert (foreign.status_code, foreign.json()["code"]) == (403, "outside-jurisdiction")
    assert "2019" not in foreign.text
    assert api.get("inspector_qn", f"{P}/QN-0001/state", as_of="2020-06-01").status_code == 200
