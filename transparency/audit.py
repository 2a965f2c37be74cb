"""``ocop verify``: an auditor's check of the register's public log, from its files alone.

Needs only the standard library and ``cryptography`` (run it as ``python -m
transparency.audit`` where the register's other dependencies are absent). It verifies the
checkpoint's signature with the log's vkey and, given witnesses (``--witness`` vkeys and
``--quorum K``), that at least K of them cosigned it; fetches the level-0 tiles, recomputes
the root, and proves the inclusion of the positions asked for. With ``--full`` it also
fetches every entry bundle, checks each entry against its leaf, replays the entries' public
facts into every product's public status and compares it with the public register (its
open data, ``register.json``). With ``--state DIR`` it keeps the last checkpoint it
verified and the leaves under it: the next run proves the new tree consistent with that
one, and names the first position whose leaf changed or went missing (a rewritten history).
``--proof FILE`` checks a ``.tlog-proof`` offline instead (``transparency.proof_check``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

from transparency import tree
from transparency.log_source import check_entries, fetch, fetched, is_url, leaf_hashes
from transparency.note import Checkpoint, Verifier
from transparency.proof_check import check_proof
from transparency.quorum import Witness, check_quorum
from transparency.refusals import ConsistencyNotProven, LogMismatch
from transparency.replay import PublicReplay, compare, day_of, register_rows

VIETNAM = timezone(timedelta(hours=7))


def check_all_leaves(checkpoint: Checkpoint, hashes: Sequence[bytes]) -> None:
    """The level-0 tiles hold every leaf of the checkpoint's tree; else the first missing."""
    if len(hashes) != checkpoint.size:
        missing = len(hashes) + 1
        raise LogMismatch(f"the tiles hold {len(hashes)} of the checkpoint's {checkpoint.size} "
                          f"leaves: the first missing is position {missing}", missing)  # fmt: skip


def check_history(state: Path, checkpoint: Checkpoint, hashes: Sequence[bytes]) -> None:
    """The tree extends the one verified before (kept in ``state``), leaf for leaf."""
    if not (state / "checkpoint").exists():
        return
    before = Checkpoint.from_text((state / "checkpoint").read_text(encoding="utf-8"))
    kept = (state / "leaves").read_bytes()
    for index in range(min(before.size, len(hashes))):
        if kept[index * 32 : index * 32 + 32] != hashes[index]:
            raise LogMismatch("the leaf differs from the one verified before", index + 1)
    check_all_leaves(checkpoint, hashes)
    if before.size > checkpoint.size:
        raise LogMismatch(
            f"the log went back from {before.size} to {checkpoint.size} entries",
            checkpoint.size + 1,
        )
    try:
        proof = tree.consistency_proof(before.size, hashes)
        tree.check_consistency(before.size, checkpoint.size, before.root, checkpoint.root, proof)
    except ConsistencyNotProven as error:
        raise LogMismatch(str(error)) from None


def check_register(
    source: str, register: str | None, hashes: Sequence[bytes], size: int
) -> list[str]:
    """Every entry against its leaf, and the public register against the entries' replay."""
    where = register or (
        f"{source.rstrip('/').removesuffix('/log')}/v1/public/register.json"
        if is_url(source)
        else str(Path(source) / "register.json")
    )
    data, upto = fetched(where)
    if upto is not None and upto > size:
        raise ValueError(f"the public register (position {upto}) is ahead of the checkpoint "
                         f"({size}): verify again once the checkpoint covers it")  # fmt: skip
    rows = register_rows(data)
    replay = PublicReplay(day_of(rows, datetime.now(VIETNAM).date().isoformat()), upto or size)
    check_entries(source, hashes, replay.add)
    agreed = compare(replay, rows)
    return [
        f"all {size} entries hash to their leaves",
        f"the public register at {where} (position {replay.upto}, as of {replay.on}) agrees "
        f"with the entries' public facts for all {agreed} products",
    ]


def audit(
    source: str,
    vkey: str,
    *,
    full: bool,
    positions: Sequence[int],
    state: Path | None,
    witnesses: Sequence[Witness] = (),
    quorum: int = 0,
    register: str | None = None,
) -> list[str]:
    """Verifies the log at ``source``; the lines of the report, or ``LogMismatch``."""
    verifier = Verifier.from_vkey(vkey)
    note = fetch(source, "checkpoint").decode()
    checkpoint = Checkpoint.from_text(verifier.open(note))
    report = [f"checkpoint {checkpoint.origin} size {checkpoint.size} root "
              f"{checkpoint.text.split(chr(10))[2]} signed by {verifier.name}"]  # fmt: skip
    if witnesses or quorum:
        cosigners = check_quorum(note, witnesses, quorum)
        report.append(f"cosigned by {len(cosigners)} of {len(witnesses)} witnesses "
                      f"({', '.join(cosigners)}), quorum {quorum}")  # fmt: skip
    hashes = leaf_hashes(source, checkpoint.size)
    if state is not None:
        check_history(state, checkpoint, hashes)
    check_all_leaves(checkpoint, hashes)
    if tree.root(hashes) != checkpoint.root:
        raise LogMismatch("the tiles do not make the checkpoint's root")
    report.append(f"the {checkpoint.size} leaves of the tiles make the checkpoint's root")
    if full:
        report += check_register(source, register, hashes, checkpoint.size)
    for position in positions:
        if not 0 < position <= checkpoint.size:
            raise LogMismatch("the position is not in the log", position)
        proof = tree.inclusion_proof(position - 1, hashes)
        tree.check_inclusion(
            position - 1, checkpoint.size, hashes[position - 1], proof, checkpoint.root
        )
        report.append(f"position {position} is included")
    if state is not None:
        state.mkdir(parents=True, exist_ok=True)
        (state / "leaves").write_bytes(b"".join(hashes))
        (state / "checkpoint").write_text(checkpoint.text, encoding="utf-8")
        report.append(f"consistent with the checkpoint kept in {state}")
    return report


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line of ``ocop verify``."""
    parser = argparse.ArgumentParser(prog="ocop verify", description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", help="the log's URL prefix (…/log) or a directory")
    parser.add_argument("--vkey", required=True, help="the log's verifier key")
    parser.add_argument("--full", action="store_true", help="check every entry and status")
    parser.add_argument("--position", type=int, action="append", default=[])
    parser.add_argument("--state", type=Path, help="where to keep the last verified checkpoint")
    parser.add_argument("--witness", action="append", default=[], help="a trusted witness vkey")
    parser.add_argument("--quorum", type=int, help="cosignatures needed (default: every witness)")
    parser.add_argument("--register", help="the public register's JSON (URL or file)")
    parser.add_argument("--proof", type=Path, help="check this .tlog-proof offline instead")
    parser.add_argument("--entry", type=Path, help="the entry the proof must prove")
    parser.add_argument("--event", type=Path, help="the event's full payload JSON")
    args = parser.parse_args(argv)
    if (args.source is None) == (args.proof is None):
        parser.error("give the log's SOURCE, or a --proof FILE")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the audit; exits 1 naming the position on a mismatch, 2 when something does not
    verify (a signature, the witness quorum, a malformed file)."""
    args = arguments(argv)
    try:
        witnesses = [Witness.from_vkey(vkey) for vkey in args.witness]
        quorum = len(witnesses) if args.quorum is None else args.quorum
        if args.proof is not None:
            report = check_proof(
                args.proof.read_text(encoding="utf-8"), Verifier.from_vkey(args.vkey),
                witnesses=witnesses, quorum=quorum,
                entry=args.entry.read_bytes().strip() if args.entry else None,
                event=json.loads(args.event.read_bytes()) if args.event else None,
            )  # fmt: skip
        else:
            report = audit(
                args.source, args.vkey, full=args.full, positions=args.position,
                state=args.state, witnesses=witnesses, quorum=quorum, register=args.register,
            )  # fmt: skip
    except LogMismatch as error:
        print(f"MISMATCH {error}", file=sys.stderr)
        return 1
    except (ValueError, OSError, LookupError) as error:
        print(f"not verified: {error}", file=sys.stderr)
        return 2
    print("\n".join(report))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
