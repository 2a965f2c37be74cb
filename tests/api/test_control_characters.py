"""A NUL or another control character in any text field of any command is refused with a
problem, stores nothing, and leaves the projector running (issue 8.1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.api import bodies
from tests.api.conftest import Api
from tests.projections.waiting import wait_until

NOT_TEXT = {"effective_on", "corrective_deadline", "kind", "reason", "code", "stars"}
COMMANDS: list[tuple[str, str, dict[str, Any]]] = [
    ("council_province_qn", "evaluations", bodies.evaluation(note="hội đồng")),
    ("authority_province_qn", "certificates", bodies.certificate(note="quyết định")),
    ("inspector_qn", "suspensions", bodies.suspension(note="kiểm tra")),
    ("inspector_qn", "reinstatements", bodies.reinstatement(note="tái kiểm tra")),
    ("authority_province_qn", "revocations", bodies.revocation(note="thu hồi")),
    ("office_qn", "removal", bodies.removal(note="rút khỏi")),
]


def spoiled(body: dict[str, Any], bad: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The body once per text field, with ``bad`` inside that field."""
    for name, value in body.items():
        if name in NOT_TEXT:
            continue
        if isinstance(value, str):
            yield name, {**body, name: value[:3] + bad + value[3:]}
        elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            for inner, text in value.items():
                if inner not in NOT_TEXT:
                    yield f"{name}.{inner}", {**body, name: {**value, inner: text + bad}}


def assert_refused(api: Api, answer: Any, field: str) -> None:
    assert answer.status_code == 422, (field, answer.text)
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "control-character-in-text", field


@pytest.mark.parametrize("bad", ["\u0000", "\u001b", "\r", "\u007f", "\u0085"])
def test_a_control_character_in_any_text_field_of_a_registration_is_refused(
    api: Api, bad: str
) -> None:
    body = bodies.registration("QN-0001", note="ghi chú")
    for field, spoilt in spoiled(body, bad):
        assert_refused(api, api.post("office_qn", "/v1/products", spoilt), field)
    assert api.version_of("QN-0001") == 0
    assert api.services.read_side.head() == 0


def test_a_nul_in_any_text_field_of_any_change_is_refused_and_stores_nothing(api: Api) -> None:
    assert api.post("office_qn", "/v1/products", bodies.registration("QN-0001")).status_code == 201
    head = api.services.read_side.head()
    for who, path, body in COMMANDS:
        fields = list(spoiled(body, "\u0000"))
        assert fields, path
        for field, spoilt in fields:
            answer = api.post(who, f"/v1/products/QN-0001/{path}", spoilt)
            assert_refused(api, answer, f"{path}: {field}")
    assert (api.version_of("QN-0001"), api.services.read_side.head()) == (1, head)


def test_tabs_and_newlines_are_text_and_the_projector_keeps_running(api: Api) -> None:
    for code, name in [("QN-0001", "Trà\x00hoa vàng"), ("QN-0002", "Trà\thoa\nvàng")]:
        api.post("office_qn", "/v1/products", bodies.registration(code, name=name))
    answer = api.post("office_qn", "/v1/products", bodies.registration("QN-0003"))
    assert answer.status_code == 201
    position = answer.json()["position"]
    assert api.services.read_side.wait_for(position, timeout=10)
    assert wait_until(lambda: api.get(None, "/readyz").status_code == 200)
    found = api.get(None, "/v1/public/products/QN-0002").json()
    assert found["name"] == "Trà\thoa\nvàng"
    assert api.get(None, "/v1/public/products/QN-0001").status_code == 404


def test_a_nul_typed_into_a_public_search_separates_words_and_is_never_a_500(api: Api) -> None:
    answer = api.post("office_qn", "/v1/products", bodies.registration("QN-0001"))
    position = answer.json()["position"]  # "Tinh dầu trầu tiên Yên Tử"
    found = api.get(None, "/v1/public/products", q="tinh\x00dau", position=position)
    assert found.status_code == 200, found.text
    assert [item["code"] for item in found.json()["items"]] == ["QN-0001"]
    for query in [{"province": "Quảng\x00Ninh"}, {"q": "\x00"}, {"group": "food\x00"}]:
        answer = api.get(None, "/v1/public/products", **query)
        assert answer.status_code in (200, 422), (query, answer.text)
    statistics = api.get(
        None,
        "/v1/public/statistics",
        province="a\x00",
        **{"from": "2020-01-01", "to": "2020-02-01"},
    )
    assert statistics.status_code == 200, statistics.text
