"""The workspace served live for the browser tests: uvicorn over the demo register with a
staff account per principal, a Vietnamese desktop page, signing in and screenshots."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page

from ocop.site import create_site
from tests.api.test_live_server import free_port, wait_until
from tests.pages.conftest import Live, caught_up, demo_register
from tests.workspace.staff import PASSWORD, STAFF, Clock
from workspace.accounts import StaffAccounts


@pytest.fixture(scope="module")
def live_staff(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """uvicorn serving the demo register with the workspace and its staff accounts."""
    folder = tmp_path_factory.mktemp("live-staff")
    services = demo_register(f"sqlite:///{folder}/ocop.db", staff_lockout_attempts=3)
    accounts = StaffAccounts(services.database)
    for name, (role, level, province) in STAFF.items():
        accounts.create(name, role, level, province, PASSWORD)
    accounts.create("qn-forgetful", *STAFF["qn-inspector"], PASSWORD)
    server = uvicorn.Server(
        uvicorn.Config(create_site(services, now=Clock()), port=free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started)
    caught_up(services)
    yield Live(f"http://127.0.0.1:{server.config.port}", services)
    server.should_exit = True
    thread.join(timeout=30)
    services.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop-sized page whose browser prefers Vietnamese."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    yield context.new_page()
    context.close()


def shot(page: Page, artifacts: Path, name: str) -> None:
    """A full-page screenshot kept as a test artefact."""
    page.screenshot(path=str(artifacts / f"staff-{name}.png"), full_page=True)


def sign_in(page: Page, live: Live, name: str, password: str | None = None) -> None:
    """Signs ``name`` in through the sign-in form (in Vietnamese)."""
    page.goto(f"{live.base_url}/staff")
    page.get_by_label("Tên").fill(name)
    page.get_by_label("Mật khẩu").fill(password or PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
