"""A published log read from where it is served: an http(s) URL prefix (``…/log``) or a
directory ``ocop log export`` wrote, its level-0 tiles and its entry bundles checked for
their shape as they are read. Standard library only, for the auditor's verifier.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from transparency import tree
from transparency.refusals import LogMismatch
from transparency.tiles import WIDTH, tiles_of, unbundle


def fetch(source: str, path: str) -> bytes:
    """The file at ``path`` of the log at ``source`` (an http(s) URL prefix or a directory)."""
    return fetched(f"{source.rstrip('/')}/{path}" if is_url(source) else str(Path(source) / path))[
        0
    ]


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetched(where: str) -> tuple[bytes, int | None]:
    """The bytes at a URL or a file, and the log position an HTTP answer says they reflect."""
    if not is_url(where):
        return Path(where).read_bytes(), None
    with urllib.request.urlopen(where, timeout=60) as answer:
        position = answer.headers.get("X-Log-Position")
        data: bytes = answer.read()
        return data, int(position) if position else None


def leaf_hashes(source: str, size: int) -> list[bytes]:
    """The leaf hashes of the tree of ``size`` leaves, from its level-0 tiles, up to the
    first tile that holds fewer than it should (the caller tells where leaves went missing)."""
    hashes: list[bytes] = []
    for tile in (tile for tile in tiles_of(size) if tile.level == 0):
        data = fetch(source, tile.path)
        hashes += [data[i : i + 32] for i in range(0, len(data) - len(data) % 32, 32)]
        if len(data) != 32 * tile.width:
            break
    return hashes


def check_entries(
    source: str, hashes: Sequence[bytes], take: Callable[[dict[str, Any]], None]
) -> None:
    """Each entry hashes to its leaf and states its own position; ``take`` reads each."""
    for tile in (tile for tile in tiles_of(len(hashes)) if tile.level is None):
        entries = unbundle(fetch(source, tile.path))
        if len(entries) != tile.width:
            first_missing = tile.index * WIDTH + min(len(entries), tile.width) + 1
            raise LogMismatch(f"{tile.path} holds {len(entries)} entries", first_missing)
        for offset, entry in enumerate(entries):
            position = tile.index * WIDTH + offset + 1
            if tree.leaf_hash(entry) != hashes[position - 1]:
                raise LogMismatch("the entry does not hash to its leaf", position)
            facts = json.loads(entry)
            if facts.get("position") != position:
                raise LogMismatch("the entry names another position", position)
            take(facts)
