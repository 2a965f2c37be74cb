"""The log's Merkle tree against RFC 6962's published vectors and a plain recursive model."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, strategies as st

from transparency.refusals import ConsistencyNotProven, InclusionNotProven
from transparency.tree import (
    EMPTY_ROOT,
    check_consistency,
    check_inclusion,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root,
)

# The certificate-transparency test data (RFC 6962's reference implementation).
CT_LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
)]  # fmt: skip
CT_ROOTS = [bytes.fromhex(h) for h in (
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
)]  # fmt: skip
CT_INCLUSION = {
    (0, 8): ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    (5, 8): ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
}  # fmt: skip
CT_CONSISTENCY = {
    (1, 8): ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    (6, 8): ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
    (2, 5): ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
}  # fmt: skip


# An independent model, written straight from RFC 6962 section 2.1 over lists of entries.
def model_split(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(entries: list[bytes]) -> bytes:
    if not entries:
        return hashlib.sha256(b"").digest()
    if len(entries) == 1:
        return hashlib.sha256(b"\x00" + entries[0]).digest()
    k = model_split(len(entries))
    return hashlib.sha256(b"\x01" + mth(entries[:k]) + mth(entries[k:])).digest()


def model_path(m: int, entries: list[bytes]) -> list[bytes]:
    if len(entries) == 1:
        return []
    k = model_split(len(entries))
    if m < k:
        return [*model_path(m, entries[:k]), mth(entries[k:])]
    return [*model_path(m - k, entries[k:]), mth(entries[:k])]


def model_subproof(m: int, entries: list[bytes], whole: bool) -> list[bytes]:
    if m == len(entries):
        return [] if whole else [mth(entries)]
    k = model_split(len(entries))
    if m <= k:
        return [*model_subproof(m, entries[:k], whole), mth(entries[k:])]
    return [*model_subproof(m - k, entries[k:], False), mth(entries[:k])]


def entries_of(size: int) -> list[bytes]:
    return [f"event {i}".encode() for i in range(size)]


LEAVES = [leaf_hash(entry) for entry in entries_of(301)]


def test_the_roots_of_the_certificate_transparency_test_data() -> None:
    hashes = [leaf_hash(entry) for entry in CT_LEAVES]
    assert (
        root([])
        == EMPTY_ROOT
        == bytes.fromhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    )
    assert [root(hashes[:size]) for size in range(1, 9)] == CT_ROOTS


@pytest.mark.parametrize(("index", "size"), sorted(CT_INCLUSION))
def test_the_published_inclusion_proofs(index: int, size: int) -> None:
    hashes = [leaf_hash(entry) for entry in CT_LEAVES[:size]]
    proof = [bytes.fromhex(h) for h in CT_INCLUSION[index, size]]
    assert inclusion_proof(index, hashes) == proof
    check_inclusion(index, size, hashes[index], proof, CT_ROOTS[size - 1])


@pytest.mark.parametrize(("old", "new"), sorted(CT_CONSISTENCY))
def test_the_published_consistency_proofs(old: int, new: int) -> None:
    hashes = [leaf_hash(entry) for entry in CT_LEAVES[:new]]
    proof = [bytes.fromhex(h) for h in CT_CONSISTENCY[old, new]]
    assert consistency_proof(old, hashes) == proof
    check_consistency(old, new, CT_ROOTS[old - 1], CT_ROOTS[new - 1], proof)


def test_every_root_from_0_to_300_agrees_with_the_model() -> None:
    entries = entries_of(301)
    assert [root(LEAVES[:size]) for size in range(301)] == [
        mth(entries[:size]) for size in range(301)
    ]


@given(st.data())
def test_an_inclusion_proof_agrees_with_the_model_and_verifies(data: st.DataObject) -> None:
    size = data.draw(st.integers(1, 300), label="size")
    index = data.draw(st.integers(0, size - 1), label="index")
    proof = inclusion_proof(index, LEAVES[:size])
    assert proof == model_path(index, entries_of(size))
    check_inclusion(index, size, LEAVES[index], proof, root(LEAVES[:size]))
    other = data.draw(st.integers(0, size - 1).filter(lambda i: i != index), label="other")
    with pytest.raises(InclusionNotProven):
        check_inclusion(other, size, LEAVES[index], proof, root(LEAVES[:size]))


@given(st.data())
def test_a_consistency_proof_agrees_with_the_model_and_verifies(data: st.DataObject) -> None:
    new = data.draw(st.integers(0, 300), label="new")
    old = data.draw(st.integers(0, new), label="old")
    proof = consistency_proof(old, LEAVES[:new])
    expected = [] if old in (0, new) else model_subproof(old, entries_of(new), True)
    assert proof == expected
    old_root, new_root = root(LEAVES[:old]), root(LEAVES[:new])
    check_consistency(old, new, old_root, new_root, proof)
    if 0 < old < new:
        forked = root([*LEAVES[: old - 1], leaf_hash(b"rewritten")])
        with pytest.raises(ConsistencyNotProven):
            check_consistency(old, new, forked, new_root, proof)


def test_a_tampered_proof_or_a_leaf_out_of_range_is_refused() -> None:
    proof = inclusion_proof(3, LEAVES[:10])
    with pytest.raises(InclusionNotProven):
        check_inclusion(3, 10, LEAVES[3], [proof[0][::-1], *proof[1:]], root(LEAVES[:10]))
    with pytest.raises(InclusionNotProven):
        check_inclusion(10, 10, LEAVES[3], proof, root(LEAVES[:10]))
    with pytest.raises(ConsistencyNotProven):
        check_consistency(5, 4, root(LEAVES[:5]), root(LEAVES[:4]), [])
