"""Who may open what in the staff workspace, through HTTP: every page and form, every role,
and a product of their own province and of another. A member of staff is refused another
role's pages (403) and another province's products (403); without a session a page sends
to the sign-in and a form is 401. A session cookie never writes through the API, and an API
key never opens a staff page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lifecycle.values import Role
from tests.workspace.conftest import STAFF, Workspace, tokens

OWN_OF = {"Quảng Ninh": "QN-UB-01", "Tuyên Quang": "HG-QB-01"}
FOREIGN_OF = {"Quảng Ninh": "HG-QB-01", "Tuyên Quang": "QN-UB-01"}
ACTS = ("suspend", "extend", "reinstate")
WAYS = ("forward", "propose")
# The office's and the authority's forms, by whose they are.
DESK_ACTS = {"correct": Role.PROGRAMME_OFFICE, "transfer": Role.PROGRAMME_OFFICE,
             "remove": Role.PROGRAMME_OFFICE, "new": Role.PROGRAMME_OFFICE,
             "certify": Role.CERTIFYING_AUTHORITY, "revoke": Role.CERTIFYING_AUTHORITY}  # fmt: skip
DESKS = (Role.PROGRAMME_OFFICE, Role.CERTIFYING_AUTHORITY)
# (method, path with {code} where the page is about one product)
PAGES = [
    ("GET", "/staff"),
    ("GET", "/staff/inspections"),
    ("GET", "/staff/inspections/go?code={code}"),
    *[("GET", f"/staff/inspections/{{code}}/{act}") for act in ACTS],
    *[("POST", f"/staff/inspections/{{code}}/{act}") for act in ACTS],
    ("GET", "/staff/councils"),
    ("GET", "/staff/councils/go?code={code}"),
    ("GET", "/staff/councils/{code}"),
    ("POST", "/staff/councils/{code}/sheets"),
    ("POST", "/staff/councils/{code}/evaluation"),
    *[(method, f"/staff/councils/{{code}}/{way}") for way in WAYS for method in ("GET", "POST")],
    ("GET", "/staff/products"),
    ("GET", "/staff/products/{code}"),
    *[(method, "/staff/products/new") for method in ("GET", "POST")],
    *[
        (method, f"/staff/products/{{code}}/{act}")
        for act in DESK_ACTS
        if act != "new"
        for method in ("GET", "POST")
    ],
    ("GET", "/staff/log"),
    ("GET", "/staff/log/verification"),
    ("GET", "/staff/log/products/{code}"),
    ("POST", "/staff/sign-out"),
]
INSPECTOR_PAGES = {path for _method, path in PAGES if path.startswith("/staff/inspections")}
COUNCIL_PAGES = {path for _method, path in PAGES if path.startswith("/staff/councils")}
AUDITOR_PAGES = {path for _method, path in PAGES if path.startswith("/staff/log")}


@pytest.fixture(scope="module")
def members(workspace: Workspace) -> dict[str, tuple[TestClient, str]]:
    """Each staff member signed in once, with the session's CSRF token."""
    signed: dict[str, tuple[TestClient, str]] = {}
    for name in STAFF:
        client = workspace.signed_in(name)
        signed[name] = (client, tokens(client.get("/staff"))["csrf"])
    return signed


def expected(name: str, path: str, whose: str, method: str) -> int:
    """What the member gets: the page (200; an empty form is 422: it went through), the
    sign-out's redirect (303), or 403 for another role or another province's product
    (auditors read every province's)."""
    role = STAFF[name][0]
    if path == "/staff/sign-out":
        return 303
    if path in INSPECTOR_PAGES and role is not Role.INSPECTOR:
        return 403
    if path in COUNCIL_PAGES and role is not Role.EVALUATION_COUNCIL:
        return 403
    if path in COUNCIL_PAGES and STAFF[name][2] is None:  # the central council: every province
        return 303 if path.endswith("go?code={code}") else 422 if method == "POST" else 200
    if path.startswith("/staff/products"):
        return for_a_desk(name, path, whose, method)
    if path in AUDITOR_PAGES:  # auditors read every province's
        return 200 if role is Role.AUDITOR else 403
    if "/{code}" in path and whose == "foreign":
        return 403
    if path.endswith("go?code={code}"):
        return 303
    return 422 if method == "POST" else 200


def for_a_desk(name: str, path: str, whose: str, method: str) -> int:
    """The office's and the authority's pages: each form its role's, the product page both
    roles'; central authorities act for every province."""
    role, province = STAFF[name][0], STAFF[name][2]
    last = path.rsplit("/", 1)[-1]
    if role not in ((DESK_ACTS[last],) if last in DESK_ACTS else DESKS):
        return 403
    if "/{code}" in path and whose == "foreign" and province is not None:
        return 403
    return 422 if method == "POST" else 200


def ask(client: TestClient, method: str, path: str, csrf: str) -> int:
    if method == "GET":
        return client.get(path, follow_redirects=False).status_code
    return client.post(path, data={"csrf": csrf}, follow_redirects=False).status_code


@pytest.mark.parametrize("whose", ["own", "foreign"])
@pytest.mark.parametrize("name", sorted(STAFF))
@pytest.mark.parametrize(("method", "path"), PAGES, ids=[f"{m} {p}" for m, p in PAGES])
def test_every_page_and_form_for_every_role_and_province(
    workspace: Workspace,
    members: dict[str, tuple[TestClient, str]],
    method: str,
    path: str,
    name: str,
    whose: str,
) -> None:
    client, csrf = members[name]
    province = STAFF[name][2] or "Quảng Ninh"
    code = (OWN_OF if whose == "own" else FOREIGN_OF)[province]
    before = len(workspace.client.services.registry.events_of(code))  # type: ignore[attr-defined]
    status = ask(client, method, path.format(code=code), csrf)
    if path == "/staff/sign-out":  # sign in again for the next case
        members[name] = (new := workspace.signed_in(name), tokens(new.get("/staff"))["csrf"])
    assert status == expected(name, path, whose, method)
    after = len(workspace.client.services.registry.events_of(code))  # type: ignore[attr-defined]
    assert after == before


@pytest.mark.parametrize(("method", "path"), PAGES, ids=[f"{m} {p}" for m, p in PAGES])
def test_without_a_session_pages_send_to_the_sign_in_and_forms_are_refused(
    workspace: Workspace, method: str, path: str
) -> None:
    anonymous = TestClient(workspace.client.app, raise_server_exceptions=False)
    status = ask(anonymous, method, path.format(code="QN-UB-01"), "")
    assert status == (303 if method == "GET" else 401)


def test_an_api_key_never_opens_a_staff_page(workspace: Workspace) -> None:
    services = workspace.client.services  # type: ignore[attr-defined]
    key, _ = services.keys.create(Role.INSPECTOR, province="Quảng Ninh")
    with_key = TestClient(
        workspace.client.app,
        headers={"Authorization": f"Bearer {key}"},
        raise_server_exceptions=False,
    )
    for method, path in PAGES:
        status = ask(with_key, method, path.format(code="QN-UB-01"), "")
        assert status == (303 if method == "GET" else 401), path


def test_a_session_cookie_never_writes_through_the_api(
    workspace: Workspace, members: dict[str, tuple[TestClient, str]]
) -> None:
    client, csrf = members["qn-inspector"]
    session = client.cookies["ocop_staff"]
    body = {
        "inspection_ref": "99/BB-KT",
        "findings": "x",
        "reason": "y",
        "corrective_deadline": "2027-01-31",
        "effective_on": "2026-11-29",
    }
    answer = workspace.client.post(
        "/v1/products/QN-UB-01/suspensions",
        json=body,
        headers={"Cookie": f"ocop_staff={session}", "X-CSRF-Token": csrf},
    )
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith("application/problem+json")
