"""The auditor's k-of-n witness policy: a checkpoint counts only with valid C2SP
``cosignature/v1`` lines from at least k of the n trusted witnesses. The cosignatures here
are made in the test with ``cryptography``, byte by byte as the spec writes them."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from transparency import tree
from transparency.audit import main
from transparency.note import DASH, Checkpoint, SigningKey, public_bytes
from transparency.proof import TlogProof
from transparency.proof_check import check_proof
from transparency.quorum import Witness, check_quorum
from transparency.refusals import MalformedKey, QuorumNotMet

LOG = SigningKey.generate("ocop.example.vn/log")
WHEN = 1_733_000_000


class Cosigner:
    """A witness's key, cosigning as C2SP tlog-cosignature says (Ed25519, type 0x04)."""

    def __init__(self, name: str) -> None:
        self.name, self.key = name, Ed25519PrivateKey.generate()
        self.public = public_bytes(self.key.public_key())

    @property
    def vkey(self) -> str:
        key_id = hashlib.sha256(self.name.encode() + b"\n\x04" + self.public).digest()[:4]
        material = base64.b64encode(b"\x04" + self.public).decode()
        return f"{self.name}+{key_id.hex()}+{material}"

    def line(self, text: str, when: int = WHEN) -> str:
        message = b"cosignature/v1\ntime " + str(when).encode() + b"\n" + text.encode()
        key_id = bytes.fromhex(self.vkey.split("+")[1])
        raw = key_id + when.to_bytes(8, "big") + self.key.sign(message)
        return f"{DASH} {self.name} {base64.b64encode(raw).decode()}\n"


W1, W2, W3 = (Cosigner(f"witness{n}.example.org") for n in (1, 2, 3))
ENTRIES = [b'{"kind":"registered","position":%d}' % (i + 1) for i in range(7)]
TEXT = Checkpoint(LOG.name, 7, tree.root([tree.leaf_hash(e) for e in ENTRIES])).text


def cosigned(*lines: str) -> str:
    return LOG.sign(TEXT) + "".join(lines)


def test_a_quorum_of_trusted_witnesses_cosigned() -> None:
    trusted = [Witness.from_vkey(w.vkey) for w in (W1, W2, W3)]
    assert trusted[0].vkey == W1.vkey
    note = cosigned(W1.line(TEXT), W3.line(TEXT, WHEN + 5))
    assert check_quorum(note, trusted, 2) == [W1.name, W3.name]
    with pytest.raises(QuorumNotMet, match="2 of 3 trusted witnesses"):
        check_quorum(note, trusted, 3)


def test_unknown_lines_are_ignored_and_a_bad_cosignature_is_refused() -> None:
    trusted = [Witness.from_vkey(w.vkey) for w in (W1, W2)]
    stranger = Cosigner("witness9.example.org")
    as_log_key = W2.line(TEXT).replace(W2.name, "other.example.org")
    note = cosigned(stranger.line(TEXT), as_log_key, W1.line(TEXT))
    assert check_quorum(note, trusted, 1) == [W1.name]
    with pytest.raises(QuorumNotMet):
        check_quorum(note, trusted, 2)
    other = Checkpoint(LOG.name, 8, b"\x01" * 32).text
    with pytest.raises(QuorumNotMet, match="bad cosignature by witness witness2"):
        check_quorum(cosigned(W1.line(TEXT), W2.line(other)), trusted, 1)
    with pytest.raises(MalformedKey):
        Witness.from_vkey(LOG.verifier.vkey)  # a log key (type 0x01) is no witness key


def test_a_proof_and_a_log_are_held_to_the_policy(tmp_path: Path) -> None:
    note = cosigned(W1.line(TEXT), W2.line(TEXT))
    hashed = [tree.leaf_hash(each) for each in ENTRIES]
    proof = TlogProof(3, tree.inclusion_proof(3, hashed), note).text
    trusted = [Witness.from_vkey(w.vkey) for w in (W1, W2, W3)]
    report = check_proof(proof, LOG.verifier, witnesses=trusted, quorum=2, entry=ENTRIES[3])
    assert report[1] == f"cosigned by 2 of 3 witnesses ({W1.name}, {W2.name}), quorum 2"
    file = tmp_path / "p.tlog-proof"
    file.write_text(proof)
    (tmp_path / "entry").write_bytes(ENTRIES[3])
    policy = ["--witness", W1.vkey, "--witness", W2.vkey, "--witness", W3.vkey]
    base = ["--proof", str(file), "--vkey", LOG.verifier.vkey, "--entry", str(tmp_path / "entry")]
    assert main([*base, *policy, "--quorum", "3"]) == 2  # two of three cosigned
    assert main([*base, *policy]) == 2  # without --quorum: every witness
    assert main([*base, *policy, "--quorum", "2"]) == 0
    assert main([*base, "--quorum", "1"]) == 2  # a quorum of no trusted witness is refused
    (tmp_path / "entry").write_bytes(ENTRIES[4])
    assert main([*base, *policy, "--quorum", "2"]) == 1  # the quorum holds; the entry lies
