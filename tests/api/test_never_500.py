"""Whatever a client sends, the answer is never a 500: random bodies, paths and headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.bootstrap import Services, build_services
from api.settings import Settings
from lifecycle.values import Level, Role
from tests.api import bodies
from tests.api.conftest import Api
from tests.conftest import fixed_today

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = [
    "code",
    "points",
    "stars",
    "effective_on",
    "reason",
    "owner",
    "corrective_deadline",
    "bonus",
    "mandatory_met",
    "decision_ref",
    "location",
    "group",
]
WRITES = [
    "",
    "/QN-0001/evaluations",
    "/QN-0001/certificates",
    "/QN-0001/suspensions",
    "/QN-0001/reinstatements",
    "/QN-0001/revocations",
    "/QN-0001/removal",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Services]]:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('fuzz'))}/ocop.db"
    services = build_services(Settings(database_url=url), clock=fixed_today)
    with TestClient(create_app(services), raise_server_exceptions=False) as client:
        yield client, services
    services.close()


@pytest.fixture(scope="module")
def keys(served: tuple[TestClient, Services]) -> dict[str, str]:
    client, services = served
    made = {}
    for role, level in [
        (Role.PROGRAMME_OFFICE, None),
        (Role.EVALUATION_COUNCIL, Level.PROVINCE),
        (Role.CERTIFYING_AUTHORITY, Level.PROVINCE),
        (Role.INSPECTOR, None),
    ]:
        key, _ = services.keys.create(role, level=level, province="Quảng Ninh")
        made[role.value] = f"Bearer {key}"
    client.post(
        "/v1/products",
        json=bodies.registration(),
        headers={"Authorization": made["programme-office"]},
    )
    return made


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(WRITES),
    role=st.sampled_from(
        ["programme-office", "evaluation-council", "certifying-authority", "inspector"]
    ),
    body=st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6) | json_values,
    if_match=st.none() | st.text(max_size=8),
)
def test_random_writes_get_a_problem_not_a_crash(
    served: tuple[TestClient, Services],
    keys: dict[str, str],
    path: str,
    role: str,
    body: object,
    if_match: str | None,
) -> None:
    client, _ = served
    headers = {"Authorization": keys[role]}
    if if_match is not None and if_match.isascii() and if_match.isprintable():
        headers["If-Match"] = if_match
    response = client.post(f"/v1/products{path}", json=body, headers=headers)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    segment=st.text(max_size=40),
    params=st.dictionaries(
        st.sampled_from(
            [
                "q",
                "province",
                "stars",
                "status",
                "page",
                "from",
                "to",
                "as_of",
                "version",
                "known_at",
                "after",
                "limit",
                "position",
            ]
        ),
        st.text(max_size=20),
        max_size=4,
    ),
)
def test_random_reads_get_an_answer_or_a_problem(
    served: tuple[TestClient, Services],
    keys: dict[str, str],
    segment: str,
    params: dict[str, str],
) -> None:
    client, _ = served
    segment = quote(segment, safe="")
    for path in (
        f"/v1/public/certificates/{segment}",
        f"/v1/public/products/{segment}",
        "/v1/public/products",
        "/v1/public/statistics",
        f"/v1/products/{segment}/state",
    ):
        response = client.get(path, params=params, headers={"Authorization": keys["inspector"]})
        assert response.status_code < 500, (path, params, response.text)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/v1/events", "after"),
        ("/v1/events", "position"),
        ("/v1/products/QN-0001/state", "version"),
        ("/v1/public/products", "position"),
    ],
)
def test_a_position_beyond_a_bigint_is_refused_not_a_crash(api: Api, path: str, name: str) -> None:
    """Found by schemathesis: ``after=2**63`` overflowed the store's integer (a 500)."""
    response = api.client.get(path, params={name: str(2**63)}, headers=api.auth["auditor"])
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid-request"
