"""C2SP tlog-cosignature (Ed25519, ``cosignature/v1``): the spec's example line decodes to
its layout and its stated time, the signed message is byte for byte the spec's, and a
cosignature verifies on its checkpoint only."""

from __future__ import annotations

import base64
import hashlib
import struct

import pytest

from transparency.cosignature import Cosigner, CosigningKey, message
from transparency.note import DASH, SigningKey
from transparency.refusals import MalformedKey, NoteNotVerified

# From c2sp.org/tlog-cosignature: the example checkpoint and its witness's signature line.
SPEC_CHECKPOINT = (
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
)
SPEC_LINE = (
    "— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrD"
    "JsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA=="
)
SPEC_MESSAGE = (
    "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
    "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
)


def test_the_spec_example_is_key_id_timestamp_and_signature() -> None:
    dash, name, signature = SPEC_LINE.split(" ")
    raw = base64.b64decode(signature)
    assert (dash, name, len(raw)) == (DASH, "witness.example.com/w1", 4 + 8 + 64)
    assert struct.unpack(">Q", raw[4:12]) == (1679315147,)  # the spec's "time 1679315147"
    assert message(SPEC_CHECKPOINT, 1679315147) == SPEC_MESSAGE.encode()


def test_a_cosignature_has_the_spec_layout_and_verifies_on_its_checkpoint_only() -> None:
    key = CosigningKey.generate("witness.example.vn/w1")
    line = key.cosign(SPEC_CHECKPOINT, 1700000000)
    dash, name, signature = line.split(" ")
    raw = base64.b64decode(signature)
    public = key.cosigner.public
    expected_id = hashlib.sha256(b"witness.example.vn/w1\n\x04" + public).digest()[:4]
    assert (dash, name, raw[:4], raw[4:12]) == (
        DASH,
        "witness.example.vn/w1",
        expected_id,
        struct.pack(">Q", 1700000000),
    )
    assert key.cosigner.timestamp(line, SPEC_CHECKPOINT) == 1700000000
    with pytest.raises(NoteNotVerified):
        key.cosigner.timestamp(line, SPEC_CHECKPOINT.replace("20852163", "20852164"))
    other = CosigningKey.generate("witness.example.vn/w1").cosigner
    with pytest.raises(NoteNotVerified):
        other.timestamp(line, SPEC_CHECKPOINT)


def test_keys_round_trip_and_are_not_the_logs_kind() -> None:
    key = CosigningKey.generate("witness.example.vn/w2")
    assert CosigningKey.from_skey(key.skey) == key
    assert Cosigner.from_vkey(key.cosigner.vkey) == key.cosigner
    assert base64.b64decode(key.cosigner.vkey.split("+", 2)[2])[:1] == b"\x04"  # may hold a +
    log_key = SigningKey.generate("ocop.example.vn/log")  # type 0x01: a log's, not a witness's
    with pytest.raises(MalformedKey):
        Cosigner.from_vkey(log_key.verifier.vkey)
    with pytest.raises(MalformedKey):
        CosigningKey.from_skey(log_key.skey)
