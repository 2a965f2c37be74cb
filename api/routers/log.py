"""The public, verifiable log as static files (C2SP tlog-tiles): its signed checkpoint, its
verifier key, and its tiles and entry bundles, each immutable once it exists.

These paths are files for transparency-log clients, not operations of the JSON API: they
stay out of the OpenAPI document. A malformed tile path is a 400 problem, a tile the tree
does not hold (yet) a 404, the checkpoint without a configured key a 503.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from api.deps import ReadSideDep, SettingsDep
from api.problems import problem_response
from ocop.settings import Settings
from projections import ReadSide
from transparency.note import SigningKey
from transparency.published import IMMUTABLE, read_signing_key, signed_checkpoint, tile
from transparency.refusals import MalformedKey, MalformedTilePath, TileBeyondTree

router = APIRouter(prefix="/log", tags=["log"], include_in_schema=False)
TEXT = "text/plain; charset=utf-8"


@lru_cache(maxsize=4)
def signing_key(path: Path) -> SigningKey:
    """The log's signing key, read from its file once per process."""
    return read_signing_key(path)


def key_of(settings: Settings) -> SigningKey | JSONResponse:
    """The configured signing key, or the 503 problem saying the log is not signed."""
    if settings.log_signing_key_file is not None:
        try:
            return signing_key(settings.log_signing_key_file)
        except (OSError, MalformedKey):
            pass
    return problem_response(503, "log-not-signed", "The register has no usable log key.")


def served_checkpoint(read_side: ReadSide, settings: Settings) -> str | JSONResponse:
    """The checkpoint the log serves, as its signed note: the one place ``/log/checkpoint``
    and every ``.tlog-proof`` take it from; the 503 problem without a usable key."""
    key = key_of(settings)
    if isinstance(key, JSONResponse):
        return key
    return read_side.ask(lambda db: signed_checkpoint(db, key))


@router.get("/checkpoint")
def checkpoint(read_side: ReadSideDep, settings: SettingsDep) -> Response:
    """The log's latest checkpoint, signed (it changes as the log grows)."""
    note = served_checkpoint(read_side, settings)
    if isinstance(note, JSONResponse):
        return note
    return Response(note, media_type=TEXT, headers={"Cache-Control": "no-cache"})


@router.get("/key")
def verifier_key(settings: SettingsDep) -> Response:
    """The key that verifies the log's checkpoints, in vkey form."""
    key = key_of(settings)
    if isinstance(key, JSONResponse):
        return key
    return Response(key.verifier.vkey + "\n", media_type=TEXT)


@router.get("/tile/{path:path}")
def tile_at(path: str, read_side: ReadSideDep) -> Response:
    """A tile or an entry bundle, at its C2SP path."""
    try:
        data = read_side.ask(lambda db: tile(db, f"tile/{path}"))
    except MalformedTilePath as error:
        return problem_response(400, error.code, str(error))
    except TileBeyondTree as error:
        return problem_response(404, error.code, str(error))
    return Response(
        data, media_type="application/octet-stream", headers={"Cache-Control": IMMUTABLE}
    )
