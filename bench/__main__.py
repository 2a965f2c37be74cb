"""``python -m bench``: runs the suite, prints the markdown table, writes the JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench import report
from bench.suite import Options, run

QUICK = {
    "products_small": 60, "products_large": 180, "lookup_seconds": 1, "read_seconds": 1,
    "open_loop_seconds": 1,
    "command_seconds": 1, "command_products": 10, "connections": 8, "sample": 60,
    "load_workers": 1, "warm_up_seconds": 0,
}  # fmt: skip


def arguments() -> argparse.Namespace:
    defaults = Options()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny sizes and 1-second loads: checks the harness, not the speed",
    )
    parser.add_argument("--products-small", type=int, default=defaults.products_small)
    parser.add_argument("--products-large", type=int, default=defaults.products_large)
    parser.add_argument("--lookup-seconds", type=int, default=defaults.lookup_seconds)
    parser.add_argument("--open-loop-seconds", type=int, default=defaults.open_loop_seconds)
    parser.add_argument("--read-seconds", type=int, default=defaults.read_seconds)
    parser.add_argument("--command-seconds", type=int, default=defaults.command_seconds)
    parser.add_argument("--connections", type=int, default=defaults.connections)
    parser.add_argument(
        "--python-load",
        action="store_true",
        help="use the Python load generator even if wrk is installed",
    )
    parser.add_argument(
        "--admin-url",
        default=defaults.admin_url,
        help="a PostgreSQL database to create and drop the run's database from",
    )
    parser.add_argument("--results-dir", type=Path, default=report.RESULTS)
    return parser.parse_args()  # fmt: skip


def main() -> None:
    args = arguments()
    chosen = {name: getattr(args, name) for name in (
        "products_small", "products_large", "lookup_seconds", "open_loop_seconds", "read_seconds",
        "command_seconds", "connections", "python_load", "admin_url")}  # fmt: skip
    options = Options(**{**chosen, **(QUICK if args.quick else {})})
    if options.products_large <= options.products_small:
        raise SystemExit("--products-large must exceed --products-small")
    results = run(options)
    path = report.write(results, args.results_dir)
    print()
    print(report.table(results))
    print(f"\nresults: {path} (and latest.json); run took {results['run']['seconds']} s")


if __name__ == "__main__":
    main()
