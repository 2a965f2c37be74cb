"""An inclusion proof read from the tiles' levels: O(log n) hashes, a few ranges per level.

Every hash of an RFC 6962 audit path is the root of a run of perfect subtrees aligned to
their size: a sibling inside the tree is one such subtree, a sibling at the right edge a
few of them folded right to left. A perfect subtree of height h is the fold of 2^(h mod 8)
consecutive hashes of tile level h div 8 (level 0: the leaf hashes), so a proof needs at
most one tile's worth of hashes per level, never the leaves of the whole tree. The hashes
are asked for all at once, as (tile level, first node, end node) ranges, of whatever holds
them: the register's read model, or a log's tile files. Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Sequence

from transparency.tiles import HEIGHT, WIDTH
from transparency.tree import node_hash, split

# (tile level, first node, end node) ranges -> the stored hashes of each range, in order.
Ranges = Sequence[tuple[int, int, int]]
# Ranges this long are shared by many proofs: the top of the tree and its right edge.
SHARED = 1 << 12
Reader = Callable[[Ranges], list[Sequence[bytes]]]


def perfect_pieces(start: int, end: int) -> list[tuple[int, int]]:
    """The perfect subtrees, as (height, index at that height), that make up the leaves
    ``start`` to ``end``, largest first (``start`` aligned to the first one's size)."""
    pieces: list[tuple[int, int]] = []
    while start < end:
        height = (end - start).bit_length() - 1
        pieces.append((height, start >> height))
        start += 1 << height
    return pieces


def perfect_root(hashes: Sequence[bytes]) -> bytes:
    """The root of a perfect subtree (a power of two of hashes), folded pair by pair."""
    level = list(hashes)
    while len(level) > 1:
        level = [node_hash(level[i], level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]


def stored_range(height: int, index: int) -> tuple[int, int, int]:
    """The tile level and the range of its nodes whose fold is the perfect subtree
    ``(height, index)``."""
    level, rest = divmod(height, HEIGHT)
    return level, index << rest, (index + 1) << rest


def path_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The leaf ranges whose roots make the audit path of leaf ``index``, bottom first."""
    if not 0 <= index < size:
        raise IndexError(f"no leaf {index} in a tree of {size}")
    ranges: list[tuple[int, int]] = []
    start, end = 0, size
    while end - start > 1:
        middle = start + split(end - start)
        if index < middle:
            ranges.append((middle, end))
            end = middle
        else:
            ranges.append((start, middle))
            start = middle
    return ranges[::-1]


def roots(
    leaf_ranges: Sequence[tuple[int, int]],
    read: Reader,
    known: MutableMapping[tuple[int, int], bytes] | None = None,
) -> list[bytes]:
    """The root of each leaf range (as a tree of its own), from one call to ``read``; the
    roots in ``known`` are taken as they are, and the roots of ranges of at least
    ``SHARED`` leaves are added to it (every range of a tree is the same for ever, so a
    caller may keep ``known`` per tree, by its root)."""
    if known is not None:
        unknown = [each for each in leaf_ranges if each not in known]
        fresh = dict(zip(unknown, roots(unknown, read), strict=True))
        known.update({each: fresh[each] for each in unknown if each[1] - each[0] >= SHARED})
        return [known[each] if each in known else fresh[each] for each in leaf_ranges]
    pieces = [perfect_pieces(start, end) for start, end in leaf_ranges]
    wanted = sorted({stored_range(*piece) for run in pieces for piece in run})
    found = dict(zip(wanted, read(wanted) if wanted else [], strict=True))
    made: list[bytes] = []
    for run in pieces:
        hashes = []
        for piece in run:
            stored = found[stored_range(*piece)]
            if len(stored) != 1 << (piece[0] % HEIGHT):
                raise LookupError(f"the tiles lack the subtree {piece}")
            hashes.append(perfect_root(stored))
        folded = hashes[-1]
        for left in reversed(hashes[:-1]):
            folded = node_hash(left, folded)
        made.append(folded)
    return made


def inclusion_path(
    index: int,
    size: int,
    read: Reader,
    known: MutableMapping[tuple[int, int], bytes] | None = None,
) -> list[bytes]:
    """The audit path of leaf ``index`` in the tree of ``size`` leaves, bottom first (the
    roots in ``known`` taken as they are, see ``roots``)."""
    return roots(path_ranges(index, size), read, known)


def tree_root(size: int, read: Reader) -> bytes:
    """The root of the tree of ``size`` leaves (``size`` at least 1)."""
    return roots([(0, size)], read)[0]


def from_tiles(fetch: Callable[[int, int, int], bytes], size: int) -> Reader:
    """A reader over tile files: ``fetch(level, tile index, width)`` gives a tile's bytes
    (the tiles of the tree of ``size`` leaves, full or partial)."""

    def read(ranges: Ranges) -> list[Sequence[bytes]]:
        tiles: dict[tuple[int, int], bytes] = {}
        answers: list[Sequence[bytes]] = []
        for level, first, end in ranges:
            number, offset = divmod(first, WIDTH)
            if (level, number) not in tiles:
                width = min(WIDTH, (size >> (HEIGHT * level)) - number * WIDTH)
                tiles[level, number] = fetch(level, number, width)
            data = tiles[level, number]
            stop = min(end - first, len(data) // 32 - offset)
            answers.append([data[(offset + i) * 32 : (offset + i + 1) * 32] for i in range(stop)])
        return answers

    return read
