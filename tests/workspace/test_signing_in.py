"""Signing in to the staff workspace: the session cookie's flags, the session kept only as
a hash, idle and absolute timeouts on a clock the tests move, sign-out, the lock-out after
repeated failures (logged), and the CSRF tokens every form carries."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from lifecycle.values import Role
from tests.workspace.conftest import PASSWORD, Workspace, sign_in, tokens
from workspace.sessions import hashed

WORKLIST = "/staff/inspections"


def set_cookie(answer: object, name: str) -> str:
    """The Set-Cookie header that sets ``name``."""
    headers = answer.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    return next(header for header in headers if header.startswith(f"{name}="))


def is_signed_in(client: TestClient) -> bool:
    answer = client.get(WORKLIST, follow_redirects=False)
    assert answer.status_code in (200, 303)
    return answer.status_code == 200


def test_an_inspector_signs_in_to_the_worklist_with_a_strict_http_only_cookie(
    workspace: Workspace,
) -> None:
    client = TestClient(workspace.client.app, raise_server_exceptions=False)
    answer = sign_in(client, "qn-inspector", PASSWORD)
    assert answer.status_code == 303 and answer.headers["location"] == WORKLIST
    cookie = set_cookie(answer, "ocop_staff").lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/staff" in cookie
    assert "secure" not in cookie  # plain HTTP: a Secure cookie would never come back
    page = client.get(WORKLIST)
    assert page.status_code == 200 and "Quảng Ninh" in page.text
    assert page.headers["cache-control"] == "no-store"


def test_over_tls_the_cookie_is_secure(workspace: Workspace) -> None:
    client = TestClient(
        workspace.client.app, base_url="https://testserver", raise_server_exceptions=False
    )
    answer = sign_in(client, "qn-inspector", PASSWORD)
    assert answer.status_code == 303
    assert "secure" in set_cookie(answer, "ocop_staff").lower()


def test_only_a_hash_of_the_session_id_is_stored(workspace: Workspace) -> None:
    client = workspace.signed_in("qn-office")
    session_id = client.cookies["ocop_staff"]
    database = workspace.accounts.database
    rows = database.ask(lambda db: db.rows("SELECT id_hash FROM ocop_staff_sessions"))
    stored = {row["id_hash"] for row in rows}
    assert hashed(session_id) in stored and session_id not in stored


def test_a_wrong_password_is_refused_in_the_pages_language(workspace: Workspace) -> None:
    client = TestClient(workspace.client.app, raise_server_exceptions=False)
    refused = sign_in(client, "qn-council", "not the password")
    assert refused.status_code == 401 and "Tên hoặc mật khẩu không đúng." in refused.text
    client.get("/staff/sign-in?lang=en")
    refused = sign_in(client, "nobody-at-all", "not the password")
    assert refused.status_code == 401 and "The name or the password is wrong." in refused.text
    assert "ocop_staff" not in client.cookies


def test_a_session_ends_after_the_idle_time_but_not_while_in_use(workspace: Workspace) -> None:
    client = workspace.signed_in("qn-inspector")
    for _ in range(3):
        workspace.clock.advance(minutes=20)  # 60 minutes in all, never 30 idle
        assert is_signed_in(client)
    workspace.clock.advance(minutes=30)
    answer = client.get(WORKLIST, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/staff/sign-in"


def test_a_session_ends_after_its_absolute_time_however_busy(workspace: Workspace) -> None:
    client = workspace.signed_in("qn-inspector")
    for _ in range(11 * 3):  # 11 hours, a request every 20 minutes
        workspace.clock.advance(minutes=20)
        assert is_signed_in(client)
    workspace.clock.advance(minutes=60)  # 12 hours since sign-in
    assert not is_signed_in(client)


def test_signing_out_ends_the_session_and_needs_its_token(workspace: Workspace) -> None:
    client = workspace.signed_in("qn-inspector")
    csrf = tokens(client.get(WORKLIST))["csrf"]
    assert client.post("/staff/sign-out", data={}, follow_redirects=False).status_code == 403
    assert is_signed_in(client)
    answer = client.post("/staff/sign-out", data={"csrf": csrf}, follow_redirects=False)
    assert answer.status_code == 303
    assert not is_signed_in(client)


def test_repeated_failures_lock_the_account_and_are_logged(
    workspace: Workspace, capfd: pytest.CaptureFixture[str]
) -> None:
    workspace.accounts.create("qn-locked", Role.INSPECTOR, None, "Quảng Ninh", PASSWORD)
    client = TestClient(workspace.client.app, raise_server_exceptions=False)
    for _ in range(3):  # the fixture's OCOP_STAFF_LOCKOUT_ATTEMPTS
        assert sign_in(client, "qn-locked", "guess").status_code == 401
    locked = sign_in(client, "qn-locked", PASSWORD)
    assert locked.status_code == 401 and "tài khoản tạm thời bị khóa" in locked.text
    logged = [json.loads(line) for line in capfd.readouterr().out.splitlines() if "{" in line]
    refusals = [line for line in logged if line.get("event") == "staff.sign_in_refused"]
    assert refusals[-1]["account"] == "qn-locked" and refusals[-1]["locked"] is True
    workspace.clock.advance(minutes=16)  # OCOP_STAFF_LOCKOUT_MINUTES (15) later
    assert sign_in(client, "qn-locked", PASSWORD).status_code == 303


def test_a_reset_unlocks_an_account_and_a_disabled_one_signs_in_no_more(
    workspace: Workspace,
) -> None:
    accounts = workspace.accounts
    accounts.create("qn-leaving", Role.INSPECTOR, None, "Quảng Ninh", PASSWORD)
    client = workspace.signed_in("qn-leaving")
    assert accounts.disable("qn-leaving", workspace.clock())
    assert not is_signed_in(client)  # its session ended with it
    assert sign_in(client, "qn-leaving", PASSWORD).status_code == 401
    assert accounts.reset("qn-leaving", "a new password for her")
    assert sign_in(client, "qn-leaving", "a new password for her").status_code == 303


def test_the_sign_in_form_is_refused_without_its_own_token(workspace: Workspace) -> None:
    client = TestClient(workspace.client.app, raise_server_exceptions=False)
    client.get("/staff/sign-in")
    answer = client.post(
        "/staff/sign-in", data={"name": "qn-inspector", "password": PASSWORD, "token": "forged"}
    )
    assert answer.status_code == 403 and "ocop_staff" not in client.cookies


def test_a_form_posted_without_the_sessions_csrf_token_records_nothing(
    workspace: Workspace,
) -> None:
    client = workspace.signed_in("qn-inspector")
    other = tokens(workspace.signed_in("qn-inspector").get(WORKLIST))["csrf"]
    services = workspace.client.services  # type: ignore[attr-defined]
    before = len(services.registry.events_of("QN-BL-01"))
    form = {
        "inspection_ref": "77/BB-KT",
        "findings": "x",
        "reason": "y",
        "corrective_deadline": "2027-01-31",
        "effective_on": "2026-11-29",
        "form_token": "a-one-time-token-of-this-form",
    }
    for csrf in (None, "", other):
        data = form if csrf is None else {**form, "csrf": csrf}
        answer = client.post("/staff/inspections/QN-BL-01/suspend", data=data)
        assert answer.status_code == 403
    assert len(services.registry.events_of("QN-BL-01")) == before
