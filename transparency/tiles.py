"""The log as static tiles, per C2SP tlog-tiles.

A tile at level L holds up to 256 consecutive hashes of the tree's nodes at height 8·L
(level 0: the leaf hashes); an entry bundle holds up to 256 consecutive entries, each a
big-endian uint16 length and the entry. A full tile is ``tile/<L>/<N>``, a partial one
``tile/<L>/<N>.p/<W>`` (W from 1 to 255); N is written in groups of three digits, every
group but the last prefixed with ``x`` (1234067 is ``x001/x234/067``). Every tile that
exists in a tree of some size is the same in every larger tree, so each path is immutable.
Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from transparency.refusals import MalformedBundle, MalformedTilePath, TileBeyondTree
from transparency.tree import subtree_root

WIDTH = 256
HEIGHT = 8
LEVELS = 64
ENTRIES = "entries"
_GROUPS = re.compile(r"^(?:x\d{3}/)*\d{3}$")
_PARTIAL = re.compile(r"^[1-9]\d{0,2}$")


@dataclass(frozen=True)
class Tile:
    """One tile: its level (``None`` for an entry bundle), its index and its width."""

    level: int | None
    index: int
    width: int = WIDTH

    @property
    def path(self) -> str:
        """The tile's path under the log's prefix, in the C2SP encoding."""
        level = ENTRIES if self.level is None else str(self.level)
        partial = f".p/{self.width}" if self.width < WIDTH else ""
        return f"tile/{level}/{encode_index(self.index)}{partial}"

    @property
    def span(self) -> int:
        """How many leaves each of the tile's hashes (or entries) covers."""
        return 1 << (HEIGHT * (self.level or 0))

    def leaves(self) -> tuple[int, int]:
        """The range of leaf indices the tile covers, start included, end excluded."""
        first = self.index * WIDTH
        return first * self.span, (first + self.width) * self.span


def encode_index(index: int) -> str:
    """A tile index as C2SP writes it: three-digit groups, all but the last after an ``x``."""
    digits = str(index)
    digits = "0" * (-len(digits) % 3) + digits
    groups = [digits[i : i + 3] for i in range(0, len(digits), 3)]
    return "/".join([*(f"x{group}" for group in groups[:-1]), groups[-1]])


def parse(path: str) -> Tile:
    """The tile at ``path`` (``tile/...``), or ``MalformedTilePath``."""
    prefix, _, rest = path.partition("/")
    level_text, _, index_text = rest.partition("/")
    if prefix != "tile" or not index_text:
        raise MalformedTilePath(f"not a tile path: {path!r}")
    if level_text == ENTRIES:
        level = None
    elif re.fullmatch(r"0|[1-9]\d?", level_text) and int(level_text) < LEVELS:
        level = int(level_text)
    else:
        raise MalformedTilePath(f"no tile level {level_text!r}")
    index_text, dot, width_text = index_text.partition(".p/")
    if not _GROUPS.fullmatch(index_text) or (dot and not _PARTIAL.fullmatch(width_text)):
        raise MalformedTilePath(f"not a tile index: {path!r}")
    width = int(width_text) if dot else WIDTH
    index = int(index_text.replace("x", "").replace("/", ""))
    if (dot and width >= WIDTH) or encode_index(index) != index_text:
        raise MalformedTilePath(f"not the canonical path of a tile: {path!r}")
    return Tile(level, index, width)


def check_tile_in_tree(tile: Tile, size: int) -> None:
    """Raises ``TileBeyondTree`` unless a tree of ``size`` leaves holds the whole tile."""
    if tile.leaves()[1] > size:
        raise TileBeyondTree(f"{tile.path} is beyond a tree of {size}")


def tiles_of(size: int) -> list[Tile]:
    """Every tile and entry bundle of a tree of ``size`` leaves, the partial ones at its edge."""
    made: list[Tile] = []
    for level in (None, *range(LEVELS)):
        nodes = size >> (HEIGHT * (level or 0))
        if level is not None and nodes == 0:
            break
        full, rest = divmod(nodes, WIDTH)
        made += [Tile(level, index) for index in range(full)]
        made += [Tile(level, full, rest)] if rest else []
    return made


def hashes(tile: Tile, leaves: Sequence[bytes]) -> bytes:
    """The tile's bytes from the leaf hashes it covers (``leaves`` holds exactly those)."""
    span = tile.span
    return b"".join(subtree_root(leaves, i, i + span) for i in range(0, len(leaves), span))


def bundle(entries: Sequence[bytes]) -> bytes:
    """An entry bundle: each entry after its length as a big-endian uint16."""
    return b"".join(len(entry).to_bytes(2, "big") + entry for entry in entries)


def unbundle(data: bytes) -> list[bytes]:
    """The entries of an entry bundle; ``MalformedBundle`` if it is cut short."""
    entries: list[bytes] = []
    at = 0
    while at < len(data):
        length = int.from_bytes(data[at : at + 2], "big")
        if at + 2 + length > len(data):
            raise MalformedBundle("an entry bundle cut short")
        entries.append(data[at + 2 : at + 2 + length])
        at += 2 + length
    return entries
