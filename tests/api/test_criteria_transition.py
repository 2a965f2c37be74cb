"""A certificate decided after the criteria changed, over HTTP: within the transition it
records the evaluation's set; after it, it is refused with its own code and stores nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.api import bodies
from tests.api.conftest import Api

P = "/v1/products"
CERTIFICATES = f"{P}/QN-0001/certificates"


def evaluated_just_before_148(api: Api) -> None:
    """Registered under 1048, evaluated by the province on 20/2/2023, days before 148."""
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001", on=date(2023, 2, 20))
    answer: Any = api.post(
        "council_province_qn",
        f"{P}/QN-0001/evaluations",
        bodies.evaluation(effective_on="2023-02-20"),
    )
    assert answer.status_code == 201, answer.text


def test_a_decision_within_the_transition_records_the_evaluations_set(api: Api) -> None:
    evaluated_just_before_148(api)
    decision = bodies.certificate(effective_on="2023-03-15")
    answer: Any = api.post("authority_province_qn", CERTIFICATES, decision)
    assert answer.status_code == 201, answer.text
    history = api.get("auditor", f"{P}/QN-0001/history").json()
    assert history[-1]["event"]["facts"]["criteria_set"] == "1048-2019"
    assert history[-1]["state"]["certificate"]["criteria_set"] == "1048-2019"


def test_a_decision_after_the_transition_is_refused_with_its_own_code(api: Api) -> None:
    evaluated_just_before_148(api)
    decision = bodies.certificate(effective_on="2024-01-02")
    refused: Any = api.post("authority_province_qn", CERTIFICATES, decision)
    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "evaluation-under-superseded-criteria"
    assert refused.headers["content-type"] == "application/problem+json"
    assert api.version_of("QN-0001") == 4
