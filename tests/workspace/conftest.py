"""The staff workspace over the demo register: a site with a clock the tests move (sessions'
timeouts and lock-outs, never a sleep), and one staff account per principal of the stories."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from lifecycle.values import Level, Role
from ocop.site import create_site
from tests.pages.conftest import (  # noqa: F401 (the public pages' browser fixtures, shared)
    artifacts,
    browser,
    browser_type,
    browser_type_launch_args,
    caught_up,
    demo_register,
    launch_browser,
    playwright,
)
from workspace.accounts import StaffAccounts

PASSWORD = "correct horse battery staple"
# name: (role, level, province)
STAFF: dict[str, tuple[Role, Level | None, str | None]] = {
    "qn-inspector": (Role.INSPECTOR, None, "Quảng Ninh"),
    "tq-inspector": (Role.INSPECTOR, None, "Tuyên Quang"),
    "qn-office": (Role.PROGRAMME_OFFICE, None, "Quảng Ninh"),
    "qn-council": (Role.EVALUATION_COUNCIL, Level.PROVINCE, "Quảng Ninh"),
    "qn-commune-council": (Role.EVALUATION_COUNCIL, Level.COMMUNE, "Quảng Ninh"),
    "qn-authority": (Role.CERTIFYING_AUTHORITY, Level.PROVINCE, "Quảng Ninh"),
    "central-authority": (Role.CERTIFYING_AUTHORITY, Level.CENTRAL, None),
    "auditor": (Role.AUDITOR, None, None),
    "admin": (Role.ADMIN, None, None),
}
TOKEN = re.compile(r'name="(csrf|form_token|token)" value="([^"]*)"')


class Clock:
    """The sessions' clock, moved by the tests."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 29, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@dataclass
class Workspace:
    """The served site, its clock and its staff accounts."""

    client: TestClient
    clock: Clock
    accounts: StaffAccounts

    def signed_in(self, name: str, password: str = PASSWORD) -> TestClient:
        """A new client (its own cookies) signed in as ``name``."""
        client = TestClient(self.client.app, raise_server_exceptions=False)
        answer = sign_in(client, name, password)
        assert answer.status_code == 303, answer.text
        return client


def tokens(page: Response | str) -> dict[str, str]:
    """The hidden tokens of a page's forms (the first of each name)."""
    found: dict[str, str] = {}
    for name, value in TOKEN.findall(page if isinstance(page, str) else page.text):
        found.setdefault(name, value)
    return found


def sign_in(client: TestClient, name: str, password: str) -> Response:
    """The sign-in form opened and posted, as a browser does."""
    form = client.get("/staff/sign-in")
    token = tokens(form)["token"]
    return client.post(
        "/staff/sign-in",
        data={"name": name, "password": password, "token": token},
        follow_redirects=False,
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo register served with the workspace, a staff account per principal."""
    folder = tmp_path_factory.mktemp("staff")
    # Many forms posted with an API key (401 each) would meet the refused keys' rate limit.
    services = demo_register(
        f"sqlite:///{folder}/ocop.db", staff_lockout_attempts=3, failed_keys_burst=1000
    )
    clock = Clock()
    app = create_site(services, now=clock)
    with TestClient(app, raise_server_exceptions=False) as client:
        caught_up(services)
        accounts = StaffAccounts(services.database)
        for name, (role, level, province) in STAFF.items():
            accounts.create(name, role, level, province, PASSWORD)
        client.services = services  # type: ignore[attr-defined]
        yield Workspace(client, clock, accounts)
    services.close()
