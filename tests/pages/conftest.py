"""The public pages over the demo register: through a test client, and served by uvicorn
to the system's Chromium (driven by Playwright; its own browser download is never used).

Browser tests skip when Chromium is missing, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, BrowserType, Playwright, sync_playwright

from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from ocop.site import create_site
from registry.service import Order
from seed.demo import demo_orders
from seed.writing import carry_out
from tests.api.test_live_server import free_port, wait_until
from tests.conftest import fixed_today

CHROMIUM = Path(os.environ.get("OCOP_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
UNTHROTTLED = {"anonymous_burst": 10**6, "anonymous_per_second": 1e6}


def demo_register(
    database_url: str, held_back: Callable[[Order], bool] = lambda order: False, **settings: Any
) -> ServedRegister:
    """The served register over a new store holding the demo register, but for the orders held
    back."""
    services = build_services(
        Settings(database_url=database_url, **{**UNTHROTTLED, **settings}), clock=fixed_today
    )
    orders = [order for order in demo_orders() if not held_back(order)]
    carry_out(services.registry, orders, batch_size=len(orders))
    return services


def caught_up(services: ServedRegister) -> None:
    """Waits until the read side reflects the whole log."""
    assert services.read_side.wait_for(services.read_side.head(), timeout=30)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The served site (API and pages) over the demo register, through a test client."""
    folder = tmp_path_factory.mktemp("site")
    services = demo_register(f"sqlite:///{folder}/ocop.db")
    with TestClient(create_site(services), raise_server_exceptions=False) as client:
        caught_up(services)
        client.services = services
        yield client
    services.close()


@dataclass
class Live:
    """A real server on a free port, and the services behind it."""

    base_url: str
    services: ServedRegister


@pytest.fixture(scope="module")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """uvicorn serving the demo register, without Tinh dầu trầu tiên Yên Tử's suspension and
    reinstatement (a test drives them through the API)."""
    folder = tmp_path_factory.mktemp("live")
    services = demo_register(
        f"sqlite:///{folder}/ocop.db",
        held_back=lambda order: (
            order.code == "QN-UB-01"
            and type(order.command).__name__ in ("SuspendCertificate", "ReinstateCertificate")
        ),
    )
    port = free_port()
    config = uvicorn.Config(create_site(services), port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started)
    caught_up(services)
    yield Live(f"http://127.0.0.1:{port}", services)
    server.should_exit = True
    thread.join(timeout=30)
    services.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """The system's Chromium: Playwright's own download is not reachable here."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Chromium at {CHROMIUM} (apt-get install -y chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM)}


# pytest-playwright's own fixtures, but for one module at a time: while Playwright's sync API
# runs, its event loop stays set as the thread's running loop, and a later test calling
# asyncio.run() (the bench's Python load generator) would fail. Ending Playwright with the
# module that used it leaves the thread as it found it.


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    """Playwright, for the browser tests of one module."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser_type(playwright: Playwright, browser_name: str) -> BrowserType:
    return getattr(playwright, browser_name)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def launch_browser(
    browser_type_launch_args: dict[str, Any], browser_type: BrowserType
) -> Callable[..., Browser]:
    def launch(**options: Any) -> Browser:
        return browser_type.launch(**{**browser_type_launch_args, **options})

    return launch


@pytest.fixture(scope="module")
def browser(launch_browser: Callable[..., Browser]) -> Iterator[Browser]:
    """Headless Chromium, for one module."""
    launched = launch_browser()
    yield launched
    launched.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots are kept (not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
