"""The API over a fresh store on each backend, with one key per kind of principal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from lifecycle.errors import ProductNotFound
from lifecycle.values import Level, Role
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from seed import builders as make
from tests.api import bodies
from tests.conftest import ADMIN_URL, fixed_today
from tests.projections.proxy import TcpProxy

QN, HG = "Quảng Ninh", "Hà Giang"

PRINCIPALS: dict[str, tuple[Role, Level | None, str | None]] = {
    "office_qn": (Role.PROGRAMME_OFFICE, None, QN),
    "office_hg": (Role.PROGRAMME_OFFICE, None, HG),
    "council_commune_qn": (Role.EVALUATION_COUNCIL, Level.COMMUNE, QN),
    "council_district_qn": (Role.EVALUATION_COUNCIL, Level.DISTRICT, QN),
    "council_province_qn": (Role.EVALUATION_COUNCIL, Level.PROVINCE, QN),
    "council_province_hg": (Role.EVALUATION_COUNCIL, Level.PROVINCE, HG),
    "council_central": (Role.EVALUATION_COUNCIL, Level.CENTRAL, None),
    "authority_district_qn": (Role.CERTIFYING_AUTHORITY, Level.DISTRICT, QN),
    "authority_province_qn": (Role.CERTIFYING_AUTHORITY, Level.PROVINCE, QN),
    "authority_province_hg": (Role.CERTIFYING_AUTHORITY, Level.PROVINCE, HG),
    "ministry": (Role.CERTIFYING_AUTHORITY, Level.CENTRAL, None),
    "inspector_qn": (Role.INSPECTOR, None, QN),
    "inspector_hg": (Role.INSPECTOR, None, HG),
    "auditor": (Role.AUDITOR, None, None),
    "admin": (Role.ADMIN, None, None),
}


@dataclass
class Api:
    """A test client, the services behind it, and a bearer header per principal."""

    client: TestClient
    services: ServedRegister
    auth: dict[str, dict[str, str]]

    def post(self, who: str, path: str, body: dict[str, object], **headers: str) -> object:
        """POSTs as the named principal."""
        return self.client.post(path, json=body, headers={**self.auth[who], **headers})

    def get(self, who: str | None, path: str, **params: object) -> object:
        """GETs as the named principal (or anonymously)."""
        return self.client.get(path, params=params, headers=self.auth[who] if who else {})

    def hand_up(
        self,
        code: str,
        level: Level = Level.PROVINCE,
        on: date = make.EVALUATED_ON,
        total: int = 80,
    ) -> int:
        """Posts the lower councils' evaluations and hand-offs that bring a Quảng Ninh product
        to ``level``'s council under the set in force on ``on`` (issue 11 item 5), all dated
        ``on``; answers how many events they recorded."""
        steps = bodies.handed_up(code, level, on, total)
        for who, path, body in steps:
            answer = self.client.post(path, json=body, headers=self.auth[who])
            assert answer.status_code == 201, answer.text
        return len(steps)

    def version_of(self, code: str) -> int:
        """The product's version in the store (0 if it was never registered).

        Only "not found" means 0: a store that fails must fail the test, not pass it as
        "nothing stored".
        """
        try:
            return self.services.registry.product(code).version
        except ProductNotFound:
            return 0


@contextmanager
def api_over(settings: Settings) -> Iterator[Api]:
    """The whole API built with ``settings``, and a key for each of ``PRINCIPALS``."""
    services = build_services(settings, clock=fixed_today)
    auth = {}
    for name, (role, level, province) in PRINCIPALS.items():
        key, _ = services.keys.create(role, level=level, province=province, principal_id=name)
        auth[name] = {"Authorization": f"Bearer {key}"}
    with TestClient(create_app(services), raise_server_exceptions=False) as client:
        yield Api(client, services, auth)
    services.close()


@pytest.fixture
def api(store_url: str) -> Iterator[Api]:
    """The whole API on a fresh store, on SQLite and then on PostgreSQL."""
    with api_over(Settings(database_url=store_url)) as built:
        yield built


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    """A proxy to the tests' PostgreSQL, which a test may cut (``stop``) and restore."""
    server = urlsplit(ADMIN_URL)
    proxy = TcpProxy((server.hostname or "127.0.0.1", server.port or 5432))
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def behind_proxy(
    postgres_url: str, proxy: TcpProxy
) -> Iterator[tuple[ServedRegister, dict[str, str]]]:
    """The served register on PostgreSQL reached through the proxy, and a Quảng Ninh programme
    office's bearer header."""
    at = urlsplit(postgres_url).netloc.rsplit("@", 1)[-1]
    url = postgres_url.replace(at, f"127.0.0.1:{proxy.port}") + "&connect_timeout=2"
    services = build_services(Settings(database_url=url), clock=fixed_today)
    key, _ = services.keys.create(Role.PROGRAMME_OFFICE, province=QN)
    yield services, {"Authorization": f"Bearer {key}"}
    services.close()
