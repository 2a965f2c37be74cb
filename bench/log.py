"""``python -m bench.log``: the public log's figures (``bench.log_figures``), on PostgreSQL.

1. A fresh database holds a log of ``--leaves`` entries made directly (``bench.log_tree``),
   not through commands; proofs are timed against it, then it is exported (tiles, bundles
   and the public register) and verified, with and without ``--full``.
2. Another fresh database gets ``--products`` products' stories through the registry; the
   rebuild is timed with and without the log, then commands with the log on and off.

Prints one line per figure and writes ``log-<timestamp>.json`` and ``log-latest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bench import log_figures as figures
from bench.database import fresh_database, vacuum_analyze
from bench.loadgen import wrk_available
from bench.loading import load_products
from bench.log_tree import ENTRIES_PER_PRODUCT, register_rows, write_tree
from bench.report import RESULTS
from projections import ReadSide
from storage.connections import open_connections
from storage.url import StoreUrl
from transparency.note import SigningKey
from transparency.published import export

VIETNAM = timezone(timedelta(hours=7))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.log", description=__doc__)
    parser.add_argument("--leaves", type=int, default=1_000_000)
    parser.add_argument("--proofs", type=int, default=2000, help="proofs timed (p99)")
    parser.add_argument("--slow-proofs", type=int, default=3, help="baseline proofs")
    parser.add_argument("--products", type=int, default=1000, help="for rebuild and commands")
    parser.add_argument("--command-seconds", type=int, default=10)
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--results-dir", type=Path, default=RESULTS)
    parser.add_argument("--python-load", action="store_true")
    parser.add_argument("--log-only", action="store_true", help="only the proof and verify")
    return parser.parse_args()


def tree_figures(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    """The proof and verify figures over a log made directly."""
    products = -(-args.leaves // ENTRIES_PER_PRODUCT)
    key = SigningKey.generate("bench.ocop.example.vn/log")
    with fresh_database(args.admin_url) as url:
        read_side = ReadSide.open(open_connections(StoreUrl.parse(url)))
        try:
            started = time.perf_counter()
            size = write_tree(url, products).size
            made = round(time.perf_counter() - started, 1)
            vacuum_analyze(url)
            print(f"made a log of {size:,} entries in {made} s", flush=True)
            proof = figures.proof_figure(read_side, key, args.proofs, args.slow_proofs)
            print(f"proofs: {proof['measured']}", flush=True)
            started = time.perf_counter()
            read_side.ask(lambda db: export(db, key, scratch))
            exported = round(time.perf_counter() - started, 1)
        finally:
            read_side.close()
    as_of = datetime.now(VIETNAM).date().isoformat()
    with (scratch / "register.json").open("w", encoding="utf-8") as file:
        json.dump(list(register_rows(products, as_of)), file, ensure_ascii=False)
    verify = figures.verify_figure(scratch, key.verifier.vkey, size, exported)
    print(f"verify: {verify['measured']} vs {verify['baseline']}", flush=True)
    return {"proof": proof, "verify_full": verify, "made_seconds": made}


def store_figures(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    """The rebuild and command figures over a register written through the registry."""
    with fresh_database(args.admin_url) as url:
        load_products(url, 0, args.products, workers=1)
        vacuum_analyze(url)
        rebuilt = figures.rebuild_figure(url, timeout=1800)
        print(f"rebuild: {rebuilt['ratio']}", flush=True)
        use_wrk = wrk_available() and not args.python_load
        commands = figures.commands_figure(url, args.command_seconds, scratch / "api.log", use_wrk)
        print(f"commands: {commands['ratio']}", flush=True)
    return {"rebuild_with_log": rebuilt, "commands_log_on_off": commands}


def main() -> None:
    args = arguments()
    started, load_before = time.perf_counter(), os.getloadavg()
    with tempfile.TemporaryDirectory() as scratch:
        results = tree_figures(args, Path(scratch) / "site")
        if not args.log_only:
            results |= store_figures(args, Path(scratch))
    options = {**vars(args), "results_dir": str(args.results_dir)}
    run = {"seconds": round(time.perf_counter() - started, 1), "options": options,
           "cpus": os.cpu_count(), "load_average_before": load_before,
           "load_average_after": os.getloadavg()}  # fmt: skip
    stamp = datetime.now(VIETNAM).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps({"finished_at": stamp, "run": run, "figures": results}, indent=2) + "\n"
    args.results_dir.mkdir(parents=True, exist_ok=True)
    (args.results_dir / f"log-{stamp}.json").write_text(text)
    (args.results_dir / "log-latest.json").write_text(text)
    for name, figure in results.items():
        if isinstance(figure, dict):
            print(f"{name}: ratio {figure['ratio']}, met {figure['met']}")


if __name__ == "__main__":
    main()
