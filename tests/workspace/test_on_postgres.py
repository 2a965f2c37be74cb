"""The workspace on PostgreSQL, as in production: accounts, sessions and lock-outs in its
tables, and one form posted twice at the same moment from two tabs records one event."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from lifecycle.values import Level, Role
from ocop.site import create_site
from registry.orders import Order
from seed.builders import office, registration
from tests.pages.conftest import caught_up, demo_register
from tests.workspace.conftest import PASSWORD, Clock, sign_in, tokens
from workspace.accounts import StaffAccounts

HTTPS = "https://testserver"
SUSPENSION = {
    "inspection_ref": "63/BB-KT",
    "findings": "Nhãn sai thông tin.",
    "reason": "Nhãn không đúng hồ sơ công bố",
    "corrective_deadline": "2027-01-31",
    "effective_on": "2026-11-29",
}


@pytest.fixture
def site(postgres_url: str) -> Iterator[TestClient]:
    services = demo_register(postgres_url, staff_lockout_attempts=2, staff_secure_cookie=True)
    StaffAccounts(services.database).create(
        "qn-inspector", Role.INSPECTOR, None, "Quảng Ninh", PASSWORD
    )
    app = create_site(services, now=Clock())
    with TestClient(app, base_url=HTTPS, raise_server_exceptions=False) as client:
        caught_up(services)
        client.services = services  # type: ignore[attr-defined]
        yield client
    services.close()


def test_sign_in_lock_out_and_a_form_posted_twice_at_once(site: TestClient) -> None:
    registry = site.services.registry  # type: ignore[attr-defined]
    behind_a_proxy = TestClient(site.app, raise_server_exceptions=False)  # plain HTTP
    cookie = behind_a_proxy.get("/staff/sign-in").headers["set-cookie"].lower()
    assert "secure" in cookie  # OCOP_STAFF_SECURE_COOKIE
    signed = sign_in(site, "qn-inspector", PASSWORD)
    assert signed.status_code == 303
    session = {"ocop_staff": signed.cookies["ocop_staff"]}
    tabs = [
        TestClient(site.app, base_url=HTTPS, cookies=session, raise_server_exceptions=False)
        for _ in "ab"
    ]
    form = tokens(tabs[0].get("/staff/inspections/QN-UB-01/suspend"))
    data = {**SUSPENSION, "csrf": form["csrf"], "form_token": form["form_token"]}
    before = len(registry.events_of("QN-UB-01"))
    statuses: list[int] = []
    start = threading.Barrier(2)

    def post(tab: TestClient) -> None:
        start.wait(timeout=10)
        answer = tab.post("/staff/inspections/QN-UB-01/suspend", data=data, follow_redirects=False)
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=post, args=(tab,)) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [303, 303]
    assert len(registry.events_of("QN-UB-01")) == before + 1

    other = TestClient(site.app, base_url=HTTPS, raise_server_exceptions=False)
    assert sign_in(other, "qn-inspector", "guess").status_code == 401
    locked = sign_in(other, "qn-inspector", "guess")
    assert locked.status_code == 401 and "tài khoản tạm thời bị khóa" in locked.text
    assert sign_in(other, "qn-inspector", PASSWORD).status_code == 401


def test_a_councils_drafts_are_replaced_and_cleared_by_the_evaluation(site: TestClient) -> None:
    services = site.services  # type: ignore[attr-defined]
    StaffAccounts(services.database).create(
        "qn-commune", Role.EVALUATION_COUNCIL, Level.COMMUNE, "Quảng Ninh", PASSWORD
    )
    services.registry.carry_out(Order(office(), registration(date(2026, 11, 2), "QN-PG-01")))
    caught_up(services)
    council = TestClient(site.app, base_url=HTTPS, raise_server_exceptions=False)
    assert sign_in(council, "qn-commune", PASSWORD).status_code == 303
    for a in ("39", "30"):  # the second sheet under the same name replaces the first
        csrf = tokens(council.get("/staff/councils/QN-PG-01"))["csrf"]
        sheet = {"member": "Ủy viên 1", "points-A": a, "points-B": "20", "points-C": "25"}
        council.post("/staff/councils/QN-PG-01/sheets", data={**sheet, "csrf": csrf})
    page = council.get("/staff/councils/QN-PG-01?lang=en")
    assert "Running average: 75 points" in page.text
    form = tokens(page)
    data = {"minutes_ref": "10/BB-HĐ", "council_members": "1", "effective_on": "2026-11-29",
            "mandatory-3": "1", "csrf": form["csrf"], "form_token": form["form_token"]}  # fmt: skip
    answer = council.post("/staff/councils/QN-PG-01/evaluation", data=data, follow_redirects=False)
    assert answer.status_code == 303
    evaluated = services.registry.events_of("QN-PG-01")[-1]
    assert [s.points["A"] for s in evaluated.evaluation.sheets] == [30]
    assert "No sheet saved yet." in council.get("/staff/councils/QN-PG-01?lang=en").text
