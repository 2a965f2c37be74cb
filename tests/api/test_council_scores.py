"""A council's scores over HTTP, as the decisions say: the council's average with decimals
(69.5 is a 3-star product), bonus points by kind within 148's caps, and mandatory criteria per
star level (781/2020; 148/2023, Appendix I) that cap the band and say why. Every refusal is a
problem with its own code and the figures in its detail, and stores nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.api import bodies
from tests.api.conftest import Api

P = "/v1/products"
EVALUATIONS, CERTIFICATES = f"{P}/QN-0001/evaluations", f"{P}/QN-0001/certificates"
UNDER_148 = {"effective_on": "2023-03-01", "group": "medicinal-herbs"}
SCORED_UNDER_148 = {"effective_on": "2023-03-10", "points": {"A": 32, "B": 20, "C": 28}}


def pending(api: Api) -> dict[str, Any]:
    """The evaluation awaiting a certificate, as the auditor reads it."""
    history: Any = api.get("auditor", f"{P}/QN-0001/history")
    evaluation: dict[str, Any] = history.json()[-1]["state"]["pending_evaluation"]
    return evaluation


def test_1048_the_councils_average_of_69_5_is_recorded_and_is_a_3_star_product(api: Api) -> None:
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")  # the district council scored and forwarded it
    points = {"A": 24.5, "B": 17.25, "C": 27.75}
    answer: Any = api.post("council_province_qn", EVALUATIONS, bodies.evaluation(points=points))
    assert answer.status_code == 201, answer.text
    evaluation = pending(api)
    assert (evaluation["points"], evaluation["total"], evaluation["band"]) == (points, 69.5, 3)
    four: Any = api.post("authority_province_qn", CERTIFICATES, bodies.certificate(stars=4))
    assert four.json()["code"] == "band-too-low"
    three: Any = api.post("authority_province_qn", CERTIFICATES, bodies.certificate(stars=3))
    assert three.status_code == 201, three.text


def test_781_an_80_point_product_meeting_only_3_stars_mandatory_criteria_is_certified_3_stars(
    api: Api,
) -> None:
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")  # the district council scored and forwarded it
    only_3 = bodies.evaluation(mandatory_met=None, mandatory_met_for=[3])
    assert only_3["points"] == {"A": 28, "B": 20, "C": 32}
    answer: Any = api.post("council_province_qn", EVALUATIONS, only_3)
    assert answer.status_code == 201, answer.text
    evaluation = pending(api)
    assert (evaluation["total"], evaluation["points_band"], evaluation["band"]) == (80, 4, 3)
    assert evaluation["mandatory_met_for"] == [3]

    four: Any = api.post("authority_province_qn", CERTIFICATES, bodies.certificate(stars=4))
    assert four.status_code == 409, four.text
    assert four.headers["content-type"] == "application/problem+json"
    assert four.json()["code"] == "mandatory-criteria-failed"
    assert "4-star's mandatory criteria unmet (met for 3-star)" in four.json()["detail"]
    assert "80 points reach the 4-star band" in four.json()["detail"]
    assert api.version_of("QN-0001") == 4
    three: Any = api.post("authority_province_qn", CERTIFICATES, bodies.certificate(stars=3))
    assert three.status_code == 201, three.text


@pytest.mark.parametrize(
    ("scores", "code", "detail"),
    [
        (
            {"bonus": {"local-labour": 3}},
            "bonus-above-kind-cap",
            "local-labour bonus 3 exceeds the 148-2023 cap of 2.",
        ),
        (
            {"bonus": {"local-labour": 2, "local-materials": 2, "women-participation": 1.5}},
            "bonus-above-cap",
            "bonus 5.5 exceeds the 148-2023 cap of 5.",
        ),
        ({"bonus": {"tourism": 1}}, "unknown-bonus-kind", "tourism"),
        (
            {"points": {"A": 32.125, "B": 20, "C": 28}},
            "points-too-precise",
            "A scored 32.125: points carry at most 2 decimal places.",
        ),
        (
            {"mandatory_met": None, "mandatory_met_for": [4, 5]},
            "mandatory-levels-with-gap",
            "[4, 5]",
        ),
        ({"mandatory_met_for": [3]}, "mandatory-criteria-unstated", "one of the two"),
    ],
)
def test_148_refused_scores_name_their_rule_and_figures_and_store_nothing(
    api: Api, scores: dict[str, Any], code: str, detail: str
) -> None:
    api.post("office_qn", P, bodies.registration(**UNDER_148))
    api.hand_up("QN-0001", on=date(2023, 3, 10))
    body = bodies.evaluation(**{**SCORED_UNDER_148, **scores})
    refused: Any = api.post("council_province_qn", EVALUATIONS, body)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == code
    assert detail in refused.json()["detail"]
    assert api.version_of("QN-0001") == 3


def test_148_bonus_points_by_kind_are_kept_on_the_record(api: Api) -> None:
    api.post("office_qn", P, bodies.registration(**UNDER_148))
    api.hand_up("QN-0001", on=date(2023, 3, 10))
    bonus = {"local-labour": 2, "women-participation": 1.5}
    body = bodies.evaluation(**SCORED_UNDER_148, bonus=bonus)
    answer: Any = api.post("council_province_qn", EVALUATIONS, body)
    assert answer.status_code == 201, answer.text
    evaluation = pending(api)
    assert (evaluation["bonus"], evaluation["total"]) == (bonus, 83.5)


def sheet(member: str, a: float, b: float, c: float) -> dict[str, Any]:
    return {"member": member, "points": {"A": a, "B": b, "C": c}}


def test_a_councils_sheets_are_kept_and_their_average_places_the_product(api: Api) -> None:
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")  # the district council scored and forwarded it
    sheets = [
        sheet("Member 1", 25, 17, 28),
        sheet("Member 2", 24, 17, 28),
        sheet("M 3", 25, 17, 28),
    ]
    body = {**bodies.evaluation(), "points": {}, "sheets": sheets, "council_members": 4}
    answer: Any = api.post("council_province_qn", EVALUATIONS, body)
    assert answer.status_code == 201, answer.text
    evaluation = pending(api)
    assert (evaluation["total"], evaluation["band"], evaluation["council_members"]) == (69.67, 3, 4)
    assert [s["member"] for s in evaluation["sheets"]] == ["Member 1", "Member 2", "M 3"]
    assert evaluation["sheets"][1]["points"] == {"A": 24, "B": 17, "C": 28}
    assert evaluation["one_member_import"] is False


def test_one_set_of_points_stays_accepted_as_a_one_member_council_and_says_so(api: Api) -> None:
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")  # the district council scored and forwarded it
    answer: Any = api.post("council_province_qn", EVALUATIONS, bodies.evaluation())
    assert answer.status_code == 201, answer.text
    evaluation = pending(api)
    assert (evaluation["council_members"], evaluation["sheets"]) == (1, [])
    assert evaluation["one_member_import"] is True


def test_too_few_sheets_for_the_quorum_are_refused_and_store_nothing(api: Api) -> None:
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")  # the district council scored and forwarded it
    sheets = [sheet("Member 1", 25, 17, 28), sheet("Member 2", 24, 17, 28)]
    body = {**bodies.evaluation(), "points": {}, "sheets": sheets, "council_members": 7}
    refused: Any = api.post("council_province_qn", EVALUATIONS, body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "quorum-not-met"
    assert refused.json()["detail"] == (
        "2 score sheets from a council of 7; at least two thirds of its members (5) must "
        "score, each once."
    )
    assert api.version_of("QN-0001") == 3
