"""Hand-offs between levels over HTTP (issue 11 item 5): a 148 product goes from the district
to the province to the central council and ends with the ministry's 5-star certificate; the
same product without a province's proposal is refused at the central level; under 1489 the
commune assesses and forwards. The register answers who proposed a product, when, and with
what score, in its history, its state and the audit trail."""

from __future__ import annotations

from typing import Any

from tests.api import bodies
from tests.api.conftest import Api

P = "/v1/products"
UNDER_148 = {"effective_on": "2023-03-01", "group": "medicinal-herbs"}
UNDER_1489 = {"effective_on": "2025-08-01", "group": "medicinal-herbs"}


def scores(on: str, a: float, b: float, c: float, minutes: str) -> dict[str, Any]:
    """A council's one set of points (every level's mandatory criteria met)."""
    points = {"A": a, "B": b, "C": c}
    return {"effective_on": on, "points": points, "mandatory_met": True, "minutes_ref": minutes}


def posted(api: Api, who: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer: Any = api.post(who, path, body)
    assert answer.status_code == 201, answer.text
    found: dict[str, Any] = answer.json()
    return found


def refused(api: Api, who: str, path: str, body: dict[str, Any], status: int, code: str) -> str:
    """The problem's detail, once its status, media type and code are checked."""
    answer: Any = api.post(who, path, body)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == code
    detail: str = answer.json()["detail"]
    return detail


def registered_under_148(api: Api, code: str) -> str:
    """Registered in Quảng Ninh under 148; the product's path."""
    body = {**bodies.registration(code), **UNDER_148}
    posted(api, "office_qn", P, body)
    return f"{P}/{code}"


def test_148_district_to_province_to_central_ends_with_the_ministrys_5_stars(api: Api) -> None:
    """148/2023: the district forwards from 70 points, the province proposes from 90, the
    central council evaluates what was proposed, the ministry certifies 5 stars."""
    path = registered_under_148(api, "QN-0501")
    posted(
        api, "council_district_qn", f"{path}/evaluations", scores("2023-04-03", 34, 20, 30, "BB-H1")
    )
    posted(
        api,
        "council_district_qn",
        f"{path}/forwardings",
        {"effective_on": "2023-04-05", "dispatch_ref": "45/UBND-NN"},
    )
    posted(
        api, "council_province_qn", f"{path}/evaluations", scores("2023-05-10", 38, 22, 31, "BB-T7")
    )
    proposal = {"effective_on": "2023-05-20", "dispatch_ref": "120/TTr-UBND"}
    proposed = posted(api, "council_province_qn", f"{path}/five-star-proposals", proposal)
    posted(
        api, "council_central", f"{path}/evaluations", scores("2023-08-15", 39, 23, 32, "BB-TW3")
    )
    certificate = {"effective_on": "2023-09-01", "stars": 5, "decision_ref": "981/QĐ-BNN-KTHT"}
    starred = posted(api, "ministry", f"{path}/certificates", certificate)
    assert starred["certificate_number"] == "QN-0501-C1"

    history = api.get("auditor", f"{path}/history").json()  # type: ignore[attr-defined]
    kinds = [entry["event"]["type"] for entry in history]
    assert kinds == [
        "Registered", "Evaluated", "Forwarded", "Evaluated", "ProposedAsPotentialFiveStar",
        "Evaluated", "Starred",
    ]  # fmt: skip
    proposal_event = history[4]["event"]  # proposed by whom, when, with what score
    assert proposal_event["actor"]["principal_id"] == "council_province_qn"
    assert proposal_event["effective_on"] == "2023-05-20"
    facts = proposal_event["facts"]
    assert (facts["total"], facts["band"], facts["minutes_ref"]) == (91, 5, "BB-T7")
    assert (facts["from_level"], facts["to_level"], facts["criteria_set"]) == (
        "province", "central", "148-2023",
    )  # fmt: skip
    state = api.get("auditor", f"{path}/state", as_of="2023-06-01").json()  # type: ignore[attr-defined]
    assert [(h["to_level"], h["by"], h["total"]) for h in state["handed_to"]] == [
        ("province", "council_district_qn", 84),
        ("central", "council_province_qn", 91),
    ]
    trail = api.get(  # read once the projection holds the certificate (read-your-writes)
        "auditor", "/v1/events", after=proposed["position"] - 1, limit=1,
        position=starred["position"],
    ).json()  # type: ignore[attr-defined]  # fmt: skip
    (row,) = trail["events"]
    assert row["type"] == "ProposedAsPotentialFiveStar"
    assert row["refs"] == {"dispatch_ref": "120/TTr-UBND", "minutes_ref": "BB-T7"}
    assert history[-1]["state"]["handed_to"] == []
    row = api.get("auditor", path, position=starred["position"]).json()  # type: ignore[attr-defined]
    assert [(h["kind"], h["by"], h["on"], h["total"]) for h in row["hand_offs"]] == [
        ("forward", "council_district_qn", "2023-04-05", 84),
        ("propose-potential-5-star", "council_province_qn", "2023-05-20", 91),
    ]  # every hand-off stays on the staff's status answer, after the certificate too
    assert row["hand_offs"][1]["dispatch_ref"] == "120/TTr-UBND"


def test_without_a_provinces_proposal_the_central_council_and_the_ministry_are_refused(
    api: Api,
) -> None:
    """148/2023: the province scored 91 points but proposed nothing; the central council's
    evaluation is refused and stores nothing, and so is the ministry's 5 stars."""
    path = registered_under_148(api, "QN-0502")
    posted(
        api, "council_district_qn", f"{path}/evaluations", scores("2023-04-03", 34, 20, 30, "BB-H1")
    )
    posted(
        api,
        "council_district_qn",
        f"{path}/forwardings",
        {"effective_on": "2023-04-05", "dispatch_ref": "45/UBND-NN"},
    )
    posted(
        api, "council_province_qn", f"{path}/evaluations", scores("2023-05-10", 38, 22, 31, "BB-T7")
    )
    version = api.version_of("QN-0502")
    detail = refused(
        api, "council_central", f"{path}/evaluations", scores("2023-08-15", 39, 23, 32, "BB-TW3"),
        409, "not-handed-off",
    )  # fmt: skip
    assert "Under 148-2023 a central council evaluates only products handed to it" in detail
    assert "the province proposes as potential 5-star products of 90 points and more" in detail
    certificate = {"effective_on": "2023-09-01", "stars": 5, "decision_ref": "981/QĐ-BNN-KTHT"}
    refused(
        api, "ministry", f"{path}/certificates", certificate, 409, "evaluation-not-by-issuing-level"
    )
    assert api.version_of("QN-0502") == version


def test_a_district_that_scored_under_70_cannot_forward_under_148(api: Api) -> None:
    path = registered_under_148(api, "QN-0503")
    posted(
        api,
        "council_district_qn",
        f"{path}/evaluations",
        scores("2023-04-03", 30, 15, 24.5, "BB-H2"),
    )
    forwarding = {"effective_on": "2023-04-05", "dispatch_ref": "46/UBND-NN"}
    detail = refused(
        api,
        "council_district_qn",
        f"{path}/forwardings",
        forwarding,
        409,
        "below-hand-off-threshold",
    )
    assert "scored 69.5 points; under 148-2023 the district forwards products of 70" in detail
    assert api.version_of("QN-0503") == 2


def test_1489_the_commune_assesses_and_forwards_and_the_province_certifies(api: Api) -> None:
    """1489/2025: no district level; the commune assesses and proposes to the province, which
    evaluates and certifies 3 and 4 stars."""
    posted(api, "office_qn", P, {**bodies.registration("QN-0504"), **UNDER_1489})
    path = f"{P}/QN-0504"
    refused(
        api,
        "council_district_qn",
        f"{path}/evaluations",
        scores("2025-08-10", 30, 20, 28, "BB-X"),
        403,
        "district-level-ended",  # no district principal acts from 1/7/2025
    )
    refused(
        api,
        "council_province_qn",
        f"{path}/evaluations",
        scores("2025-08-10", 30, 20, 28, "BB-X"),
        409,
        "not-handed-off",
    )
    posted(
        api, "council_commune_qn", f"{path}/evaluations", scores("2025-08-10", 30, 20, 28, "BB-X1")
    )
    posted(
        api,
        "council_commune_qn",
        f"{path}/forwardings",
        {"effective_on": "2025-08-12", "dispatch_ref": "12/UBND"},
    )
    posted(
        api, "council_province_qn", f"{path}/evaluations", scores("2025-09-15", 32, 20, 28, "BB-T9")
    )
    certificate = {"effective_on": "2025-10-01", "stars": 4, "decision_ref": "2210/QĐ-UBND"}
    posted(api, "authority_province_qn", f"{path}/certificates", certificate)
    history = api.get("auditor", f"{path}/history").json()  # type: ignore[attr-defined]
    forwarded = history[2]["event"]
    assert forwarded["type"] == "Forwarded"
    assert forwarded["actor"]["level"] == "commune"
    assert (forwarded["facts"]["from_level"], forwarded["facts"]["to_level"]) == (
        "commune",
        "province",
    )
    assert history[-1]["state"]["stars"] == 4
