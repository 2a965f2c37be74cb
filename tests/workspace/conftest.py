"""The staff workspace over the demo register: a site with a clock the tests move (sessions'
timeouts and lock-outs, never a sleep), and one staff account per principal of the stories."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from httpx import Response

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
from tests.workspace.live import live_staff, page  # noqa: F401 (the browser tests' server)
from tests.workspace.staff import PASSWORD, STAFF, Clock
from workspace.accounts import StaffAccounts

TOKEN = re.compile(r'name="(csrf|form_token|token)" value="([^"]*)"')


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


def tokens(answer: Response | str) -> dict[str, str]:
    """The hidden tokens of a page's forms (the first of each name)."""
    found: dict[str, str] = {}
    for name, value in TOKEN.findall(answer if isinstance(answer, str) else answer.text):
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
