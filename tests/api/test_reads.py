"""Auditor reads and the public register, through HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.api import bodies
from tests.api.conftest import Api

P = "/v1/products"


def the_story_of_tinh_dau_trau(api: Api) -> int:
    """Registered, evaluated, certified 4★, suspended, reinstated; returns the last position."""
    api.post("office_qn", P, bodies.registration())
    api.hand_up("QN-0001")  # the district council's evaluation and forwarding
    api.post("council_province_qn", f"{P}/QN-0001/evaluations", bodies.evaluation())
    api.post("authority_province_qn", f"{P}/QN-0001/certificates", bodies.certificate())
    api.post("inspector_qn", f"{P}/QN-0001/suspensions", bodies.suspension())
    response = api.post("inspector_qn", f"{P}/QN-0001/reinstatements", bodies.reinstatement())
    return int(response.json()["position"])


def test_the_history_endpoint_answers_as_ocop_history_does(api: Api, store_url: str) -> None:
    the_story_of_tinh_dau_trau(api)
    over_http = api.get("auditor", f"{P}/QN-0001/history").json()
    command = [str(Path(sys.executable).with_name("ocop")), "history", "QN-0001", "--json"]
    env = {**os.environ, "OCOP_DATABASE_URL": store_url}
    printed = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert json.loads(printed.stdout) == over_http
    assert [entry["state"]["status"] for entry in over_http] == [
        "participating",
        "participating",
        "participating",
        "participating",
        "certified",
        "suspended",
        "certified",
    ]


def test_the_state_on_a_date_and_at_a_version(api: Api) -> None:
    the_story_of_tinh_dau_trau(api)
    during = api.get("auditor", f"{P}/QN-0001/state", as_of="2020-03-01").json()
    assert during["status"] == "suspended" and during["version"] == 6
    at_five = api.get("auditor", f"{P}/QN-0001/state", version=5).json()
    assert at_five["version"] == 5 and at_five["certificate"]["valid_until"] == "2022-10-31"
    before = api.get("auditor", f"{P}/QN-0001/state", as_of="2019-01-01")
    assert (before.status_code, before.json()["code"]) == (404, "not-registered-then")
    long_ago = api.get("auditor", f"{P}/QN-0001/state", known_at="2001-01-01T00:00:00Z")
    assert long_ago.status_code == 404
    assert api.get("auditor", f"{P}/QN-0001/state").json()["code"] == "missing-as-of-or-version"


def test_the_public_sees_status_and_reasons_but_no_personal_data(api: Api) -> None:
    position = the_story_of_tinh_dau_trau(api)
    page = api.get(None, "/v1/public/certificates/QN-0001-C1", position=position)
    assert page.status_code == 200, page.text
    body = page.json()
    # Read on the tests' fixed day (2026-11-29) the 2019 certificate has long expired.
    # An expired certificate holds no stars now; its last stars are named as such.
    assert (body["status"], body["stars"], body["last_stars"]) == ("expired", None, 4)
    assert body["owner_name"] == "HTX Yên Tử" and body["province"] == "Quảng Ninh"
    assert [reason["kind"] for reason in body["reasons"]] == ["suspended", "reinstated"]
    text = page.text
    assert "5700101234" not in text and "inspector_qn" not in text
    by_code = api.get(None, f"{P.replace('/v1', '/v1/public')}/QN-0001", position=position)
    certificate_only = {"decision_ref", "issuing_level", "product_status", "current_certificate"}
    certificate_only |= {"renews", "renewed_by", "issued_position", "proof"}
    assert by_code.json() == {k: v for k, v in body.items() if k not in certificate_only}


def test_the_public_register_finds_names_without_diacritics(api: Api) -> None:
    position = the_story_of_tinh_dau_trau(api)
    found = api.get(None, "/v1/public/products", q="tinh dau trau", position=position).json()
    assert [item["code"] for item in found["items"]] == ["QN-0001"]
    assert found["total"] == 1
    none = api.get(None, "/v1/public/products", q="cha muc", position=position).json()
    assert none["total"] == 0
    unknown = api.get(None, "/v1/public/certificates/QN-0001-C9", position=position)
    assert (unknown.status_code, unknown.json()["code"]) == (404, "certificate-not-found")


def test_statistics_and_the_audit_trail(api: Api) -> None:
    position = the_story_of_tinh_dau_trau(api)
    stats = api.get(
        None,
        "/v1/public/statistics",
        position=position,
        **{"from": "2020-01-01", "to": "2020-06-30"},
    ).json()
    assert stats["suspensions"] == 1 and stats["reinstatements"] == 1
    assert stats["joined_total"] == 1 and stats["joined_in_period"] == 0
    trail = api.get("auditor", "/v1/events", after=0, limit=3, position=position).json()
    assert [e["position"] for e in trail["events"]] == [1, 2, 3]
    assert [e["type"] for e in trail["events"]] == ["Registered", "Evaluated", "Forwarded"]
    forwarded = {"dispatch_ref": "CV-20191001", "minutes_ref": "BB-district-2019-10-01"}
    assert trail["events"][2]["refs"] == forwarded  # on the district council's evaluation
    rest = api.get("auditor", "/v1/events", after=trail["next_after"]).json()
    assert [e["type"] for e in rest["events"]] == [
        "Evaluated",
        "Starred",
        "Suspended",
        "Reinstated",
    ]
    ready = api.get(None, "/readyz").json()  # the trail was read at ``position``: the last
    assert (ready["status"], ready["head"], ready["position"], ready["lag"]) == (
        "ready",
        position,
        position,
        0,
    )
    assert api.get(None, "/healthz").json() == {"status": "alive", "process": os.getpid()}
