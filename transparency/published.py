"""The log as it is published: the signed checkpoint, each tile, and the whole tree of files.

The same bytes whether answered over HTTP (``/log/...``) or written by ``ocop log export``
for any static host: ``checkpoint``, ``tile/<L>/<N>[.p/<W>]``, ``tile/entries/<N>[.p/<W>]``.
"""

from __future__ import annotations

import os
from pathlib import Path

from storage.sql import Database
from transparency import checkpoints, leaves
from transparency.note import Checkpoint, SigningKey
from transparency.tiles import parse, tiles_of

# Every path but the checkpoint names bytes that never change.
IMMUTABLE = "public, max-age=31536000, immutable"


def read_signing_key(path: Path) -> SigningKey:
    """The log's signing key from its file (``MalformedKey`` if it holds none)."""
    return SigningKey.from_skey(path.read_text(encoding="utf-8"))


def write_signing_key(path: Path, key: SigningKey) -> None:
    """Writes a new key file readable by its owner only; never over an existing one."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(key.skey + "\n")


def checkpoint(db: Database, key: SigningKey) -> Checkpoint:
    """The checkpoint of the tree as the read side holds it now, under the key's name."""
    tree = leaves.frontier(db)
    return Checkpoint(key.name, tree.size, tree.root())


def signed_checkpoint(db: Database, key: SigningKey) -> str:
    """The checkpoint, as a note signed by the log's key."""
    return key.sign(checkpoint(db, key).text)


def tile(db: Database, path: str) -> bytes:
    """The bytes at a tile's or an entry bundle's ``path`` (``tile/...``):
    ``MalformedTilePath`` or ``TileBeyondTree`` when there is no such tile."""
    return leaves.tile_bytes(db, parse(path), leaves.frontier(db).size)


def export(db: Database, key: SigningKey, directory: Path) -> int:
    """Writes the checkpoint (the stored one, with its cosignatures, if the projector stored
    one; else one signed now) and every tile and entry bundle of its tree under
    ``directory``; returns the tree's size. Tiles are written before the checkpoint, so a
    host serving the directory never names a tree whose tiles it lacks."""
    checkpoints.create(db)  # so that a store never signed by a projector exports too
    stored = checkpoints.latest(db, key.name)
    state = stored.checkpoint if stored else checkpoint(db, key)
    for each in tiles_of(state.size):
        target = directory / each.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(leaves.tile_bytes(db, each, state.size))
    note = stored.cosigned if stored else key.sign(state.text)
    (directory / "checkpoint").write_text(note, encoding="utf-8")
    return state.size
