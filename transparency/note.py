"""C2SP signed notes with Ed25519 keys, and the checkpoint a note carries (C2SP
tlog-checkpoint): the log's origin, its size and the base64 root of its tree.

A note is its text, a blank line and one line per signature: ``— <key name>
base64(key ID ‖ signature)``; the key ID is the first four bytes of SHA-256(name ‖ 0x0A ‖
0x01 ‖ public key). A verifier key is written ``<name>+<hex key ID>+base64(0x01 ‖ public
key)`` (a *vkey*), a signing key ``PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 ‖ seed)``.
Needs only the standard library and ``cryptography``, as an auditor's verifier does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from transparency.refusals import MalformedCheckpoint, MalformedKey, NoteNotVerified

ED25519 = b"\x01"
DASH = "\u2014"
_NAME = re.compile(r"^[^\s+]+$")


def key_id(name: str, public: bytes) -> bytes:
    """The four bytes that, with its name, identify an Ed25519 key."""
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public).digest()[:4]


def public_bytes(key: Ed25519PublicKey) -> bytes:
    """An Ed25519 public key's 32 raw bytes."""
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class Verifier:
    """A key that checks a log's (or a witness's) signatures, by its name."""

    name: str
    public: bytes

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, self.public)

    @property
    def vkey(self) -> str:
        """The key in vkey form, for the README, ``/log/key`` and auditors."""
        material = base64.b64encode(ED25519 + self.public).decode()
        return f"{self.name}+{self.key_id.hex()}+{material}"

    @classmethod
    def from_vkey(cls, vkey: str) -> Verifier:
        """The verifier a vkey names; ``MalformedKey`` if it is not an Ed25519 vkey."""
        verifier = cls(*_ed25519(vkey.strip(), "verifier key"))
        if vkey.strip() != verifier.vkey:
            raise MalformedKey("the key ID does not match the key")
        return verifier

    def open(self, note: str) -> str:
        """The text of ``note`` once a signature by this key verifies; else ``NoteNotVerified``."""
        text, separator, signatures = note.rpartition("\n\n")
        if not separator or not signatures.endswith("\n"):
            raise NoteNotVerified("not a signed note")
        text += "\n"
        key = Ed25519PublicKey.from_public_bytes(self.public)
        for line in signatures[:-1].split("\n"):
            dash, _, rest = line.partition(" ")
            name, _, signature = rest.partition(" ")
            try:
                raw = base64.b64decode(signature, validate=True)
            except binascii.Error:
                continue
            if dash != DASH or name != self.name or raw[:4] != self.key_id:
                continue  # another key's signature
            try:
                key.verify(raw[4:], text.encode())
            except InvalidSignature:
                raise NoteNotVerified(f"a bad signature by {self.name}") from None
            return text
        raise NoteNotVerified(f"no signature by {self.name}")


@dataclass(frozen=True)
class SigningKey:
    """The log's Ed25519 key, under the name its checkpoints' origin also bears."""

    name: str
    seed: bytes

    @classmethod
    def generate(cls, name: str) -> SigningKey:
        """A new key, for ``ocop log keygen``."""
        if not _NAME.fullmatch(name):
            raise MalformedKey("a key name has no spaces and no '+'")
        return cls(name, Ed25519PrivateKey.generate().private_bytes_raw())

    @classmethod
    def from_skey(cls, skey: str) -> SigningKey:
        """The key written ``PRIVATE+KEY+...``; ``MalformedKey`` otherwise."""
        if not skey.startswith("PRIVATE+KEY+"):
            raise MalformedKey("not a signing key")
        key = cls(*_ed25519(skey.strip().removeprefix("PRIVATE+KEY+"), "signing key"))
        if skey.strip() != key.skey:
            raise MalformedKey("the key ID does not match the key")
        return key

    @property
    def skey(self) -> str:
        """The key as the key file holds it (secret)."""
        material = base64.b64encode(ED25519 + self.seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier.key_id.hex()}+{material}"

    @property
    def verifier(self) -> Verifier:
        private = Ed25519PrivateKey.from_private_bytes(self.seed)
        return Verifier(self.name, public_bytes(private.public_key()))

    def sign(self, text: str) -> str:
        """``text`` (ending in a newline) as a note signed by this key."""
        signature = Ed25519PrivateKey.from_private_bytes(self.seed).sign(text.encode())
        line = base64.b64encode(self.verifier.key_id + signature).decode()
        return f"{text}\n{DASH} {self.name} {line}\n"


def _ed25519(text: str, what: str) -> tuple[str, bytes]:
    """The name and raw key of a note key's text; ``MalformedKey`` unless it is Ed25519."""
    name, material = _split(text, 3)
    if len(material) != 33 or material[:1] != ED25519:
        raise MalformedKey(f"not an Ed25519 {what}")
    return name, material[1:]


def _split(text: str, parts: int) -> tuple[str, bytes]:
    """The name and the decoded key material of ``name+hex id+base64``."""
    pieces = text.split("+", parts - 1)  # the base64 material may hold a "+" too
    if len(pieces) != parts or not _NAME.fullmatch(pieces[0]):
        raise MalformedKey("not a key in note form")
    try:
        return pieces[0], base64.b64decode(pieces[2], validate=True)
    except binascii.Error:
        raise MalformedKey("the key material is not base64") from None


@dataclass(frozen=True)
class Checkpoint:
    """The log's state as its checkpoint states it: origin, tree size and root."""

    origin: str
    size: int
    root: bytes

    @property
    def text(self) -> str:
        """The checkpoint's note text."""
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

    @classmethod
    def from_text(cls, text: str) -> Checkpoint:
        """The checkpoint a note text holds; ``MalformedCheckpoint`` otherwise."""
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "" or not re.fullmatch(r"0|[1-9]\d*", lines[1]):
            raise MalformedCheckpoint("not a checkpoint's text")
        try:
            root = base64.b64decode(lines[2], validate=True)
        except binascii.Error:
            raise MalformedCheckpoint("the root is not base64") from None
        if len(root) != 32 or not lines[0]:
            raise MalformedCheckpoint("not a checkpoint's origin and root")
        return cls(lines[0], int(lines[1]), root)
