"""What the public reads of suspensions, reinstatements, revocations and removals, over HTTP.

Stars are shown as held only while a certificate stands; officials' notes are never
published, only the short public reason given with a change (or a neutral text).
"""

from __future__ import annotations

from typing import Any

from tests.api import bodies
from tests.api.conftest import Api

P = "/v1/products"
PUBLIC = "/v1/public/products"
CORRECTED = "Hộ ông Nguyễn Văn A, SĐT 0912 345 678, đã nộp phạt và thay dây chuyền. " * 50


def certified_and_suspended(api: Api) -> None:
    """Registered under 1048, 4★ from the province, suspended after an inspection."""
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")  # the district council's evaluation and forwarding
    api.post("council_province_qn", f"{P}/QN-0001/evaluations", bodies.evaluation())
    api.post("authority_province_qn", f"{P}/QN-0001/certificates", bodies.certificate())
    api.post("inspector_qn", f"{P}/QN-0001/suspensions", bodies.suspension())


def posted(api: Api, who: str, path: str, body: dict[str, Any]) -> int:
    """Posts, checks it was accepted, and returns the event's log position."""
    answer: Any = api.post(who, path, body)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["position"])


def public_page(api: Api, position: int) -> dict[str, Any]:
    """The product's public page once the read side has reached ``position``."""
    page = api.get(None, f"{PUBLIC}/QN-0001", position=position)
    assert page.status_code == 200, page.text
    body: dict[str, Any] = page.json()
    return body


def test_a_reinstatement_publishes_its_public_reason_never_the_inspectors_note(
    api: Api,
) -> None:
    certified_and_suspended(api)
    position = posted(
        api,
        "inspector_qn",
        f"{P}/QN-0001/reinstatements",
        bodies.reinstatement(corrected=CORRECTED[:4000], public_reason="Đã khắc phục nhãn mác."),
    )
    for path in (f"{PUBLIC}/QN-0001", "/v1/public/certificates/QN-0001-C1"):
        page = api.get(None, path, position=position)
        assert "0912 345 678" not in page.text and "Nguyễn Văn A" not in page.text
        reinstated = page.json()["reasons"][-1]
        assert (reinstated["kind"], reinstated["reason"]) == (
            "reinstated",
            "Đã khắc phục nhãn mác.",
        )


def test_without_a_public_reason_the_public_reads_a_neutral_text(api: Api) -> None:
    certified_and_suspended(api)
    position = posted(
        api,
        "inspector_qn",
        f"{P}/QN-0001/reinstatements",
        bodies.reinstatement(corrected=CORRECTED[:4000]),
    )
    page = api.get(None, f"{PUBLIC}/QN-0001", position=position)
    assert "0912 345 678" not in page.text
    assert page.json()["reasons"][-1]["reason"] == (
        "The breach was corrected on re-inspection; the certificate is reinstated."
    )


def test_a_long_public_reason_is_refused_and_nothing_is_stored(api: Api) -> None:
    certified_and_suspended(api)
    for path, body in (
        (f"{P}/QN-0001/reinstatements", bodies.reinstatement(public_reason="x" * 301)),
        (f"{P}/QN-0001/revocations", bodies.revocation(public_reason="x" * 301)),
    ):
        who = "inspector_qn" if "reinstatements" in path else "authority_province_qn"
        refused: Any = api.post(who, path, body)
        assert (refused.status_code, refused.json()["code"]) == (422, "invalid-request")
        assert refused.json()["errors"][0]["location"] == ["body", "public_reason"]
    assert api.version_of("QN-0001") == 6


def test_the_form_says_the_public_reason_is_published(api: Api) -> None:
    schemas = api.client.get("/openapi.json").json()["components"]["schemas"]
    for form in ("ReinstatementBody", "RevocationBody", "RemovalBody"):
        field = schemas[form]["properties"]["public_reason"]
        assert field["maxLength"] == 300 and "PUBLISHED" in field["description"]
    assert "not published" in schemas["ReinstatementBody"]["properties"]["corrected"]["description"]
    assert "PUBLISHED" in schemas["SuspensionBody"]["properties"]["reason"]["description"]


def test_a_revoked_then_removed_product_shows_no_stars_and_the_removal(api: Api) -> None:
    certified_and_suspended(api)
    revoked = posted(api, "authority_province_qn", f"{P}/QN-0001/revocations", bodies.revocation())
    page = public_page(api, revoked)
    assert (page["status"], page["stars"], page["last_stars"]) == ("revoked", None, 4)
    assert page["removal"] is None
    assert page["reasons"][-1] == {
        "on": "2020-06-01",
        "kind": "revoked",
        "reason": "A breach of the programme's regulations.",
        "reason_code": "breach-of-regulation",
        "decision_ref": "1234/QĐ-UBND",
        "inspection_ref": None,
        "reinspection_ref": None,
        "corrective_deadline": None,
    }
    removed = posted(
        api,
        "office_qn",
        f"{P}/QN-0001/removal",
        bodies.removal(public_reason="Cơ sở ngừng sản xuất."),
    )
    page = public_page(api, removed)
    assert (page["status"], page["stars"], page["last_stars"]) == ("removed", None, 4)
    assert page["removal"] == {
        "on": "2020-06-15",
        "decision_ref": "789/QĐ-UBND",
        "reason": "Cơ sở ngừng sản xuất.",
        "reason_code": "no-longer-produced",
    }
    found = api.get(None, PUBLIC, q="QN-0001", position=removed).json()["items"]
    assert [(item["stars"], item["last_stars"]) for item in found] == [(None, 4)]
    by_number = api.get(None, "/v1/public/certificates/QN-0001-C1", position=removed).json()
    assert (by_number["status"], by_number["stars"], by_number["last_stars"]) == (
        "revoked",
        None,
        4,
    )
    assert by_number["removal"] == page["removal"]


def test_a_removal_without_a_public_reason_reads_the_neutral_text(api: Api) -> None:
    api.post("office_qn", P, bodies.registration())
    removed = posted(api, "office_qn", f"{P}/QN-0001/removal", bodies.removal(note="private"))
    page = public_page(api, removed)
    assert page["removal"]["reason"] == "The product is no longer produced."
    assert (page["stars"], page["last_stars"]) == (None, None)
    assert "private" not in api.get(None, f"{PUBLIC}/QN-0001", position=removed).text


def test_the_public_register_filters_by_district(api: Api) -> None:
    api.post("office_qn", P, bodies.registration())
    other = {"province": "Quảng Ninh", "district": "Vân Đồn", "commune": "Cái Rồng"}
    position = posted(api, "office_qn", P, bodies.registration("QN-0002", location=other))
    for district, codes in (
        ("Uông Bí", ["QN-0001"]),
        ("uong bi", ["QN-0001"]),
        ("Vân Đồn", ["QN-0002"]),
        ("Hạ Long", []),
        (None, ["QN-0001", "QN-0002"]),
    ):
        params = {"district": district} if district else {}
        found = api.get(None, PUBLIC, position=position, **params).json()
        assert [item["code"] for item in found["items"]] == codes, district
        assert found["total"] == len(codes)
