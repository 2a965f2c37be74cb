"""C2SP tlog-cosignature, Ed25519 (``cosignature/v1``): a witness's timestamped signature on
a checkpoint it verified, as one more signature line of the checkpoint's note.

The signed message is ``cosignature/v1\\ntime <T>\\n`` followed by the checkpoint's note
text; the line is ``— <name> base64(key ID ‖ u64 big-endian T ‖ Ed25519 signature)``, the
key ID the first four bytes of SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key). Keys are written as
signed notes' keys are, with the type byte 0x04. Standard library and ``cryptography`` only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from transparency.note import DASH, public_bytes
from transparency.refusals import MalformedKey, NoteNotVerified

COSIGNATURE_V1 = b"\x04"
_NAME = re.compile(r"^[^\s+]+$")


def message(checkpoint_text: str, timestamp: int) -> bytes:
    """What a cosigner signs: the header line, the time line and the checkpoint's text."""
    return f"cosignature/v1\ntime {timestamp}\n{checkpoint_text}".encode()


@dataclass(frozen=True)
class Cosigner:
    """A witness's public key, by its name: checks its cosignatures."""

    name: str
    public: bytes

    @property
    def key_id(self) -> bytes:
        return hashlib.sha256(self.name.encode() + b"\n" + COSIGNATURE_V1 + self.public).digest()[
            :4
        ]

    @property
    def vkey(self) -> str:
        """The key in vkey form (type 0x04), for the register's settings and verifiers."""
        material = base64.b64encode(COSIGNATURE_V1 + self.public).decode()
        return f"{self.name}+{self.key_id.hex()}+{material}"

    @classmethod
    def from_vkey(cls, vkey: str) -> Cosigner:
        """The cosigner a vkey names; ``MalformedKey`` unless an Ed25519 cosignature/v1 one."""
        cosigner = cls(*_parse(vkey.strip()))
        if cosigner.vkey != vkey.strip():
            raise MalformedKey("the key ID does not match the key")
        return cosigner

    def names(self, line: str) -> bool:
        """Whether a signature line says it is this cosigner's (its signature unchecked)."""
        dash, _, rest = line.rstrip("\n").partition(" ")
        name, _, signature = rest.partition(" ")
        try:
            raw = base64.b64decode(signature, validate=True)
        except binascii.Error:
            return False
        return dash == DASH and name == self.name and raw[:4] == self.key_id

    def timestamp(self, line: str, checkpoint_text: str) -> int:
        """The time of this cosigner's signature ``line`` on the checkpoint; else
        ``NoteNotVerified``."""
        dash, _, rest = line.rstrip("\n").partition(" ")
        name, _, signature = rest.partition(" ")
        try:
            raw = base64.b64decode(signature, validate=True)
        except binascii.Error:
            raise NoteNotVerified("a cosignature that is not base64") from None
        if dash != DASH or name != self.name or raw[:4] != self.key_id or len(raw) != 76:
            raise NoteNotVerified(f"not a cosignature by {self.name}")
        (timestamp,) = struct.unpack(">Q", raw[4:12])
        try:
            key = Ed25519PublicKey.from_public_bytes(self.public)
            key.verify(raw[12:], message(checkpoint_text, timestamp))
        except InvalidSignature:
            raise NoteNotVerified(f"a bad cosignature by {self.name}") from None
        return int(timestamp)


@dataclass(frozen=True)
class CosigningKey:
    """A witness's Ed25519 key (secret), under the witness's name."""

    name: str
    seed: bytes

    @classmethod
    def generate(cls, name: str) -> CosigningKey:
        """A new key, for ``ocop witness keygen``."""
        if not _NAME.fullmatch(name):
            raise MalformedKey("a key name has no spaces and no '+'")
        return cls(name, Ed25519PrivateKey.generate().private_bytes_raw())

    @classmethod
    def from_skey(cls, skey: str) -> CosigningKey:
        """The key written ``PRIVATE+KEY+<name>+<id>+base64(0x04 ‖ seed)``."""
        if not skey.startswith("PRIVATE+KEY+"):
            raise MalformedKey("not a signing key")
        key = cls(*_parse(skey.strip().removeprefix("PRIVATE+KEY+")))
        if key.skey != skey.strip():
            raise MalformedKey("the key ID does not match the key")
        return key

    @property
    def cosigner(self) -> Cosigner:
        private = Ed25519PrivateKey.from_private_bytes(self.seed)
        return Cosigner(self.name, public_bytes(private.public_key()))

    @property
    def skey(self) -> str:
        """The key as its file holds it."""
        material = base64.b64encode(COSIGNATURE_V1 + self.seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.cosigner.key_id.hex()}+{material}"

    def cosign(self, checkpoint_text: str, timestamp: int) -> str:
        """The cosignature line (without its newline) on a checkpoint's text at ``timestamp``."""
        signed = Ed25519PrivateKey.from_private_bytes(self.seed).sign(
            message(checkpoint_text, timestamp)
        )
        raw = self.cosigner.key_id + struct.pack(">Q", timestamp) + signed
        return f"{DASH} {self.name} {base64.b64encode(raw).decode()}"


def _parse(text: str) -> tuple[str, bytes]:
    """The name and raw key of ``name+hex id+base64(0x04 ‖ key)``."""
    pieces = text.split("+", 2)
    if len(pieces) != 3 or not _NAME.fullmatch(pieces[0]):
        raise MalformedKey("not a key in note form")
    try:
        material = base64.b64decode(pieces[2], validate=True)
    except binascii.Error:
        raise MalformedKey("the key material is not base64") from None
    if len(material) != 33 or material[:1] != COSIGNATURE_V1:
        raise MalformedKey("not an Ed25519 cosignature/v1 key")
    return pieces[0], material[1:]
