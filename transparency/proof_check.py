"""``ocop verify --proof FILE``: a ``.tlog-proof`` checked offline with nothing else.

The checkpoint in the proof must be signed by the log's key (and cosigned by the witness
policy's quorum); the entry — the proof's extra data, or the one given — must hash to a
leaf that the inclusion path puts at the proof's index of that checkpoint's tree, and must
state that position. Given the event's full payload too (the JSON object that
``payload_sha256`` commits to: its class name under ``type`` and every attribute), its
RFC 8785 canonical form must hash to the entry's ``payload_sha256``. Standard library and
``cryptography`` only.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from typing import Any

from transparency import tree
from transparency.note import Checkpoint, Verifier
from transparency.proof import TlogProof
from transparency.quorum import Witness, check_quorum
from transparency.refusals import InclusionNotProven, LogMismatch, MalformedProof


def canonical(value: Any) -> str:
    """RFC 8785 (JCS) canonical JSON of a parsed JSON value: keys sorted by UTF-16 code
    units, no spaces, strings as ``json`` writes them without escaping non-ASCII."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: key.encode("utf-16-be"))
        return "{" + ",".join(f"{canonical(key)}:{canonical(value[key])}" for key in keys) + "}"
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, float) and math.isfinite(value):
        return number(value)
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def number(value: float) -> str:
    """A finite float as ECMAScript writes it (RFC 8785, 3.2.2.3), from its shortest digits."""
    if value == 0:
        return "0"
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    point = len(whole) + int(exponent or 0) - (len(whole + fraction) - len(digits))
    digits = digits.rstrip("0")
    sign, size = "-" if value < 0 else "", len(digits)
    if size <= point <= 21:
        return sign + digits + "0" * (point - size)
    if 0 < point <= 21:
        return f"{sign}{digits[:point]}.{digits[point:]}"
    if -6 < point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    rest = f".{digits[1:]}" if size > 1 else ""
    return f"{sign}{digits[0]}{rest}e{point - 1:+d}"


def payload_sha256(event: Any) -> str:
    """The SHA-256, in hex, of an event's full payload in canonical JSON."""
    return hashlib.sha256(canonical(event).encode()).hexdigest()


def check_proof(
    text: str,
    verifier: Verifier,
    *,
    witnesses: Sequence[Witness] = (),
    quorum: int = 0,
    entry: bytes | None = None,
    event: Any = None,
) -> list[str]:
    """Verifies a ``.tlog-proof``; the lines of the report, else ``LogMismatch`` naming the
    position (or ``ValueError`` for a proof, signature or quorum that does not verify)."""
    proof = TlogProof.from_text(text)
    checkpoint = Checkpoint.from_text(verifier.open(proof.checkpoint))
    cosigners = check_quorum(proof.checkpoint, witnesses, quorum) if witnesses or quorum else []
    position = proof.index + 1
    if entry is not None and proof.extra is not None and entry != proof.extra:
        raise LogMismatch("the entry given is not the one the proof carries", position)
    logged = entry if entry is not None else proof.extra
    if logged is None:
        raise MalformedProof("the proof carries no entry: give it with --entry")
    try:
        tree.check_inclusion(
            proof.index, checkpoint.size, tree.leaf_hash(logged), proof.path, checkpoint.root
        )
    except InclusionNotProven as error:
        raise LogMismatch(str(error), position) from None
    facts = json.loads(logged)
    if not isinstance(facts, dict) or facts.get("position") != position:
        raise LogMismatch("the entry names another position", position)
    report = [
        f"checkpoint {checkpoint.origin} size {checkpoint.size} signed by {verifier.name}",
        *([f"cosigned by {len(cosigners)} of {len(witnesses)} witnesses "
           f"({', '.join(cosigners)}), quorum {quorum}"] if witnesses or quorum else []),
        f"position {position} is included: {facts.get('kind')} of {facts.get('product')} "
        f"version {facts.get('version')} effective {facts.get('effective_on')}",
    ]  # fmt: skip
    fields = facts.get("fields", {})
    if fields.get("certificate_number"):
        report.append(
            f"certificate {fields['certificate_number']}: {fields.get('stars')} stars, "
            f"valid {fields.get('valid_from')} to {fields.get('valid_until')}"
        )
    if event is not None:
        if payload_sha256(event) != facts.get("payload_sha256"):
            raise LogMismatch("the event's payload does not hash to the entry's", position)
        report.append("the full event hashes to the entry's payload_sha256")
    return report
