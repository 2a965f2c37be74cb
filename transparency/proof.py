"""A ``.tlog-proof`` per C2SP tlog-proof: one entry's index, its inclusion path and the
checkpoint it is proven against, verbatim with every signature and cosignature it carries.

    c2sp.org/tlog-proof@v1
    extra <base64 of the entry>
    index <zero-based leaf index>
    <base64 hash, one per line, the leaf's sibling first>

    <the checkpoint's signed note>

The register puts the entry itself (its RFC 8785 JSON, see ``transparency.entry``) in the
``extra`` line: the spec leaves it unauthenticated, and so does the register, until its
leaf hash is proven included. A printed certificate's proof is checked offline, years
later, with nothing but this file and the log's verifier key. Standard library only.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from dataclasses import dataclass

from transparency.refusals import MalformedProof

HEADER = "c2sp.org/tlog-proof@v1"
MEDIA_TYPE = "text/plain; charset=utf-8"
_INDEX = re.compile(r"^index (0|[1-9]\d*)$")


@dataclass(frozen=True)
class TlogProof:
    """One entry's proof of inclusion in the tree a signed checkpoint commits to."""

    index: int
    path: Sequence[bytes]
    checkpoint: str  # the signed note, verbatim, ending in a newline
    extra: bytes | None = None

    @property
    def text(self) -> str:
        """The proof as its file holds it."""
        lines = [HEADER]
        if self.extra is not None:
            lines.append(f"extra {base64.b64encode(self.extra).decode()}")
        lines.append(f"index {self.index}")
        lines += [base64.b64encode(hashed).decode() for hashed in self.path]
        return "\n".join(lines) + "\n\n" + self.checkpoint

    @classmethod
    def from_text(cls, text: str) -> TlogProof:
        """The proof a file holds; ``MalformedProof`` if it is not one."""
        head, separator, checkpoint = text.partition("\n\n")
        lines = head.split("\n")
        if not separator or lines[0] != HEADER or not checkpoint:
            raise MalformedProof("not a c2sp.org/tlog-proof@v1 file")
        extra = None
        at = 1
        if len(lines) > at and lines[at].startswith("extra "):
            extra = _decoded(lines[at].removeprefix("extra "), "the extra data")
            at += 1
        matched = _INDEX.fullmatch(lines[at]) if len(lines) > at else None
        if matched is None:
            raise MalformedProof("the proof has no index line")
        path = [_decoded(line, "a proof hash") for line in lines[at + 1 :]]
        if any(len(hashed) != 32 for hashed in path):
            raise MalformedProof("a proof hash is not 32 bytes")
        return cls(int(matched.group(1)), path, checkpoint, extra)


def _decoded(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise MalformedProof(f"{what} is not base64") from None


def note_text(note: str) -> str:
    """The text a signed note signs (its lines before the blank line, ending in a newline)."""
    text, separator, _ = note.partition("\n\n")
    if not separator:
        raise MalformedProof("the checkpoint is not a signed note")
    return text + "\n"
