"""A keyed write that met a store outage is carried out by its retry once the store is back,
and a write whose answer the outage swallowed is answered, not done twice (PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from lifecycle.values import Role
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from registry.orders import Order, Recorded
from tests.api import bodies
from tests.conftest import fixed_today
from tests.projections.proxy import TcpProxy

KEY = {"Idempotency-Key": "office-reg-0002"}


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    proxy = TcpProxy(("127.0.0.1", 5432))
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def behind_proxy(postgres_url: str, proxy: TcpProxy) -> Iterator[tuple[ServedRegister, TestClient]]:
    """The API on PostgreSQL reached through the proxy, and a programme office's key."""
    url = postgres_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}") + "&connect_timeout=2"
    services = build_services(Settings(database_url=url), clock=fixed_today)
    key, _ = services.keys.create(Role.PROGRAMME_OFFICE, province="Quảng Ninh")
    with TestClient(
        create_app(services, run_projector=False), raise_server_exceptions=False
    ) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        yield services, client
    services.close()


def test_a_retry_after_a_503_is_carried_out_not_refused_as_in_progress(
    behind_proxy: tuple[ServedRegister, TestClient],
    proxy: TcpProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services, client = behind_proxy
    submit = services.intake.submit

    def cut_then_submit(order: Order) -> Recorded:
        proxy.stop()  # the key is claimed; the store goes away before the event is saved
        return submit(order)

    monkeypatch.setattr(services.intake, "submit", cut_then_submit)
    down = client.post("/v1/products", json=bodies.registration("QN-0002"), headers=KEY)
    assert (down.status_code, down.json()["code"]) == (503, "store-unavailable"), down.text
    monkeypatch.undo()
    proxy.start()
    again = client.post("/v1/products", json=bodies.registration("QN-0002"), headers=KEY)
    assert again.status_code == 201, again.text
    assert "Idempotent-Replayed" not in again.headers
    assert services.registry.product("QN-0002").version == 1


def test_an_answer_lost_to_an_outage_after_the_save_is_replayed_by_the_retry(
    behind_proxy: tuple[ServedRegister, TestClient],
    proxy: TcpProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services, client = behind_proxy
    submit = services.intake.submit

    def submit_then_cut(order: Order) -> Recorded:
        submit(order)
        proxy.stop()  # saved, but the store goes away before the answer is given
        raise ConnectionError("the answer was lost")

    monkeypatch.setattr(services.intake, "submit", submit_then_cut)
    lost = client.post("/v1/products", json=bodies.registration("QN-0002"), headers=KEY)
    assert lost.status_code >= 500
    monkeypatch.undo()
    proxy.start()
    again = client.post("/v1/products", json=bodies.registration("QN-0002"), headers=KEY)
    assert again.status_code == 201, again.text
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert services.registry.product("QN-0002").version == 1
