"""``ocop verify``: an auditor's check of the register's public log, from its files alone.

Needs only the standard library and ``cryptography`` (run it as ``python -m
transparency.audit`` where the register's other dependencies are absent). It verifies the
checkpoint's signature with the log's vkey, fetches the level-0 tiles, recomputes the root,
and proves the inclusion of the positions asked for. With ``--full`` it also fetches every
entry bundle and checks each entry against its leaf. With ``--state DIR`` it keeps the last
checkpoint it verified and the leaves under it: the next run proves the new tree consistent
with that one, and names the first position whose leaf changed (a rewritten history).
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from transparency import tree
from transparency.note import Checkpoint, Verifier
from transparency.refusals import ConsistencyNotProven, LogMismatch
from transparency.tiles import WIDTH, tiles_of, unbundle


def fetch(source: str, path: str) -> bytes:
    """The file at ``path`` of the log at ``source`` (an http(s) URL prefix or a directory)."""
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(f"{source.rstrip('/')}/{path}", timeout=30) as answer:
            data: bytes = answer.read()
            return data
    return (Path(source) / path).read_bytes()


def leaf_hashes(source: str, size: int) -> list[bytes]:
    """Every leaf hash of the tree of ``size`` leaves, from its level-0 tiles."""
    hashes: list[bytes] = []
    for tile in (tile for tile in tiles_of(size) if tile.level == 0):
        data = fetch(source, tile.path)
        if len(data) != 32 * tile.width:
            raise LogMismatch(f"{tile.path} holds {len(data)} bytes", len(hashes) + 1)
        hashes += [data[i : i + 32] for i in range(0, len(data), 32)]
    return hashes


def check_entries(source: str, hashes: Sequence[bytes]) -> None:
    """Each entry hashes to its leaf and states its own position."""
    for tile in (tile for tile in tiles_of(len(hashes)) if tile.level is None):
        entries = unbundle(fetch(source, tile.path))
        if len(entries) != tile.width:
            raise LogMismatch(f"{tile.path} holds {len(entries)} entries", tile.index * WIDTH + 1)
        for offset, entry in enumerate(entries):
            position = tile.index * WIDTH + offset + 1
            if tree.leaf_hash(entry) != hashes[position - 1]:
                raise LogMismatch("the entry does not hash to its leaf", position)
            if json.loads(entry).get("position") != position:
                raise LogMismatch("the entry names another position", position)


def check_history(state: Path, checkpoint: Checkpoint, hashes: Sequence[bytes]) -> None:
    """The tree extends the one verified before (kept in ``state``), leaf for leaf."""
    if not (state / "checkpoint").exists():
        return
    before = Checkpoint.from_text((state / "checkpoint").read_text(encoding="utf-8"))
    if before.size > checkpoint.size:
        raise LogMismatch(f"the log went back from {before.size} to {checkpoint.size} entries")
    kept = (state / "leaves").read_bytes()
    for index in range(before.size):
        if kept[index * 32 : index * 32 + 32] != hashes[index]:
            raise LogMismatch("the leaf differs from the one verified before", index + 1)
    try:
        proof = tree.consistency_proof(before.size, hashes)
        tree.check_consistency(before.size, checkpoint.size, before.root, checkpoint.root, proof)
    except ConsistencyNotProven as error:
        raise LogMismatch(str(error)) from None


def audit(
    source: str, vkey: str, *, full: bool, positions: Sequence[int], state: Path | None
) -> list[str]:
    """Verifies the log at ``source``; the lines of the report, or ``LogMismatch``."""
    verifier = Verifier.from_vkey(vkey)
    checkpoint = Checkpoint.from_text(verifier.open(fetch(source, "checkpoint").decode()))
    hashes = leaf_hashes(source, checkpoint.size)
    if tree.root(hashes) != checkpoint.root:
        raise LogMismatch("the tiles do not make the checkpoint's root")
    report = [f"checkpoint {checkpoint.origin} size {checkpoint.size} signed by {verifier.name}"]
    if full:
        check_entries(source, hashes)
        report.append(f"all {checkpoint.size} entries hash to their leaves")
    for position in positions:
        if not 0 < position <= checkpoint.size:
            raise LogMismatch("the position is not in the log", position)
        proof = tree.inclusion_proof(position - 1, hashes)
        tree.check_inclusion(
            position - 1, checkpoint.size, hashes[position - 1], proof, checkpoint.root
        )
        report.append(f"position {position} is included")
    if state is not None:
        check_history(state, checkpoint, hashes)
        state.mkdir(parents=True, exist_ok=True)
        (state / "leaves").write_bytes(b"".join(hashes))
        (state / "checkpoint").write_text(checkpoint.text, encoding="utf-8")
        report.append(f"consistent with the checkpoint kept in {state}")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the audit; exits 1 naming the position on a mismatch, 2 on a bad signature."""
    parser = argparse.ArgumentParser(prog="ocop verify", description=__doc__.split("\n")[0])
    parser.add_argument("source", help="the log's URL prefix (…/log) or an exported directory")
    parser.add_argument("--vkey", required=True, help="the log's verifier key")
    parser.add_argument("--full", action="store_true", help="check every entry too")
    parser.add_argument("--position", type=int, action="append", default=[])
    parser.add_argument("--state", type=Path, help="where to keep the last verified checkpoint")
    args = parser.parse_args(argv)
    try:
        report = audit(
            args.source, args.vkey, full=args.full, positions=args.position, state=args.state
        )
    except LogMismatch as error:
        print(f"MISMATCH {error}", file=sys.stderr)
        return 1
    except (ValueError, OSError) as error:
        print(f"not verified: {error}", file=sys.stderr)
        return 2
    print("\n".join(report))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
