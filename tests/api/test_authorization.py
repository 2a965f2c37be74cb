"""The whole authorization matrix: every write endpoint by every principal, own and foreign
province. Exactly the competent principals get 201; every other one gets 403 and stores
nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from lifecycle.values import Level
from registry.service import Registry
from seed import builders as make, corrections as fix
from seed.bodies import body_of
from tests.api import bodies
from tests.api.conftest import PRINCIPALS, QN, Api


def registered(registry: Registry, code: str) -> None:
    registry.register_product(make.office(QN), make.registration(code=code))


# Quảng Ninh applies 1048 from 2020, whose province proposes potential 5-star products.
UNDER_1048 = date(2020, 1, 10)


def handed_up(
    registry: Registry, code: str, level: Level, total: int = 80, on: date = UNDER_1048
) -> None:
    """Registered, and brought to ``level``'s council by the councils below (issue 11 item 5),
    all on ``on``."""
    registered(registry, code)
    for actor, command in make.steps_to(level, on, total):
        registry.change(code, actor, command)


def proposed(registry: Registry, code: str) -> None:
    """Handed up to every level: forwarded to the province, proposed to the central level."""
    handed_up(registry, code, Level.CENTRAL, 95)


def scored_by_district(registry: Registry, code: str) -> None:
    handed_up(registry, code, Level.DISTRICT)
    registry.change(code, make.council(Level.DISTRICT, QN), make.evaluation(UNDER_1048))


def scored_95_by_province(registry: Registry, code: str) -> None:
    handed_up(registry, code, Level.PROVINCE, 95)
    registry.change(code, make.council(Level.PROVINCE, QN), make.evaluation(UNDER_1048, 95))


def evaluated(registry: Registry, code: str) -> None:
    """Forwarded by the district and scored by the province's council, on the story's day."""
    handed_up(registry, code, Level.PROVINCE, on=make.EVALUATED_ON)
    registry.change(code, make.council(Level.PROVINCE, QN), make.evaluation())


def certified(registry: Registry, code: str) -> None:
    evaluated(registry, code)
    registry.change(code, make.authority(Level.PROVINCE, QN), make.certificate())


def suspended(registry: Registry, code: str) -> None:
    certified(registry, code)
    registry.change(code, make.inspector(QN), make.suspension())


def nothing(registry: Registry, code: str) -> None:
    """The product does not exist yet (registration)."""


CORRECTION = body_of(fix.correction(date(2019, 9, 20), name="Tinh dầu Trầu tiên Yên Tử"))
TRANSFER = body_of(fix.transfer(date(2019, 9, 20)))
EXTENSION = body_of(fix.extension(date(2020, 3, 1), date(2020, 5, 31)))
ENDPOINTS: dict[str, tuple[Callable[[Registry, str], None], str, dict[str, Any], set[str]]] = {
    "register": (nothing, "", {}, {"office_qn"}),
    "evaluate": (
        proposed,
        "evaluations",
        bodies.evaluation(effective_on="2020-01-10"),  # 1048 in Quảng Ninh: a central council
        {"council_province_qn", "council_district_qn", "council_central"},
    ),
    "forward": (
        scored_by_district,
        "forwardings",
        bodies.forwarding(effective_on=UNDER_1048.isoformat()),
        {"council_district_qn"},
    ),
    "propose": (
        scored_95_by_province,
        "five-star-proposals",
        bodies.proposal(effective_on=UNDER_1048.isoformat()),
        {"council_province_qn"},
    ),
    "certify": (evaluated, "certificates", bodies.certificate(), {"authority_province_qn"}),
    "suspend": (certified, "suspensions", bodies.suspension(), {"inspector_qn"}),
    "reinstate": (suspended, "reinstatements", bodies.reinstatement(), {"inspector_qn"}),
    "revoke": (certified, "revocations", bodies.revocation(), {"authority_province_qn"}),
    "remove": (registered, "removal", bodies.removal(), {"office_qn"}),
    "correct": (registered, "corrections", CORRECTION, {"office_qn"}),
    "transfer": (registered, "transfers", TRANSFER, {"office_qn"}),
    "extend": (suspended, "deadline-extensions", EXTENSION, {"inspector_qn"}),
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_only_the_competent_principals_may_make_each_change(api: Api, endpoint: str) -> None:
    prepare, path, body, competent = ENDPOINTS[endpoint]
    outcomes = {}
    for number, who in enumerate(PRINCIPALS, start=1):
        code = f"QN-{number:04}"
        prepare(api.services.registry, code)
        before = api.version_of(code)
        if endpoint == "register":
            response = api.post(who, "/v1/products", bodies.registration(code))
        else:
            response = api.post(who, f"/v1/products/{code}/{path}", body)
        outcomes[who] = response.status_code
        if response.status_code != 201:
            assert response.json()["code"] in {
                "role-not-permitted",
                "outside-jurisdiction",
                "level-not-competent",
                "council-level-not-in-set",  # a commune's council under 1048
                "no-hand-off-from-level",
            }, response.text
            assert api.version_of(code) == before
    assert {who for who, status in outcomes.items() if status == 201} == competent
    assert {status for who, status in outcomes.items() if who not in competent} == {403}


def test_a_foreign_province_is_refused_as_outside_jurisdiction(api: Api) -> None:
    evaluated(api.services.registry, "QN-0001")
    response = api.post(
        "authority_province_hg", "/v1/products/QN-0001/certificates", bodies.certificate()
    )
    assert (response.status_code, response.json()["code"]) == (403, "outside-jurisdiction")


def test_provincial_readers_see_their_own_province_and_auditors_see_all(api: Api) -> None:
    registered(api.services.registry, "QN-0001")
    assert api.get("auditor", "/v1/products/QN-0001/history").status_code == 200
    assert api.get("inspector_qn", "/v1/products/QN-0001/history").status_code == 200
    foreign = api.get("inspector_hg", "/v1/products/QN-0001/history")
    assert (foreign.status_code, foreign.json()["code"]) == (403, "outside-jurisdiction")
    assert api.get(None, "/v1/products/QN-0001/history").status_code == 401
    assert api.get("inspector_qn", "/v1/events").status_code == 403
    assert api.get("auditor", "/v1/events").status_code == 200
