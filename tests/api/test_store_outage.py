"""While the store cannot be reached the API answers 503, and nothing accepted is lost."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from ocop.services import ServedRegister
from tests.api import bodies
from tests.projections.proxy import TcpProxy


def test_an_unreachable_store_answers_503_and_recovers(
    behind_proxy: tuple[ServedRegister, dict[str, str]], proxy: TcpProxy
) -> None:
    services, auth = behind_proxy
    with TestClient(create_app(services, run_projector=False)) as client:
        first = client.post("/v1/products", json=bodies.registration("QN-0001"), headers=auth)
        assert first.status_code == 201
        proxy.stop()
        down = client.post("/v1/products", json=bodies.registration("QN-0002"), headers=auth)
        assert down.status_code == 503, down.text
        assert down.json()["code"] == "store-unavailable"
        assert down.headers["content-type"].startswith("application/problem+json")
        assert client.get("/readyz").json()["code"] == "store-unavailable"
        proxy.start()
        again = client.post("/v1/products", json=bodies.registration("QN-0002"), headers=auth)
        assert again.status_code == 201, again.text
        services.projector.catch_up()  # no projector runs here; ready once the read side is
        assert client.get("/readyz").status_code == 200
    assert services.registry.product("QN-0001").version == 1
    assert services.registry.product("QN-0002").version == 1
