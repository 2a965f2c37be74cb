"""Every refusal of the public log, one class each with its stable ``code``: proofs that do
not prove, keys, notes and checkpoints that are not what they claim, tile paths and bundles
that are not the C2SP encoding, and a log that disagrees with what was verified before.

Standard library only: the offline verifier (``transparency.audit``) imports it."""

from __future__ import annotations


class InclusionNotProven(ValueError):
    """A proof that does not show a leaf at its index in the tree of a given root."""

    code = "inclusion-not-proven"


class ConsistencyNotProven(ValueError):
    """A proof that does not show a smaller tree to be a prefix of a larger one."""

    code = "consistency-not-proven"


class MalformedKey(ValueError):
    """A signing or verifier key that is not in the note format, or not an Ed25519 one."""

    code = "malformed-key"


class NoteNotVerified(ValueError):
    """A note no signature of the known key verifies, or that is not a signed note."""

    code = "note-not-verified"


class QuorumNotMet(ValueError):
    """A checkpoint without valid cosignatures from as many of the trusted witnesses as the
    policy asks (or with a bad one by a trusted witness)."""

    code = "witness-quorum-not-met"


class MalformedProof(ValueError):
    """Text that is not a C2SP tlog-proof, or a proof request that names no entry."""

    code = "malformed-proof"


class NotInCheckpoint(LookupError):
    """A position that the served checkpoint's tree does not (yet) hold."""

    code = "not-in-checkpoint"


class MalformedCheckpoint(ValueError):
    """A note text that is not a checkpoint."""

    code = "malformed-checkpoint"


class MalformedTilePath(ValueError):
    """A path that is not a tile's or an entry bundle's in the C2SP encoding."""

    code = "malformed-tile-path"


class MalformedBundle(ValueError):
    """Bytes that are not a whole entry bundle."""

    code = "malformed-entry-bundle"


class TileBeyondTree(LookupError):
    """A well-formed tile that the tree, at its present size, does not (yet) have."""

    code = "tile-not-found"


class LogMismatch(Exception):
    """What the log serves disagrees with itself or with what was verified before."""

    code = "log-mismatch"

    def __init__(self, reason: str, position: int | None = None) -> None:
        at = f"at position {position}: " if position is not None else ""
        super().__init__(f"{at}{reason}")
        self.position = position
