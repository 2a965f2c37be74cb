"""A C2SP tlog-witness: it cosigns a log's checkpoint only if it is consistent with the last
checkpoint it cosigned for that log, so a log can never show it two different histories.

``Witness.add_checkpoint`` takes the body of ``POST /add-checkpoint`` (``old <size>``, up to
63 base64 consistency proof lines, a blank line, the signed checkpoint) and answers the
cosignature line, or refuses with the spec's status: 400 a malformed request, 403 no valid
signature by the log's key, 404 an unknown log, 409 an old size that is not the size it last
cosigned (answering that size), 422 a proof that does not prove, or a same-size checkpoint
with another root. Checking the old size and recording the new checkpoint happen under one
lock, and the record is written to a temporary file renamed over the last (atomic), before
the answer. Standard library, ``cryptography`` and this package only: no register code.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from time import time

from transparency.cosignature import CosigningKey
from transparency.note import Checkpoint, Verifier
from transparency.refusals import ConsistencyNotProven, MalformedCheckpoint, NoteNotVerified
from transparency.tree import EMPTY_ROOT, check_consistency

MOST_PROOF_LINES = 63
_SIZE = re.compile(r"old (0|[1-9]\d*)")


class WitnessRefusal(Exception):
    """A request the witness does not cosign, with the HTTP status the spec gives."""

    status = 400
    code = "witness-bad-request"
    body = ""


class UnknownLog(WitnessRefusal):
    status, code = 404, "witness-unknown-log"


class NotSignedByLog(WitnessRefusal):
    status, code = 403, "witness-signature-not-verified"


class OldSizeMismatch(WitnessRefusal):
    """The old size is not the size last cosigned: the answer tells that size."""

    status, code = 409, "witness-old-size-mismatch"

    def __init__(self, size: int) -> None:
        super().__init__(f"the witness last cosigned a tree of {size}")
        self.body = f"{size}\n"


class NotConsistent(WitnessRefusal):
    """A proof that does not prove, or another root for the same size: a fork."""

    status, code = 422, "witness-not-consistent"


class WitnessRecord:
    """The last cosigned checkpoint per log origin, in a JSON file replaced atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._logs: dict[str, dict[str, str | int]] = (
            json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        )

    def last(self, origin: str) -> Checkpoint:
        """The last checkpoint cosigned for ``origin`` (the empty tree if none)."""
        known = self._logs.get(origin)
        if known is None:
            return Checkpoint(origin, 0, EMPTY_ROOT)
        return Checkpoint(origin, int(known["size"]), base64.b64decode(str(known["root"])))

    def note(self, origin: str) -> str | None:
        """The last cosigned note of ``origin``, with the witness's cosignature."""
        known = self._logs.get(origin)
        return None if known is None else str(known["note"])

    def keep(self, state: Checkpoint, note: str) -> None:
        """Records ``state`` as the last cosigned: written, flushed, then renamed over."""
        root = base64.b64encode(state.root).decode()
        logs = dict(self._logs)
        logs[state.origin] = {"size": state.size, "root": root, "note": note}
        temporary = self.path.with_name(self.path.name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(logs, file, indent=1, sort_keys=True)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)
        self._logs = logs


class Witness:
    """Cosigns the checkpoints of the logs it knows (origin → the log's verifier key)."""

    def __init__(
        self,
        key: CosigningKey,
        logs: Mapping[str, Verifier],
        record: WitnessRecord,
        clock: Callable[[], float] = time,
    ) -> None:
        self.key, self.logs, self.record, self.clock = key, dict(logs), record, clock
        self._lock = threading.Lock()

    def add_checkpoint(self, body: str) -> str:
        """The cosignature line (with its newline) for a consistent checkpoint; else a
        ``WitnessRefusal``."""
        old_size, proof, note = parse_request(body)
        origin = note.partition("\n")[0]
        if origin not in self.logs:
            raise UnknownLog(f"no log {origin!r} is known to this witness")
        try:
            text = self.logs[origin].open(note)
            new = Checkpoint.from_text(text)
        except NoteNotVerified as error:
            raise NotSignedByLog(str(error)) from None
        except MalformedCheckpoint as error:
            raise WitnessRefusal(str(error)) from None
        if old_size > new.size:
            raise WitnessRefusal(f"old size {old_size} is above the checkpoint's {new.size}")
        with self._lock:
            last = self.record.last(origin)
            if old_size != last.size:
                raise OldSizeMismatch(last.size)
            check_growth(last, new, proof)
            line = self.key.cosign(text, int(self.clock()))
            self.record.keep(new, note + line + "\n")
        return line + "\n"

    def checkpoint(self, origin_hash: str) -> str | None:
        """The last cosigned note of the log whose origin hashes (SHA-256, hex) so."""
        for origin in self.logs:
            if hashlib.sha256(origin.encode()).hexdigest() == origin_hash:
                return self.record.note(origin)
        return None


def check_growth(last: Checkpoint, new: Checkpoint, proof: list[bytes]) -> None:
    """Raises ``NotConsistent`` unless ``new`` extends ``last`` as ``proof`` shows."""
    if new.size == 0 and new.root != EMPTY_ROOT:
        raise NotConsistent("an empty tree with a root that is not the empty hash")
    if last.size == 0 and proof:
        raise NotConsistent("a proof from the empty tree must be empty")
    if last.size == new.size and last.root != new.root:
        raise NotConsistent(f"another root for the tree of {new.size}: a fork")
    try:
        check_consistency(last.size, new.size, last.root, new.root, proof)
    except ConsistencyNotProven as error:
        raise NotConsistent(str(error)) from None


def parse_request(body: str) -> tuple[int, list[bytes], str]:
    """The old size, the proof and the note of an add-checkpoint body; else a 400 refusal."""
    head, separator, note = body.partition("\n\n")
    lines = head.split("\n")
    match = _SIZE.fullmatch(lines[0])
    if not separator or match is None or len(lines) > MOST_PROOF_LINES + 1:
        raise WitnessRefusal("not an add-checkpoint request")
    try:
        proof = [base64.b64decode(line, validate=True) for line in lines[1:]]
    except binascii.Error:
        raise WitnessRefusal("a proof line that is not base64") from None
    if any(len(hashed) != 32 for hashed in proof):
        raise WitnessRefusal("a proof line that is not a SHA-256 hash")
    return int(match.group(1)), proof, note


def request_body(old_size: int, proof: list[bytes], note: str) -> str:
    """The body of an add-checkpoint request, as a log sends it."""
    lines = "".join(base64.b64encode(hashed).decode() + "\n" for hashed in proof)
    return f"old {old_size}\n{lines}\n{note}"
