"""The tree's right edge: the roots of its perfect subtrees, largest first.

Enough to add a leaf and to know the root without reading any earlier leaf: the register
keeps it with the leaves, so a checkpoint costs nothing however long the log. Each addition
tells which nodes at a tile level's height (8, 16, ... levels up) it completed, so tiles
above level 0 are read, not recomputed. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from transparency.tiles import HEIGHT
from transparency.tree import EMPTY_ROOT, node_hash


@dataclass
class Frontier:
    """The tree of ``size`` leaves, by the roots of its perfect subtrees (one per set bit)."""

    size: int = 0
    hashes: list[bytes] = field(default_factory=list)

    def add(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Adds a leaf hash; returns the tile-level nodes it completed, as (tile level,
        index in that level, hash)."""
        completed: list[tuple[int, int, bytes]] = []
        node, height, below = leaf, 0, self.size
        self.size += 1
        while below & 1:  # the last subtree is as tall as the node: they join
            node, height, below = node_hash(self.hashes.pop(), node), height + 1, below >> 1
            if height % HEIGHT == 0:
                completed.append((height // HEIGHT, (self.size >> height) - 1, node))
        self.hashes.append(node)
        return completed

    def root(self) -> bytes:
        """The root of the tree (the hash of the empty string when it has no leaf)."""
        if not self.hashes:
            return EMPTY_ROOT
        hashed = self.hashes[-1]
        for left in reversed(self.hashes[:-1]):
            hashed = node_hash(left, hashed)
        return hashed

    @property
    def text(self) -> str:
        """The subtree roots in hex, comma-separated, as the register stores them."""
        return ",".join(hashed.hex() for hashed in self.hashes)

    @classmethod
    def from_text(cls, size: int, text: str) -> Frontier:
        """The frontier stored as ``text`` for a tree of ``size`` leaves."""
        hashes = [bytes.fromhex(part) for part in text.split(",")] if text else []
        if len(hashes) != size.bit_count():
            raise ValueError(f"a tree of {size} has {size.bit_count()} subtrees, not {len(hashes)}")
        return cls(size, hashes)
