"""Renewal and the catalogues over HTTP: a 148 certificate's notice, the list of certificates
due for notice in a province, a re-recognition that continues the old certificate without a
gap, and a product of 1048's textiles evaluated under 148 only in a 148 group."""

from __future__ import annotations

from datetime import date
from typing import Any

from lifecycle.values import RevocationReason
from seed import builders as make
from seed.bodies import body_of
from seed.renewal_builders import renewal_notice
from tests.api.conftest import Api

P = "/v1/products"
CODE = "QN-0001"
# Certified 4★ by the province on 20/12/2023 under 148: valid until 19/12/2026, notice due
# by 19/11/2026 (30 days before; the tests' today is 29/11/2026).
REGISTERED, EVALUATED, CERTIFIED = date(2023, 3, 1), date(2023, 11, 15), date(2023, 12, 20)


def posted(api: Api, who: str, path: str, body: dict[str, Any]) -> int:
    """Posts, checks it was accepted, and returns the event's log position."""
    answer: Any = api.post(who, path, body)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["position"])


def refused(api: Api, who: str, path: str, body: dict[str, Any], status: int, code: str) -> Any:
    """Posts, checks the refusal's status and code, and returns its problem."""
    answer: Any = api.post(who, path, body)
    assert (answer.status_code, answer.headers["content-type"]) == (
        status,
        "application/problem+json",
    ), answer.text
    problem = answer.json()
    assert problem["code"] == code
    return problem


def certified_under_148(api: Api) -> int:
    """A Quảng Ninh herbal product, 4★ from the province under Decision 148."""
    posted(api, "office_qn", P, body_of(make.registration(REGISTERED)))
    api.hand_up(CODE, on=EVALUATED)  # the district's evaluation and forwarding
    posted(
        api, "council_province_qn", f"{P}/{CODE}/evaluations", body_of(make.evaluation(EVALUATED))
    )
    return posted(
        api,
        "authority_province_qn",
        f"{P}/{CODE}/certificates",
        body_of(make.certificate(CERTIFIED)),
    )


def test_the_catalogue_of_each_set_is_public(api: Api) -> None:
    """Decision 148/QĐ-TTg, Appendix I; Decision 1048/QĐ-TTg's 26 product sets."""
    answer: Any = api.get(None, "/v1/public/criteria-sets/148-2023/groups")
    assert answer.status_code == 200, answer.text
    groups = {group["id"]: group for group in answer.json()["groups"]}
    assert len(groups) == 6
    herbs = [subgroup["id"] for subgroup in groups["medicinal-herbs"]["subgroups"]]
    assert "essential-oils" in herbs
    assert all(s["source"] for g in groups.values() for s in g["subgroups"])
    old: Any = api.get(None, "/v1/public/criteria-sets/1048-2019/groups")
    assert sum(len(group["subgroups"]) for group in old.json()["groups"]) == 26
    unknown: Any = api.get(None, "/v1/public/criteria-sets/2030/groups")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "criteria-set-not-found")


def test_a_subgroup_outside_its_groups_catalogue_is_refused_and_nothing_stored(api: Api) -> None:
    body = body_of(make.registration(REGISTERED, subgroup="textiles-garments"))
    problem = refused(api, "office_qn", P, body, 422, "unknown-product-subgroup")
    assert "'textiles-garments'" in problem["detail"] and "148-2023" in problem["detail"]
    assert api.version_of(CODE) == 0


def test_1048_textiles_are_certified_under_148_only_in_a_148_group(api: Api) -> None:
    """Decision 148/QĐ-TTg, Appendix I has no textiles group: the council (the district's,
    which evaluates first) names it."""
    registration = make.registration(
        date(2020, 5, 4), group="textiles-garments", subgroup="textiles-garments"
    )
    posted(api, "office_qn", P, body_of(registration))
    path, scored = f"{P}/{CODE}/evaluations", make.evaluation(date(2024, 3, 1))
    problem = refused(
        api, "council_district_qn", path, body_of(scored), 409, "group-needed-under-set"
    )
    assert "'textiles-garments'" in problem["detail"] and "handicrafts" in problem["detail"]
    wrong = body_of(scored) | {"group": "textiles-garments"}
    refused(api, "council_district_qn", path, wrong, 422, "unknown-product-group")
    assert api.version_of(CODE) == 1
    named = body_of(scored) | {"group": "handicrafts", "subgroup": "textiles-embroidery"}
    position = posted(api, "council_district_qn", path, named)
    found: Any = api.get(None, f"/v1/public/products/{CODE}", position=position)
    assert (found.json()["group"], found.json()["subgroup"]) == (
        "handicrafts",
        "textiles-embroidery",
    )
    history: Any = api.get("auditor", f"{P}/{CODE}/history")
    evaluated = history.json()[-1]
    assert evaluated["event"]["facts"]["group"] == "handicrafts"
    assert evaluated["state"]["group"] == "handicrafts"


def test_a_province_lists_its_certificates_due_for_notice_and_the_notices_given(api: Api) -> None:
    """Decision 148/QĐ-TTg: notice at least 30 days before the end; the list says by when."""
    position = certified_under_148(api)
    due: Any = api.get("authority_province_qn", "/v1/renewals/due", position=position)
    assert due.status_code == 200, due.text
    [row] = due.json()
    assert (row["certificate_number"], row["valid_until"], row["notice_by"]) == (
        "QN-0001-C1",
        "2026-12-19",
        "2026-11-19",
    )
    assert (row["days_left"], row["notices"]) == (20, [])
    notice = body_of(renewal_notice(date(2026, 11, 2)))
    position = posted(api, "authority_province_qn", f"{P}/{CODE}/renewal-notices", notice)
    due = api.get("auditor", "/v1/renewals/due", position=position)
    assert due.json()[0]["notices"] == [{"notice_ref": "15/TB-UBND", "on": "2026-11-02"}]
    elsewhere: Any = api.get("office_hg", "/v1/renewals/due", province="Quảng Ninh")
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (403, "outside-jurisdiction")
    own: Any = api.get("office_hg", "/v1/renewals/due", position=position)
    assert (own.status_code, own.json()) == (200, [])
    later: Any = api.get("auditor", "/v1/renewals/due", within_days=0, position=position)
    assert [r["code"] for r in later.json()] == [CODE]  # its notice was due already
    anonymous: Any = api.get(None, "/v1/renewals/due")
    assert anonymous.status_code == 401


def test_notice_is_given_by_a_certifying_authority_only(api: Api) -> None:
    certified_under_148(api)
    notice = body_of(renewal_notice(date(2026, 11, 2)))
    refused(api, "office_qn", f"{P}/{CODE}/renewal-notices", notice, 403, "role-not-permitted")
    late = body_of(renewal_notice(date(2026, 11, 2))) | {"effective_on": "2026-12-20"}
    refused(
        api,
        "authority_province_qn",
        f"{P}/{CODE}/renewal-notices",
        late,
        422,
        "effective-date-in-future",
    )


def test_a_re_recognition_continues_the_old_certificate_and_both_answers_say_so(api: Api) -> None:
    """Re-recognition is a re-evaluation and a new certificate from its own decision: no gap."""
    certified_under_148(api)
    api.hand_up(CODE, on=date(2026, 11, 20))  # under 1489 the commune's, to the province
    posted(
        api,
        "council_province_qn",
        f"{P}/{CODE}/evaluations",
        body_of(make.evaluation(date(2026, 11, 20))),
    )
    position = posted(
        api,
        "authority_province_qn",
        f"{P}/{CODE}/certificates",
        body_of(make.certificate(date(2026, 11, 25), decision_ref="2990/QĐ-UBND")),
    )
    new: Any = api.get(None, "/v1/public/certificates/QN-0001-C2", position=position)
    assert (new.json()["renews"], new.json()["renewed_by"]) == ("QN-0001-C1", None)
    assert (new.json()["valid_from"], new.json()["status"]) == ("2026-11-25", "certified")
    old: Any = api.get(None, "/v1/public/certificates/QN-0001-C1", position=position)
    assert (old.json()["renewed_by"], old.json()["status"]) == ("QN-0001-C2", "superseded")
    history: Any = api.get("auditor", f"{P}/{CODE}/history")
    assert history.json()[-1]["state"]["certificate"]["renews"] == "QN-0001-C1"
    due: Any = api.get("auditor", "/v1/renewals/due", position=position)
    assert due.json() == []


def test_a_valid_certificate_is_not_revoked_as_not_renewed(api: Api) -> None:
    certified_under_148(api)
    revocation = body_of(make.revocation(date(2026, 11, 28), RevocationReason.EXPIRED_NOT_RENEWED))
    problem = refused(
        api,
        "authority_province_qn",
        f"{P}/{CODE}/revocations",
        revocation,
        409,
        "certificate-not-lapsed",
    )
    assert "2026-12-19" in problem["detail"] and "QN-0001-C1" in problem["detail"]
    assert api.version_of(CODE) == 5  # registered, handed up (2), evaluated, certified
