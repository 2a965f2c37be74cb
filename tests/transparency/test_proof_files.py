"""A ``.tlog-proof`` is made from the tiles' levels alone and checked offline with nothing
but the file and the log's key: the path read from one tile per level is RFC 6962's, the
file is C2SP tlog-proof's, and a proof of another entry, a bent path, a checkpoint signed by
another key or an event that is not the one committed to are each refused."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

import pytest
import rfc8785
from hypothesis import given, strategies as st

from transparency import tree
from transparency.note import Checkpoint, SigningKey
from transparency.proof import HEADER, TlogProof
from transparency.proof_check import canonical, check_proof, payload_sha256
from transparency.proof_path import Reader, from_tiles, inclusion_path, tree_root
from transparency.refusals import LogMismatch, MalformedProof, NoteNotVerified
from transparency.tiles import hashes, tiles_of

KEY = SigningKey.generate("ocop.example.vn/log")


def leaves(size: int) -> list[bytes]:
    return [tree.leaf_hash(f"entry {i}".encode()) for i in range(size)]


def tile_reader(hashed: Sequence[bytes]) -> Reader:
    """The reader over the tiles of the tree of these leaves, as a static host serves them."""
    files = {}
    for tile in tiles_of(len(hashed)):
        if tile.level is not None:
            start, end = tile.leaves()
            files[tile.level, tile.index, tile.width] = hashes(tile, hashed[start:end])
    return from_tiles(lambda level, index, width: files[level, index, width], len(hashed))


@pytest.mark.parametrize("size", [*range(1, 70), 255, 256, 257, 511, 513, 65536 + 300])
def test_the_path_from_the_tiles_is_rfc_6962s(size: int) -> None:
    hashed = leaves(size)
    read = tile_reader(hashed)
    assert tree_root(size, read) == tree.root(hashed)
    for index in {0, 1, size // 2, size - 2, size - 1, *range(0, size, max(1, size // 13))}:
        if 0 <= index < size:
            assert inclusion_path(index, size, read) == tree.inclusion_proof(index, hashed)


@given(st.integers(1, 3000), st.data())
def test_any_leaf_of_any_tree(size: int, data: st.DataObject) -> None:
    hashed = leaves(size)
    index = data.draw(st.integers(0, size - 1))
    assert inclusion_path(index, size, tile_reader(hashed)) == tree.inclusion_proof(index, hashed)


def test_proofs_that_share_the_top_of_the_tree_read_it_once() -> None:
    size = 3 * 4096 + 700
    hashed = leaves(size)
    tiles = tile_reader(hashed)
    asked: list[list[tuple[int, int, int]]] = []

    def read(ranges: Sequence[tuple[int, int, int]]) -> list[Sequence[bytes]]:
        asked.append(list(ranges))
        return tiles(ranges)

    known: dict[tuple[int, int], bytes] = {}
    for index in (5, size - 1, 4100, 9000, 5):
        assert inclusion_path(index, size, read, known) == tree.inclusion_proof(index, hashed)
    assert known and all(end - start >= 4096 for start, end in known)
    first, again = asked[0], asked[-1]
    assert len(again) < len(first)  # the top of the tree and its right edge were known
    assert {range_ for range_ in again if range_[0] == 1} < {r for r in first if r[0] == 1}


def entry(position: int, **fields: Any) -> bytes:
    facts: dict[str, Any] = {
        "position": position, "product": "QN-0701", "version": 3, "kind": "certified",
        "effective_on": "2024-03-01", "fields": fields, "payload_sha256": "00" * 32,
    }  # fmt: skip
    return rfc8785.dumps(facts)


def proof_file(entries: list[bytes], position: int, key: SigningKey = KEY) -> str:
    hashed = [tree.leaf_hash(each) for each in entries]
    note = key.sign(Checkpoint(key.name, len(hashed), tree.root(hashed)).text)
    path = tree.inclusion_proof(position - 1, hashed)
    return TlogProof(position - 1, path, note, extra=entries[position - 1]).text


def test_a_proof_is_the_c2sp_file_and_reads_back() -> None:
    entries = [entry(p) for p in range(1, 8)]
    text = proof_file(entries, 5)
    lines = text.split("\n")
    assert lines[0] == HEADER and lines[1].startswith("extra ") and lines[2] == "index 4"
    assert lines[6] == "" and lines[7] == "ocop.example.vn/log" and lines[8] == "7"
    again = TlogProof.from_text(text)
    assert again.text == text and again.extra == entries[4] and len(again.path) == 3
    for broken in (text.replace(HEADER, "c2sp.org/tlog-proof@v2"),
                   text.replace("index 4", "index 04"), text.replace("\n\n", "\n")):  # fmt: skip
        with pytest.raises(MalformedProof):
            TlogProof.from_text(broken)


def test_a_certificate_s_proof_is_checked_with_the_key_alone() -> None:
    entries = [entry(p) for p in range(1, 12)]
    entries[8] = entry(9, certificate_number="QN-0701-C1", stars=4, valid_from="2024-03-01")
    text = proof_file(entries, 9)
    report = check_proof(text, KEY.verifier)
    assert "position 9 is included: certified of QN-0701 version 3" in report[1]
    assert report[2].startswith("certificate QN-0701-C1: 4 stars")
    assert check_proof(text, KEY.verifier, entry=entries[8])
    with pytest.raises(LogMismatch) as other:
        check_proof(text, KEY.verifier, entry=entries[7])
    assert other.value.position == 9
    proof = TlogProof.from_text(text)
    bent = TlogProof(proof.index, [proof.path[0][::-1], *proof.path[1:]], proof.checkpoint)
    with pytest.raises(LogMismatch) as bent_caught:
        check_proof(bent.text, KEY.verifier, entry=entries[8])
    assert bent_caught.value.position == 9
    moved = TlogProof(7, proof.path, proof.checkpoint, proof.extra)
    with pytest.raises(LogMismatch):
        check_proof(moved.text, KEY.verifier)
    with pytest.raises(NoteNotVerified):
        check_proof(text, SigningKey.generate(KEY.name).verifier)


def test_the_full_event_is_checked_against_the_entry_s_payload_hash() -> None:
    event: dict[str, Any] = {
        "type": "Starred",
        "stars": 4,
        "notes": "Hội đồng\ttỉnh",
        "e": 1e-7,
        "x": [1.5],
    }
    digest = hashlib.sha256(rfc8785.dumps(event)).hexdigest()
    facts = json.loads(entry(1))
    facts["payload_sha256"] = digest
    logged = rfc8785.dumps(facts)
    text = proof_file([logged], 1)
    assert check_proof(text, KEY.verifier, event=event)[-1].endswith("payload_sha256")
    with pytest.raises(LogMismatch):
        check_proof(text, KEY.verifier, event={**event, "stars": 5})


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)  # fmt: skip


@given(JSON)
def test_the_verifier_s_canonical_json_is_rfc_8785(value: Any) -> None:
    assert canonical(value).encode() == rfc8785.dumps(value)
    assert payload_sha256(value) == hashlib.sha256(rfc8785.dumps(value)).hexdigest()
