"""A k-of-n witness policy: a checkpoint counts only with valid ``cosignature/v1`` lines
from at least k of the n witnesses the auditor trusts (C2SP tlog-cosignature, Ed25519).

Each witness is a ``transparency.cosignature.Cosigner`` (its name and type-0x04 key, the one
home of the cosignature's format). Lines of unknown keys are ignored; a line that names a
trusted witness and its key ID must verify. Standard library and ``cryptography`` only, as
the auditor's verifier.
"""

from __future__ import annotations

from collections.abc import Sequence

from transparency.cosignature import Cosigner
from transparency.refusals import NoteNotVerified, QuorumNotMet

Witness = Cosigner  # a witness the auditor trusts: its name and cosigning key


def cosigned(witness: Witness, note: str) -> bool:
    """Whether the signed note carries the witness's valid cosignature; a line of the
    witness's key whose signature fails is ``QuorumNotMet``."""
    text, separator, signatures = note.partition("\n\n")
    for line in signatures.split("\n") if separator else ():
        if witness.names(line):
            try:
                witness.timestamp(line, text + "\n")
            except NoteNotVerified:
                raise QuorumNotMet(f"a bad cosignature by witness {witness.name}") from None
            return True
    return False


def check_quorum(note: str, witnesses: Sequence[Witness], quorum: int) -> list[str]:
    """The names of the trusted witnesses that cosigned ``note``; ``QuorumNotMet`` when
    fewer than ``quorum`` of them did."""
    if quorum > len(witnesses):
        raise QuorumNotMet(f"the policy asks {quorum} cosignatures of {len(witnesses)} witnesses")
    cosigners = sorted({w.name for w in witnesses if cosigned(w, note)})
    if len(cosigners) < quorum:
        raise QuorumNotMet(
            f"{len(cosigners)} of {len(witnesses)} trusted witnesses cosigned the checkpoint "
            f"({', '.join(cosigners) or 'none'}); the policy asks {quorum}"
        )
    return cosigners
