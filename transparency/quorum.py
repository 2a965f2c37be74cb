"""A k-of-n witness policy: a checkpoint counts only with valid ``cosignature/v1`` lines
from at least k of the n witnesses the auditor trusts (C2SP tlog-cosignature, Ed25519).

A witness key is a vkey of signature type 0x04; its key ID is the first four bytes of
SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key). A cosignature line is ``— <name>
base64(key ID ‖ u64 big-endian timestamp ‖ Ed25519 signature)``, the signature over
``cosignature/v1\\ntime <timestamp>\\n`` followed by the checkpoint's note text. Lines of
unknown keys are ignored; a line that names a trusted witness and its key ID must verify.
Standard library and ``cryptography`` only, as the auditor's verifier.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from transparency.note import DASH
from transparency.refusals import MalformedKey, QuorumNotMet

COSIGNATURE = b"\x04"


def witness_key_id(name: str, public: bytes) -> bytes:
    """The four bytes that, with its name, identify a witness's Ed25519 cosigning key."""
    return hashlib.sha256(name.encode() + b"\n" + COSIGNATURE + public).digest()[:4]


def cosigned_message(note_text: str, timestamp: int) -> bytes:
    """What a ``cosignature/v1`` signs: the header, the time, the checkpoint's note text."""
    return f"cosignature/v1\ntime {timestamp}\n{note_text}".encode()


@dataclass(frozen=True)
class Witness:
    """A witness the auditor trusts, by its name and Ed25519 public key."""

    name: str
    public: bytes

    @property
    def key_id(self) -> bytes:
        return witness_key_id(self.name, self.public)

    @property
    def vkey(self) -> str:
        """The witness's key in vkey form (signature type 0x04)."""
        material = base64.b64encode(COSIGNATURE + self.public).decode()
        return f"{self.name}+{self.key_id.hex()}+{material}"

    @classmethod
    def from_vkey(cls, vkey: str) -> Witness:
        """The witness a type-0x04 vkey names; ``MalformedKey`` otherwise."""
        pieces = vkey.strip().split("+", 2)
        try:
            material = base64.b64decode(pieces[2], validate=True) if len(pieces) == 3 else b""
        except binascii.Error:
            material = b""
        if len(material) != 33 or material[:1] != COSIGNATURE or not pieces[0]:
            raise MalformedKey(f"not an Ed25519 cosignature vkey: {vkey.strip()!r}")
        witness = cls(pieces[0], material[1:])
        if witness.vkey != vkey.strip():
            raise MalformedKey(f"the key ID of witness {witness.name} does not match its key")
        return witness

    def cosigned(self, note: str) -> bool:
        """Whether the signed note carries this witness's valid cosignature; a line of this
        witness's key whose signature fails is ``QuorumNotMet``."""
        text, separator, signatures = note.partition("\n\n")
        if not separator:
            return False
        for line in signatures.split("\n"):
            dash, _, rest = line.partition(" ")
            name, _, signature = rest.partition(" ")
            try:
                raw = base64.b64decode(signature, validate=True)
            except binascii.Error:
                continue
            if dash != DASH or name != self.name or raw[:4] != self.key_id or len(raw) != 76:
                continue
            timestamp = int.from_bytes(raw[4:12], "big")
            try:
                key = Ed25519PublicKey.from_public_bytes(self.public)
                key.verify(raw[12:], cosigned_message(text + "\n", timestamp))
            except InvalidSignature:
                raise QuorumNotMet(f"a bad cosignature by witness {self.name}") from None
            return True
        return False


def check_quorum(note: str, witnesses: Sequence[Witness], quorum: int) -> list[str]:
    """The names of the trusted witnesses that cosigned ``note``; ``QuorumNotMet`` when
    fewer than ``quorum`` of them did."""
    if quorum > len(witnesses):
        raise QuorumNotMet(f"the policy asks {quorum} cosignatures of {len(witnesses)} witnesses")
    cosigners = sorted({w.name for w in witnesses if w.cosigned(note)})
    if len(cosigners) < quorum:
        raise QuorumNotMet(
            f"{len(cosigners)} of {len(witnesses)} trusted witnesses cosigned the checkpoint "
            f"({', '.join(cosigners) or 'none'}); the policy asks {quorum}"
        )
    return cosigners
