"""The offices correct a product's record over HTTP: the public reads the current details,
auditors read the old beside the new, and every refusal is a problem with its own code."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from seed import corrections as fix
from seed.bodies import body_of
from tests.api import bodies
from tests.api.conftest import Api

P = "/v1/products/QN-0001"
NEW_NAME = "Tinh dầu Trầu tiên Yên Tử thượng hạng"


def posted(api: Api, who: str, path: str, body: dict[str, Any]) -> int:
    """Posts, checks it was accepted, and returns the event's log position."""
    answer: Any = api.post(who, path, body)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["position"])


def refused(api: Api, who: str, path: str, body: dict[str, Any], status: int, code: str) -> None:
    """Posts, and checks the refusal's status, problem type and code, with nothing stored."""
    before = api.version_of("QN-0001")
    answer: Any = api.post(who, path, body)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == code
    assert api.version_of("QN-0001") == before


def suspended(api: Api) -> None:
    """Registered, certified by the province, suspended on 10/2/2020 until 30/4/2020."""
    posted(api, "office_qn", "/v1/products", bodies.registration())
    api.hand_up("QN-0001")  # the district's evaluation and forwarding
    posted(api, "council_province_qn", f"{P}/evaluations", bodies.evaluation())
    posted(api, "authority_province_qn", f"{P}/certificates", bodies.certificate())
    posted(api, "inspector_qn", f"{P}/suspensions", bodies.suspension())


def test_a_corrected_name_is_public_and_the_history_keeps_the_old_one(api: Api) -> None:
    posted(api, "office_qn", "/v1/products", bodies.registration())
    correction = fix.correction(date(2019, 9, 20), name=NEW_NAME, district="TX Đông Triều")
    position = posted(api, "office_qn", f"{P}/corrections", body_of(correction))
    public: Any = api.get(None, "/v1/public/products/QN-0001", position=position)
    assert (public.json()["name"], public.json()["district"]) == (NEW_NAME, "TX Đông Triều")
    found: Any = api.get(None, "/v1/public/products", q="thuong hang", position=position)
    assert [item["code"] for item in found.json()["items"]] == ["QN-0001"]
    history: Any = api.get("auditor", f"{P}/history")
    event = history.json()[-1]["event"]
    assert event["type"] == "RegistrationCorrected"
    assert event["facts"]["previous"] == {
        "name": "Tinh dầu trầu tiên Yên Tử",
        "district": "Uông Bí",
    }
    assert event["facts"]["name"] == NEW_NAME and event["facts"]["decision_ref"] == "15/CV-OCOP"
    trail: Any = api.get("auditor", "/v1/events", after=0, position=position)
    last = trail.json()["events"][-1]
    assert last["type"] == "RegistrationCorrected" and last["refs"]["decision_ref"]
    before: Any = api.get("auditor", f"{P}/state", as_of="2019-09-10")
    assert before.json()["name"] == "Tinh dầu trầu tiên Yên Tử"


def test_open_data_reads_the_details_as_they_stood_on_the_day_asked(api: Api) -> None:
    posted(api, "office_qn", "/v1/products", bodies.registration())
    position = posted(
        api,
        "office_qn",
        f"{P}/corrections",
        body_of(fix.correction(date(2019, 9, 20), name=NEW_NAME)),
    )
    for as_of, name, last_change in (
        ("2019-09-10", "Tinh dầu trầu tiên Yên Tử", "registered"),
        ("2019-09-20", NEW_NAME, "corrected"),
    ):
        rows: Any = api.get(None, "/v1/public/register.json", as_of=as_of, position=position)
        assert rows.status_code == 200, rows.text
        assert [(r["name"], r["last_change"]) for r in rows.json()] == [(name, last_change)]


def test_a_transfer_gives_the_product_its_new_owner(api: Api) -> None:
    posted(api, "office_qn", "/v1/products", bodies.registration())
    position = posted(api, "office_qn", f"{P}/transfers", body_of(fix.transfer(date(2019, 10, 1))))
    public: Any = api.get(None, "/v1/public/products/QN-0001", position=position)
    assert (public.json()["owner_name"], public.json()["owner_kind"]) == (
        fix.NEW_OWNER.name,
        "enterprise",
    )
    history: Any = api.get("auditor", f"{P}/history")
    facts = history.json()[-1]["event"]["facts"]
    assert facts["previous_owner"]["organisation_id"] == "5700101234"
    assert history.json()[-1]["state"]["owner"]["organisation_id"] == "5700109876"


def test_an_inspector_extends_a_deadline_and_the_status_reads_the_new_one(api: Api) -> None:
    suspended(api)
    extension = fix.extension(date(2020, 4, 20), date(2020, 5, 31))
    position = posted(api, "inspector_qn", f"{P}/deadline-extensions", body_of(extension))
    status: Any = api.get("auditor", P, position=position)
    assert status.json()["corrective_deadline"] == "2020-05-31"
    history: Any = api.get("auditor", f"{P}/history")
    assert history.json()[-1]["event"]["facts"]["previous_deadline"] == "2020-04-30"


@pytest.mark.parametrize(
    ("who", "path", "body", "status", "code"),
    [
        ("office_qn", "corrections", {"reason": "x", "decision_ref": "1"}, 422,
         "nothing-to-correct"),
        ("office_qn", "corrections", {"name": "Tinh dầu trầu tiên Yên Tử", "reason": "x",
                                      "decision_ref": "1"}, 409, "correction-changes-nothing"),
        ("inspector_qn", "corrections", {"name": "X", "reason": "x", "decision_ref": "1"}, 403,
         "role-not-permitted"),
        ("office_hg", "transfers", body_of(fix.transfer(date(2019, 10, 1))), 403,
         "outside-jurisdiction"),
        ("office_qn", "transfers", {"owner": bodies.registration()["owner"],
                                    "decision_ref": "1"}, 409, "transfer-to-same-owner"),
        ("office_qn", "deadline-extensions", {"corrective_deadline": "2019-12-01",
                                              "reason": "x"}, 403, "role-not-permitted"),
        ("inspector_qn", "deadline-extensions", {"corrective_deadline": "2019-12-01",
                                                 "reason": "x"}, 409, "not-suspended"),
    ],
)  # fmt: skip
def test_each_refusal_is_a_problem_with_its_code_and_stores_nothing(
    api: Api, who: str, path: str, body: dict[str, Any], status: int, code: str
) -> None:
    posted(api, "office_qn", "/v1/products", bodies.registration())
    refused(api, who, f"{P}/{path}", {"effective_on": "2019-10-01", **body}, status, code)


def test_a_deadline_is_extended_only_before_it_passes_and_only_to_a_later_day(api: Api) -> None:
    suspended(api)
    late = body_of(fix.extension(date(2020, 5, 1), date(2020, 6, 30)))
    refused(api, "inspector_qn", f"{P}/deadline-extensions", late, 409,
            "corrective-deadline-already-passed")  # fmt: skip
    sooner = body_of(fix.extension(date(2020, 4, 1), date(2020, 4, 30)))
    refused(api, "inspector_qn", f"{P}/deadline-extensions", sooner, 422, "deadline-not-extended")
