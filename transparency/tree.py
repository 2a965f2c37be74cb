"""The Merkle tree over the log, as RFC 6962 (and RFC 9162) define it.

A leaf's hash is SHA-256(0x00 ‖ entry), an interior node's SHA-256(0x01 ‖ left ‖ right); the
tree of n leaves splits at the largest power of two below n. Proofs are lists of hashes;
``check_inclusion`` and ``check_consistency`` verify them against a root, each raising its
own error. Standard library only, so an auditor's verifier can carry this module alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from transparency.refusals import ConsistencyNotProven, InclusionNotProven

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(entry: bytes) -> bytes:
    """The hash of one leaf: SHA-256(0x00 ‖ entry)."""
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """The hash of an interior node: SHA-256(0x01 ‖ left ‖ right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def split(size: int) -> int:
    """The largest power of two smaller than ``size`` (``size`` at least 2)."""
    return 1 << ((size - 1).bit_length() - 1)


def subtree_root(leaves: Sequence[bytes], start: int, end: int) -> bytes:
    """The root of the leaf hashes ``leaves[start:end]``, as a tree of its own."""
    size = end - start
    if size == 0:
        return EMPTY_ROOT
    if size == 1:
        return leaves[start]
    middle = start + split(size)
    return node_hash(subtree_root(leaves, start, middle), subtree_root(leaves, middle, end))


def root(leaves: Sequence[bytes]) -> bytes:
    """The root of the tree of these leaf hashes (the hash of the empty string if none)."""
    return subtree_root(leaves, 0, len(leaves))


def inclusion_proof(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """The audit path of the leaf at ``index`` in the tree of ``leaves``, bottom first."""
    if not 0 <= index < len(leaves):
        raise IndexError(f"no leaf {index} in a tree of {len(leaves)}")
    path: list[bytes] = []
    start, end = 0, len(leaves)
    while end - start > 1:
        middle = start + split(end - start)
        if index < middle:
            path.append(subtree_root(leaves, middle, end))
            end = middle
        else:
            path.append(subtree_root(leaves, start, middle))
            start = middle
    return path[::-1]


def consistency_proof(old_size: int, leaves: Sequence[bytes]) -> list[bytes]:
    """The proof that the tree of the first ``old_size`` leaves is a prefix of this one."""
    return consistency_path(old_size, len(leaves), lambda a, b: subtree_root(leaves, a, b))


def consistency_path(old_size: int, size: int, root: Callable[[int, int], bytes]) -> list[bytes]:
    """The consistency proof of the tree of ``old_size`` leaves inside the one of ``size``,
    bottom first, each node's hash read by ``root(start, end)`` (RFC 9162, 2.1.4.1)."""
    if not 0 <= old_size <= size:
        raise IndexError(f"no tree of {old_size} inside a tree of {size}")
    if old_size in (0, size):
        return []
    path: list[bytes] = []
    start, end, whole = 0, size, True
    # SUBPROOF(m, D[start:end], whole), unrolled: m counts leaves from ``start``.
    m = old_size
    while m != end - start:
        middle = start + split(end - start)
        if m <= middle - start:
            path.append(root(middle, end))
            end = middle
        else:
            path.append(root(start, middle))
            m -= middle - start
            start, whole = middle, False
    if not whole:
        path.append(root(start, end))
    return path[::-1]


def check_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], tree_root: bytes
) -> None:
    """Raises ``InclusionNotProven`` unless ``proof`` puts ``leaf`` at ``index`` of the tree
    of ``size`` leaves with root ``tree_root`` (RFC 9162, 2.1.3.2)."""
    if not 0 <= index < size:
        raise InclusionNotProven(f"leaf {index} is outside a tree of {size}")
    fn, sn, hashed = index, size - 1, leaf
    for sibling in proof:
        if sn == 0:
            raise InclusionNotProven(f"the proof of leaf {index} is too long")
        if fn & 1 or fn == sn:
            hashed = node_hash(sibling, hashed)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            hashed = node_hash(hashed, sibling)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or hashed != tree_root:
        raise InclusionNotProven(f"leaf {index} is not in the tree of {size} with that root")


def check_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """Raises ``ConsistencyNotProven`` unless ``proof`` shows the tree of ``old_size`` with
    ``old_root`` to be a prefix of the tree of ``new_size`` with ``new_root`` (RFC 9162,
    2.1.4.2)."""
    if not 0 <= old_size <= new_size:
        raise ConsistencyNotProven(f"a tree of {old_size} cannot grow into one of {new_size}")
    if old_size == 0 or old_size == new_size:
        if proof or (old_size == new_size and old_root != new_root):
            raise ConsistencyNotProven(f"the trees of {old_size} and {new_size} differ")
        return
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    if not path:
        raise ConsistencyNotProven("an empty proof between trees of different sizes")
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    old_hash = new_hash = path[0]
    for sibling in path[1:]:
        if sn == 0:
            raise ConsistencyNotProven("the consistency proof is too long")
        if fn & 1 or fn == sn:
            old_hash, new_hash = node_hash(sibling, old_hash), node_hash(sibling, new_hash)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            new_hash = node_hash(new_hash, sibling)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or old_hash != old_root or new_hash != new_root:
        raise ConsistencyNotProven(f"the tree of {old_size} is not a prefix of that of {new_size}")
