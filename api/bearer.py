"""The principal behind a request's ``Authorization: Bearer <key>``, found without leaving the
event loop when the key was found lately.

Why: a key remembered by ``KeyStore`` needs no database, and each hop to a worker thread
costs a write a thread wake-up and a turn of the GIL; the hop is taken only for a lookup.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from api.keys import KeyStore
from api.problems import Problem
from lifecycle.values import Actor


def bearer_key(authorization: str | None) -> str:
    """The key an ``Authorization`` header presents; a 401 problem if there is none."""
    if not authorization:
        raise Problem(401, "missing-api-key", "This endpoint needs 'Authorization: Bearer <key>'.")
    scheme, _, key = authorization.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise Problem(401, "malformed-authorization", "Use 'Authorization: Bearer <key>'.")
    return key.strip()


def principal_for(keys: KeyStore, authorization: str | None) -> Actor:
    """The principal behind an ``Authorization`` header; a 401 problem without a valid key."""
    actor = keys.principal(bearer_key(authorization))
    if actor is None:
        raise Problem(401, "unknown-api-key", "The API key is unknown or was revoked.")
    return actor


async def principal_of(keys: KeyStore, authorization: str | None) -> Actor:
    """``principal_for``, answered on the event loop for a remembered key, else on a thread
    (the lookup asks the database)."""
    remembered = keys.remembered(bearer_key(authorization))
    if remembered is not None:
        return remembered
    return await run_in_threadpool(principal_for, keys, authorization)
