"""A programme office names a product's GTINs at registration; a wrong one is refused by its
own code and nothing is stored."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import bodies
from tests.api.conftest import Api
from tests.api.test_commands import accepted, refused

P = "/v1/products"
GTINS = ["8936012345674", "96385074"]
FULL_WIDTH = "".join(chr(ord(digit) + 0xFEE0) for digit in GTINS[0])  # in full-width digits


def test_the_gtins_given_at_registration_are_recorded_and_in_the_history(api: Api) -> None:
    accepted(api.post("office_qn", P, bodies.registration(gtins=GTINS)), "Registered", 1)
    assert api.services.registry.product("QN-0001").gtins == tuple(GTINS)
    history: Any = api.get("auditor", f"{P}/QN-0001/history").json()
    assert history[0]["event"]["facts"]["gtins"] == GTINS


def test_a_registration_without_gtins_names_none(api: Api) -> None:
    accepted(api.post("office_qn", P, bodies.registration()), "Registered", 1)
    assert api.services.registry.product("QN-0001").gtins == ()


@pytest.mark.parametrize(
    ("gtins", "code"),
    [
        (["8936012345675"], "invalid-gtin"),  # the check digit is 4
        ([GTINS[0], GTINS[0]], "duplicate-gtin"),
        (["036000291453"], "invalid-gtin"),  # a GTIN-12 whose check digit is 2
        (["89360123456"], "invalid-request"),  # eleven digits: no GTIN is that long
        ([FULL_WIDTH], "invalid-request"),
        ([f"{n:07}0" for n in range(21)], "invalid-request"),  # more than twenty
        ("8936012345674", "invalid-request"),  # a string, not a list
    ],
)
def test_a_wrong_gtin_is_refused_with_422_and_nothing_is_stored(
    api: Api, gtins: object, code: str
) -> None:
    refused(api.post("office_qn", P, bodies.registration(gtins=gtins)), 422, code)
    assert api.version_of("QN-0001") == 0


def test_the_registration_schema_documents_the_gtins(api: Api) -> None:
    schema: Any = api.client.get("/openapi.json").json()
    gtins = schema["components"]["schemas"]["Registration"]["properties"]["gtins"]
    assert gtins["type"] == "array" and gtins["maxItems"] == 20
    assert gtins["items"]["pattern"] == "^([0-9]{8}|[0-9]{12,14})$"
    assert "check digit" in gtins["description"]
