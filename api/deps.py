"""The API's dependencies, as ``Annotated`` aliases handlers declare in their signatures.

Each handler asks for the parts it uses (the read side, the registry, today's date, ...);
what the composition root built is kept on the app and handed out here part by part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import Depends, Header, Path, Query, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.bearer import principal_of
from api.keys import KeyStore, key_id_of
from api.openapi import POSITION_HEADER, VERSION_HEADER
from api.problems import Problem
from api.recording import Write
from lifecycle.values import PRODUCT_CODE, Actor
from ocop.metrics import Exposition
from ocop.services import ServedRegister
from ocop.settings import Settings
from projections import Projector, ReadSide
from registry.service import Registry

IF_MATCH = re.compile(VERSION_HEADER)
# The largest log position or version a request may name: 18 digits, within a BIGINT.
LAST_POSITION = 10**18 - 1
CodePath = Annotated[
    str, Path(pattern=PRODUCT_CODE.pattern, description="The product code", examples=["QN-0123"])
]


def served(request: Request) -> ServedRegister:
    """What the app was built over (for the dependencies below, not for handlers)."""
    built: ServedRegister = request.app.state.served
    return built


# The parts are handed out on the event loop: each is an attribute, no thread is needed.
async def read_side(request: Request) -> ReadSide:
    """The read models' queries."""
    return served(request).read_side


async def registry(request: Request) -> Registry:
    """The registry: the event store's products, replayed."""
    return served(request).registry


async def today(request: Request) -> date:
    """Today's date by the register's clock (Vietnam's date; a fixed day in tests)."""
    return served(request).clock()


async def keys(request: Request) -> KeyStore:
    """The API keys and the principals they stand for."""
    return served(request).keys


async def projector(request: Request) -> Projector:
    """The projector of this process (running or not)."""
    return served(request).projector


async def settings(request: Request) -> Settings:
    """The settings the register was started with."""
    return served(request).settings


async def scrape(request: Request) -> Callable[[], Exposition]:
    """How a scrape of the metrics is answered (``/metrics``)."""
    return served(request).scrape


ReadSideDep = Annotated[ReadSide, Depends(read_side)]
RegistryDep = Annotated[Registry, Depends(registry)]
TodayDep = Annotated[date, Depends(today)]
KeysDep = Annotated[KeyStore, Depends(keys)]
ProjectorDep = Annotated[Projector, Depends(projector)]
SettingsDep = Annotated[Settings, Depends(settings)]
ScrapeDep = Annotated[Callable[[], Exposition], Depends(scrape)]
# Declares the scheme (so /docs can Authorize); ``authenticated`` itself answers the 401s.
BEARER = HTTPBearer(auto_error=False, description="An API key: 'Authorization: Bearer <key>'")


# The dependencies below do no I/O of their own, so they run on the event loop (``async``):
# a plain ``def`` would cost each request a hop to a worker thread and back.
async def authenticated(
    request: Request,
    keys: KeysDep,
    _documented: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> Actor:
    """The principal behind the request's API key (found already by the write gate for a
    write); 401 without a valid key."""
    state = request.scope.setdefault("state", {})
    actor = state.get("actor")
    if not isinstance(actor, Actor):
        actor = await principal_of(keys, request.headers.get("authorization"))
    state["principal"] = actor.principal_id
    return actor


PrincipalDep = Annotated[Actor, Depends(authenticated)]


async def read_after(
    x_log_position: Annotated[
        int | None,
        Header(
            ge=0,
            le=LAST_POSITION,
            description="Wait until the read side has this position",
            json_schema_extra={"pattern": POSITION_HEADER},
        ),
    ] = None,
    position: Annotated[
        int | None, Query(ge=0, le=LAST_POSITION, description="Same as the X-Log-Position header")
    ] = None,
) -> int | None:
    """Read-your-writes: the log position a query must see before it answers."""
    return position if position is not None else x_log_position


ReadAfterDep = Annotated[int | None, Depends(read_after)]


async def expected_version(
    if_match: Annotated[
        str | None,
        Header(
            description='The version you read, e.g. "3"',
            json_schema_extra={"pattern": VERSION_HEADER, "examples": ['"3"']},
        ),
    ] = None,
) -> int | None:
    """The version named by ``If-Match`` ("3", W/"3" or 3); None when absent."""
    if if_match is None:
        return None
    found = IF_MATCH.match(if_match.strip())
    if found is None:
        raise Problem(400, "malformed-if-match", 'If-Match must be a version such as "3".')
    return int(found.group(1))


ExpectedVersionDep = Annotated[int | None, Depends(expected_version)]
IdempotencyKeyDep = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description=(
            "Retry safely: a retry with the same key, path and body, by the same API key, "
            "gets the first answer and records nothing new; the same key for another request "
            "is refused (422). Answers are kept 24 hours (OCOP_IDEMPOTENCY_HOURS), then the "
            "key may be used afresh. A retry while the first request still runs gets 409 "
            "idempotent-request-in-progress for at most OCOP_IDEMPOTENCY_CLAIM_SECONDS (30)."
        ),
    ),
]


async def write_request(
    request: Request,
    actor: PrincipalDep,
    expected: ExpectedVersionDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> Write:
    """Everything a write needs besides its body: the intake, principal and headers."""
    authorization = request.headers.get("authorization", "")
    key_id = key_id_of(authorization.partition(" ")[2].strip())
    built = served(request)
    return Write(
        built.intake,
        built.registry,
        built.idempotency,
        actor,
        request.url.path,
        expected,
        idempotency_key,
        key_id,
        request.scope.get("state", {}).get("request_id"),
    )


WriteDep = Annotated[Write, Depends(write_request)]
