"""An Idempotency-Key belongs to the API key that sent it, and names one request: one path,
one body. No other key, not even one of the same principal, can replay or block it."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.keys import KeyStore
from api.recording import Write
from api.schemas.requests import Registration
from lifecycle.errors import InvalidPrincipal, OutsideJurisdiction
from lifecycle.values import Actor, Level, Role
from ocop.cli import main as ocop
from tests.api import bodies
from tests.api.conftest import QN, Api
from tests.conftest import connections_to

KEY = {"Idempotency-Key": "office-2026-11-29-001"}


def second_key(api: Api, principal_id: str) -> dict[str, str]:
    """Another programme-office key for Quảng Ninh, under the given principal id."""
    key, _ = api.services.keys.create(Role.PROGRAMME_OFFICE, province=QN, principal_id=principal_id)
    return {"Authorization": f"Bearer {key}"}


def test_another_key_of_the_same_principal_cannot_replay_the_first_keys_answer(api: Api) -> None:
    first = api.post("office_qn", "/v1/products", bodies.registration(), **KEY)
    assert first.status_code == 201
    other = second_key(api, "office_qn")
    again = api.client.post("/v1/products", json=bodies.registration(), headers={**other, **KEY})
    assert again.status_code == 409, again.text
    assert again.json()["code"] == "product-already-registered"
    assert "Idempotent-Replayed" not in again.headers


def test_the_same_idempotency_key_used_by_two_principals_is_two_requests(api: Api) -> None:
    first = api.post("office_qn", "/v1/products", bodies.registration("QN-0001"), **KEY)
    other = second_key(api, "office-qn-02")
    second = api.client.post(
        "/v1/products", json=bodies.registration("QN-0002"), headers={**other, **KEY}
    )
    assert (first.status_code, second.status_code) == (201, 201), second.text
    assert second.json()["code"] == "QN-0002"
    assert api.version_of("QN-0002") == 1


def test_the_same_key_and_body_sent_to_another_path_is_refused(api: Api) -> None:
    for code in ("QN-0001", "QN-0002"):
        api.post("office_qn", "/v1/products", bodies.registration(code))
    evaluation, key = bodies.evaluation(), {"Idempotency-Key": "council-ev-7"}
    first = api.post("council_district_qn", "/v1/products/QN-0001/evaluations", evaluation, **key)
    other = api.post("council_district_qn", "/v1/products/QN-0002/evaluations", evaluation, **key)
    assert first.status_code == 201
    assert (other.status_code, other.json()["code"]) == (422, "idempotency-key-reused")
    assert (api.version_of("QN-0001"), api.version_of("QN-0002")) == (2, 1)


def test_a_principal_id_keeps_its_role_level_and_province(tmp_path: Path) -> None:
    store = KeyStore(connections_to(f"sqlite:///{tmp_path}/ocop.db"))
    store.create(Role.PROGRAMME_OFFICE, province=QN, principal_id="qn-office")
    store.create(Role.PROGRAMME_OFFICE, province=QN, principal_id="qn-office")  # a second key
    for role, level, province in [
        (Role.INSPECTOR, None, "Hà Giang"),
        (Role.PROGRAMME_OFFICE, None, "Hà Giang"),
        (Role.CERTIFYING_AUTHORITY, Level.PROVINCE, QN),
    ]:
        with pytest.raises(InvalidPrincipal, match="qn-office"):
            store.create(role, level=level, province=province, principal_id="qn-office")
    assert len(store.list()) == 2


def test_ocop_keys_create_says_why_a_principal_id_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OCOP_DATABASE_URL", f"sqlite:///{tmp_path}/ocop.db")
    create = ["keys", "create", "--principal-id", "demo-qn-programme-office", "--province"]
    assert ocop([*create, QN, "--role", "programme-office"]) == 0
    capsys.readouterr()
    assert ocop([*create, "Tuyên Quang", "--role", "inspector"]) == 2
    error = capsys.readouterr().err
    assert "demo-qn-programme-office" in error and "already has keys" in error


def test_an_answer_is_replayed_only_to_a_holder_who_may_still_make_the_change(api: Api) -> None:
    body = Registration.model_validate(bodies.registration())
    office = Actor("office_qn", Role.PROGRAMME_OFFICE, QN)

    def write(actor: Actor) -> Write:
        served = api.services
        parts = (served.intake, served.registry, served.idempotency)
        return Write(*parts, actor, "/v1/products", None, "reg-1", key_id="k1")

    assert write(office).record(body).status_code == 201
    assert write(office).record(body).headers["Idempotent-Replayed"] == "true"
    moved = Actor("office_qn", Role.PROGRAMME_OFFICE, "Hà Giang")  # the key's rights changed
    with pytest.raises(OutsideJurisdiction):
        write(moved).record(body)
