"""Handlers ask for the parts they use (read side, registry, today, keys, ...), never for
everything the composition root built; every read documents its answer with a model."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from typing import Any, get_type_hints

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

import api.routers
from ocop.services import ServedRegister
from tests.api import bodies
from tests.api.conftest import Api
from tests.conftest import fixed_today


def calls_of(dependant: Dependant) -> list[Any]:
    """The endpoint and every dependency it asks for, however deep."""
    found = [dependant.call]
    for inner in dependant.dependencies:
        found.extend(calls_of(inner))
    return found


ROUTES = [
    route
    for found in pkgutil.iter_modules(api.routers.__path__)  # every router, however many come
    for route in importlib.import_module(f"api.routers.{found.name}").router.routes
    if isinstance(route, APIRoute)
]


def test_no_handler_or_dependency_is_handed_the_whole_register() -> None:
    assert (
        len(ROUTES) == 39
    )  # 27, corrections 3, renewals 2, catalogue, proofs 2, place, hand-offs 2, metrics
    for route in ROUTES:
        for call in calls_of(route.dependant):
            hints = get_type_hints(call)
            assert ServedRegister not in hints.values(), (route.path, call.__name__)


def test_every_read_documents_its_answer_with_a_response_model() -> None:
    """A read that streams another media type (CSV, Atom, Server-Sent Events) documents its
    body under its own media type instead. The public log's files (checkpoint, key, tiles,
    proofs) are specified by C2SP, and the metrics by Prometheus's text format, not by the
    OpenAPI document, and stay out of it."""
    reads = [route for route in ROUTES if "GET" in route.methods and route.include_in_schema]
    assert len(reads) == 19  # 17, the due list and the catalogue
    assert {r.path for r in ROUTES if not r.include_in_schema} == {
        "/log/checkpoint",
        "/log/key",
        "/log/tile/{path:path}",
        "/log/proof/{name}",
        "/log/proof/certificate/{name}",
        "/metrics",
    }
    streamed = [route for route in reads if route.response_model is None]
    assert sorted(r.path for r in streamed) == [
        "/v1/public/changes.atom",
        "/v1/public/changes/stream",
        "/v1/public/register.csv",
        "/v1/public/register.json",
    ]
    for route in streamed:
        assert route.responses[200]["content"], route.path
    for route in (r for r in reads if r not in streamed):
        assert route.response_model is not None, route.path
        schema = route.response_model
        assert schema is not dict and getattr(schema, "__origin__", None) is not dict, route.path


def test_reads_take_today_from_the_register_clock_not_through_the_registry(api: Api) -> None:
    """The certificate (valid until 2022-10-31) stands on the read side's day, 2020-01-01,
    although the registry's own clock says it has long expired."""
    for who, path, body in [
        ("office_qn", "/v1/products", bodies.registration()),
        *bodies.handed_up(),
        ("council_province_qn", "/v1/products/QN-0001/evaluations", bodies.evaluation()),
        ("authority_province_qn", "/v1/products/QN-0001/certificates", bodies.certificate()),
    ]:
        written = api.client.post(path, json=body, headers=api.auth[who])
        assert written.status_code == 201, written.text
    position = {"X-Log-Position": written.headers["X-Log-Position"]}
    api.services.clock = lambda: date(2020, 1, 1)
    public = api.client.get("/v1/public/products/QN-0001", headers=position)
    status = api.client.get("/v1/products/QN-0001", headers={**api.auth["auditor"], **position})
    assert (public.json()["status"], status.json()["status"]) == ("certified", "certified")
    assert api.services.registry.today() == fixed_today()
    assert api.services.registry.product("QN-0001").status_on(fixed_today()).value == "expired"
