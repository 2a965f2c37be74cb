"""Schemathesis against the app in-process: every operation, positive and negative data.

Writes carry a key whose role may really make them, paths name products that exist, so
cases get past authentication and lookups. Any 5xx, undocumented status, or response whose
content type, headers or body differ from the document fails the test.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.deps import LAST_POSITION
from lifecycle.values import Level, Role
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from tests.api import bodies
from tests.conftest import fixed_today

CASES_PER_OPERATION_AND_MODE = 40
MINIMUM_CASES = 1000
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
]
QN = "Quảng Ninh"
KEYS = {
    "office": (Role.PROGRAMME_OFFICE, None, QN),
    "council": (Role.EVALUATION_COUNCIL, Level.PROVINCE, QN),
    "council_district_qn": (Role.EVALUATION_COUNCIL, Level.DISTRICT, QN),
    "authority": (Role.CERTIFYING_AUTHORITY, Level.PROVINCE, QN),
    "inspector": (Role.INSPECTOR, None, QN),
    "auditor": (Role.AUDITOR, None, None),
}
# Who may make each write: the key each generated case carries.
WRITER = {
    "/v1/products": "office",
    "/v1/products/{code}/removal": "office",
    "/v1/products/{code}/evaluations": "council",
    "/v1/products/{code}/forwardings": "council_district_qn",
    "/v1/products/{code}/five-star-proposals": "council",
    "/v1/products/{code}/certificates": "authority",
    "/v1/products/{code}/revocations": "authority",
    "/v1/products/{code}/suspensions": "inspector",
    "/v1/products/{code}/reinstatements": "inspector",
    "/v1/products/{code}/renewal-notices": "authority",
}
# Products in every state a write may meet: registered, evaluated, certified, suspended.
SEEDED = ["QN-0001", "QN-0002", "QN-0003", "QN-0004"]


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, ServedRegister]]:
    """The app over a store with a few products, its projector running for the module."""
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('schemathesis'))}/ocop.db"
    # Every case comes from one address: the rate limits (tested on their own) would answer
    # most of them 429 before they reach the operation.
    # A live tail of the change feed ends after a tenth of a second, so that its cases end.
    settings = Settings(
        database_url=url,
        anonymous_burst=10**6,
        failed_keys_burst=10**6,
        change_stream_seconds=0.1,
    )
    services = build_services(settings, clock=fixed_today)
    app = create_app(services, run_projector=False)
    services.projector.start()
    try:
        yield app, services
    finally:
        services.projector.stop()
        services.close()


@pytest.fixture(scope="module")
def keys(register: tuple[FastAPI, ServedRegister]) -> dict[str, str]:
    """A bearer header per kind of principal, after seeding the products."""
    app, services = register
    made = {}
    for name, (role, level, province) in KEYS.items():
        key, _ = services.keys.create(role, level=level, province=province, principal_id=name)
        made[name] = f"Bearer {key}"
    with TestClient(app) as client:
        for steps, code in enumerate(SEEDED, start=1):
            path = f"/v1/products/{code}"
            stages = [  # registered; forwarded by the district and evaluated; certified; ...
                [("office", "/v1/products", bodies.registration(code))],
                [*bodies.handed_up(code), ("council", f"{path}/evaluations", bodies.evaluation())],
                [("authority", f"{path}/certificates", bodies.certificate())],
                [("inspector", f"{path}/suspensions", bodies.suspension())],
            ]
            for who, where, body in [step for stage in stages[:steps] for step in stage]:
                auth = {"Authorization": made[who]}
                answer = client.post(where, json=body, headers=auth)
                assert answer.status_code == 201, answer.text
    assert services.read_side.wait_for(services.read_side.head())
    return made


def prepare(case: Any, keys: dict[str, str], head: int) -> dict[str, str]:
    """Often names a product that exists, and only read positions the read side has reached
    (a later one waits its full timeout); the key of a principal who may call the case."""
    path, method = case.operation.path, case.operation.method.lower()
    who = WRITER.get(path) if method == "post" else "auditor"
    protected = who and path.startswith(("/v1/products", "/v1/events", "/v1/renewals"))
    code = (case.path_parameters or {}).get("code")
    positive = case.meta.generation.mode is GenerationMode.POSITIVE
    if positive and isinstance(code, str) and len(code) % 2 == 0:
        case.path_parameters["code"] = SEEDED[len(code) // 2 % len(SEEDED)]
    for carrier, name in ((case.headers, "x-log-position"), (case.query, "position")):
        if carrier and name in carrier:
            carrier[name] = reached(carrier[name], head)
    return {"Authorization": keys[who]} if protected else {}


def reached(value: Any, head: int) -> Any:
    """``value``, or ``head`` where it names a later position the document allows (whatever
    type it came as); a position the document refuses stays, so negative data stays negative."""
    if isinstance(value, list):
        return [reached(each, head) for each in value]
    try:
        later = head < float(value) <= LAST_POSITION
    except (TypeError, ValueError):
        return value
    return (str(head) if isinstance(value, str) else head) if later else value


def test_every_operation_keeps_the_documents_promises(
    register: tuple[FastAPI, ServedRegister], keys: dict[str, str]
) -> None:
    app, services = register
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    # Unknown query parameters are ignored, as HTTP APIs do; they are not negative data here.
    schema.config.generation.update(allow_extra_parameters=False)
    head = services.read_side.head()
    answered: Counter[tuple[str, int]] = Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        takes_input = any(operation.iter_parameters()) or bool(operation.body)
        modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        for mode in modes if takes_input else modes[:1]:

            @settings(
                max_examples=CASES_PER_OPERATION_AND_MODE,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def exercise(case: Any) -> None:
                key = prepare(case, keys, head)
                response = case.call_and_validate(headers=key, checks=CHECKS)
                answered[(case.operation.label, response.status_code)] += 1

            started = time.monotonic()
            exercise()
            print(f"{operation.label} {mode}: {time.monotonic() - started:.1f}s")
    total = sum(answered.values())
    print(f"schemathesis: {total} cases over {len(operations)} operations")
    for (label, status), count in sorted(answered.items()):
        print(f"  {label} -> {status}: {count}")
    assert total >= MINIMUM_CASES
    assert {label for label, _ in answered} == {op.label for op in operations}
