"""A keyed write that met a store outage is carried out by its retry once the store is back,
and a write whose answer the outage swallowed is answered, not done twice (PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from api.app import create_app
from ocop.services import ServedRegister
from registry.orders import Order, Recorded
from tests.api import bodies
from tests.projections.proxy import TcpProxy

KEY = {"Idempotency-Key": "office-reg-0002"}


@pytest.fixture
def client(behind_proxy: tuple[ServedRegister, dict[str, str]]) -> Iterator[TestClient]:
    """The API behind the proxy, as the programme office."""
    services, auth = behind_proxy
    app = create_app(services, run_projector=False)
    with TestClient(app, raise_server_exceptions=False, headers=auth) as client:
        yield client


Submit = Callable[[Order], Recorded]
Cut = Callable[[Submit, Order], Recorded]
Retry = Callable[[Cut], tuple[Response, Response]]


@pytest.fixture
def retry_after_cut(
    behind_proxy: tuple[ServedRegister, dict[str, str]],
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    proxy: TcpProxy,
) -> Retry:
    """Posts a keyed registration while a cut stands in for the intake's submit, then brings
    the store back and retries it; checks the retry recorded the product once, and answers
    both responses."""
    services, _ = behind_proxy

    def retry(cut: Cut) -> tuple[Response, Response]:
        submit = services.intake.submit
        monkeypatch.setattr(services.intake, "submit", lambda order: cut(submit, order))
        first = client.post("/v1/products", json=bodies.registration("QN-0002"), headers=KEY)
        monkeypatch.undo()
        proxy.start()
        again = client.post("/v1/products", json=bodies.registration("QN-0002"), headers=KEY)
        assert again.status_code == 201, again.text
        assert services.registry.product("QN-0002").version == 1
        return first, again

    return retry


def test_a_retry_after_a_503_is_carried_out_not_refused_as_in_progress(
    retry_after_cut: Retry, proxy: TcpProxy
) -> None:
    def cut_then_submit(submit: Submit, order: Order) -> Recorded:
        proxy.stop()  # the key is claimed; the store goes away before the event is saved
        return submit(order)

    down, again = retry_after_cut(cut_then_submit)
    assert (down.status_code, down.json()["code"]) == (503, "store-unavailable"), down.text
    assert "Idempotent-Replayed" not in again.headers


def test_an_answer_lost_to_an_outage_after_the_save_is_replayed_by_the_retry(
    retry_after_cut: Retry, proxy: TcpProxy
) -> None:
    def submit_then_cut(submit: Submit, order: Order) -> Recorded:
        submit(order)
        proxy.stop()  # saved, but the store goes away before the answer is given
        raise ConnectionError("the answer was lost")

    lost, again = retry_after_cut(submit_then_cut)
    assert lost.status_code >= 500
    assert again.headers.get("Idempotent-Replayed") == "true"
