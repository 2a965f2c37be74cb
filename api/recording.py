"""How every write answers: 201 with code, version (also as ETag) and log position.

The order itself goes to the register's intake, which saves it and does what follows a save
(wakes the projector, logs the command); what stays here is HTTP's: the answer, its status
and headers, and the Idempotency-Key.

Writes with an ``Idempotency-Key`` claim the key first (``api/idempotency.py``); the first
answer, success or refusal, is kept and replayed to retries, once the key's holder is
checked again. A failure that is not the client's (store down, bug) releases the claim, so
the retry really runs; and if it was the store's answer that got lost, the retry finds the
answer saved with the event.
"""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Any

from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.idempotency import (
    Answer,
    IdempotencyStore,
    KeyReusedWithAnotherRequest,
    RequestInProgress,
    request_digest,
)
from api.problems import PROBLEM_JSON, Problem, problem_body, status_of
from api.schemas.requests import CommandBody
from lifecycle.errors import RegisterError
from lifecycle.values import Actor
from registry.intake import Intake
from registry.orders import Order, Request
from registry.service import Registry


def created(body: dict[str, Any], replayed: bool = False) -> JSONResponse:
    """The 201 answer for a recorded change."""
    headers = {
        "ETag": f'"{body["version"]}"',
        "Location": f"/v1/products/{body['code']}",
        "X-Log-Position": str(body["position"]),
    }
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(body, status_code=201, headers=headers)


@dataclass(frozen=True)
class Write:
    """One write request: the intake that carries it out, the registry that checks a replay's
    principal again and the idempotency records; who makes it (the actor and the id of the API
    key used), where, its If-Match and Idempotency-Key, and the request's id."""

    intake: Intake
    registry: Registry
    idempotency: IdempotencyStore
    actor: Actor
    route: str
    expected_version: int | None
    idempotency_key: str | None
    key_id: str = ""
    request_id: str | None = None  # kept beside the event, for the projector's log line

    async def recorded(self, body: CommandBody, code: str = "") -> JSONResponse:
        """``record``, from the event loop: a write without an Idempotency-Key waits for the
        intake there, holding no thread; a keyed one (its claim and answer are stored
        beside the intake) is recorded on a worker thread."""
        if self.idempotency_key:
            return await run_in_threadpool(self.record, body, code)
        return created((await self.intake.submitted(self._order(body, code))).body())

    def _order(self, body: CommandBody, code: str) -> Order:
        return Order(
            self.actor, body.to_command(), code, self.expected_version, request_id=self.request_id
        )

    def record(self, body: CommandBody, code: str = "") -> JSONResponse:
        """Carries out the body's command on the coded product (none for a registration),
        once, however often it is retried under one Idempotency-Key."""
        order = self._order(body, code)
        if not self.idempotency_key:
            return created(self.intake.submit(order).body())
        digest = request_digest(
            "POST", self.route, json.dumps(body.model_dump(mode="json")).encode()
        )
        claimed = self._claim(self.idempotency_key, digest)
        if isinstance(claimed, Answer):
            self.registry.check_may_order(order)  # the key may have lost its rights
            return _replay(claimed)
        store = self.idempotency
        try:
            try:
                recorded = self.intake.submit(replace(order, request=claimed))
            except RegisterError as error:
                status = status_of(error)
                answer = Answer(status, problem_body(status, error.code, error.message))
                standing = store.keep(claimed, answer)
                if standing != answer:  # carried out meanwhile by an earlier copy of it
                    return _replay(standing)
                raise
        except RegisterError:
            raise
        except BaseException:
            with suppress(Exception):  # the store is down: this process remembers the release
                store.release(claimed)
            raise
        return created(recorded.body())

    def _claim(self, key: str, digest: str) -> Request | Answer:
        scope = f"key:{self.key_id}" if self.key_id else f"actor:{self.actor!r}"
        try:
            return self.idempotency.claim(scope, key, digest)
        except KeyReusedWithAnotherRequest:
            raise Problem(
                422,
                "idempotency-key-reused",
                "This Idempotency-Key was used for a different request; use a new key.",
            ) from None
        except RequestInProgress:
            raise Problem(
                409,
                "idempotent-request-in-progress",
                "The first request with this Idempotency-Key is still running; retry shortly.",
            ) from None


def _replay(answer: Answer) -> JSONResponse:
    if answer.status == 201:
        return created(answer.body, replayed=True)
    return JSONResponse(
        answer.body,
        status_code=answer.status,
        media_type=PROBLEM_JSON,
        headers={"Idempotent-Replayed": "true"},
    )
