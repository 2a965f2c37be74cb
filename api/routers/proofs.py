"""Each event's and each certificate's ``.tlog-proof`` (C2SP tlog-proof): the entry, its
inclusion path and the checkpoint the log serves, with whatever cosignatures it carries.

``/log/proof/<position>.tlog-proof`` proves the event at a log position;
``/log/proof/certificate/<number>.tlog-proof`` the event that issued a certificate (what
its public answer and page link to). Files for transparency-log clients, out of the OpenAPI
document like the rest of ``/log/``. A proof follows the checkpoint, so it is never cached
for long; a malformed name is a 400 problem, a position or certificate the checkpoint does
not hold a 404.
"""

from __future__ import annotations

import re

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from api.deps import ReadSideDep, SettingsDep
from api.problems import problem_response
from api.routers.log import TEXT, served_checkpoint
from projections import ReadSide
from projections.certificates import issued_position
from transparency.proof_served import proof_of
from transparency.refusals import MalformedProof, NotInCheckpoint

router = APIRouter(prefix="/log/proof", tags=["log"], include_in_schema=False)
SUFFIX = ".tlog-proof"
POSITION = re.compile(r"^[1-9][0-9]{0,17}$")
NUMBER = re.compile(r"^[A-Z0-9-]{3,40}$")


def proof_file(read_side: ReadSide, note: str, position: int, name: str) -> Response:
    """The proof of the event at ``position`` against the served ``note``, as a file."""
    try:
        proof = read_side.ask(lambda db: proof_of(db, position, note))
    except NotInCheckpoint as error:
        return problem_response(404, error.code, str(error))
    headers = {
        "Cache-Control": "no-cache",
        "Content-Disposition": f'inline; filename="{name}{SUFFIX}"',
    }
    return Response(proof.text, media_type=TEXT, headers=headers)


def named(name: str, pattern: re.Pattern[str]) -> str | JSONResponse:
    """The name before ``.tlog-proof``, or the 400 problem saying it is no proof's name."""
    stem = name.removesuffix(SUFFIX)
    if stem == name or not pattern.fullmatch(stem):
        return problem_response(
            400, MalformedProof.code, f"{name!r} is not the name of a proof ({pattern.pattern})"
        )
    return stem


@router.get("/certificate/{name}")
def certificate_proof(name: str, read_side: ReadSideDep, settings: SettingsDep) -> Response:
    """The proof of the event that issued a certificate."""
    number = named(name, NUMBER)
    if isinstance(number, JSONResponse):
        return number
    position = read_side.ask(lambda db: issued_position(db, number))
    if position is None:
        detail = f"No certificate was issued under number {number}."
        return problem_response(404, "certificate-not-found", detail)
    note = served_checkpoint(read_side, settings)
    if isinstance(note, JSONResponse):
        return note
    return proof_file(read_side, note, position, number)


@router.get("/{name}")
def event_proof(name: str, read_side: ReadSideDep, settings: SettingsDep) -> Response:
    """The proof of the event at a log position."""
    stem = named(name, POSITION)
    if isinstance(stem, JSONResponse):
        return stem
    note = served_checkpoint(read_side, settings)
    if isinstance(note, JSONResponse):
        return note
    return proof_file(read_side, note, int(stem), stem)
