"""How every write answers: 201 with code, version (also as ETag) and log position.

Writes with an ``Idempotency-Key`` claim the key first; the first answer, success or
refusal, is kept and replayed to retries. A failure that is not the client's (store down,
bug) releases the claim, so the retry really runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi.responses import JSONResponse

from api.bootstrap import Services
from api.idempotency import (
    Answer,
    KeyReusedWithAnotherRequest,
    RequestInProgress,
    request_digest,
)
from api.problems import PROBLEM_JSON, Problem, problem_body, status_of
from api.schemas.requests import CommandBody
from lifecycle.errors import RegisterError
from lifecycle.service import Order, Recorded
from lifecycle.values import Actor


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
    """One write request: who makes it, where, and its If-Match and Idempotency-Key."""

    services: Services
    actor: Actor
    route: str
    expected_version: int | None
    idempotency_key: str | None

    def record(self, body: CommandBody, code: str = "") -> JSONResponse:
        """Carries out the body's command on the coded product (none for a registration),
        once, however often it is retried under one Idempotency-Key."""
        order = Order(self.actor, body.to_command(), code, self.expected_version)
        services, key, principal = self.services, self.idempotency_key, self.actor.principal_id
        if not key:
            return created(_accepted(services, services.intake.submit(order)))
        digest = request_digest(
            "POST", self.route, json.dumps(body.model_dump(mode="json")).encode()
        )
        store = services.idempotency
        try:
            answer = store.claim(principal, key, digest)
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
        if answer is not None:
            return _replay(answer)
        try:
            accepted = _accepted(services, services.intake.submit(order))
        except RegisterError as error:
            status = status_of(error)
            store.remember(
                principal, key, Answer(status, problem_body(status, error.code, error.message))
            )
            raise
        except BaseException:
            store.release(principal, key)
            raise
        store.remember(principal, key, Answer(201, accepted))
        return created(accepted)


def _accepted(services: Services, recorded: Recorded) -> dict[str, Any]:
    body = {
        "code": recorded.code,
        "event": recorded.event,
        "version": recorded.version,
        "position": recorded.position,
    }
    if recorded.certificate_number:
        body["certificate_number"] = recorded.certificate_number
    services.projector.wake()
    services.logger.info(
        "command.accepted",
        product=recorded.code,
        event_type=recorded.event,
        version=recorded.version,
        position=recorded.position,
    )
    return body


def _replay(answer: Answer) -> JSONResponse:
    if answer.status == 201:
        return created(answer.body, replayed=True)
    return JSONResponse(
        answer.body,
        status_code=answer.status,
        media_type=PROBLEM_JSON,
        headers={"Idempotent-Replayed": "true"},
    )
