"""``ocop scenario quang-ninh-2020``: writes Quảng Ninh's first half of 2020 to the store."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import asdict

from ocop.bootstrap import build_registry
from ocop.settings import Settings
from seed.quang_ninh import REPORTED, build_quang_ninh_2020
from seed.writing import SeedRefused

REPORTED_PRODUCTS = REPORTED["joined_total"]


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop scenario quang-ninh-2020 [--seed N] [--products N] [--batch-size N]``."""
    scenario = commands.add_parser("scenario", help="write a scenario register to the store")
    scenarios = scenario.add_subparsers(dest="scenario", required=True)
    quang_ninh = scenarios.add_parser(
        "quang-ninh-2020", help="Quảng Ninh's OCOP register as reported for H1 2020"
    )
    quang_ninh.add_argument("--seed", type=int, default=2020, help="random seed (default 2020)")
    quang_ninh.add_argument(
        "--products",
        type=int,
        default=REPORTED_PRODUCTS,
        help=f"products to write, scaling every figure (default {REPORTED_PRODUCTS}, as reported)",
    )
    quang_ninh.add_argument(
        "--batch-size", type=int, default=500, help="orders per transaction (default 500)"
    )
    quang_ninh.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Writes the scenario to the configured store and prints its figures and speed."""
    registry = build_registry(Settings())
    started = time.perf_counter()
    try:
        report = build_quang_ninh_2020(
            registry,
            seed=args.seed,
            scale=args.products / REPORTED_PRODUCTS,
            batch_size=args.batch_size,
            progress=sys.stderr.isatty(),
        )
    except (SeedRefused, ValueError) as error:
        print(f"ocop: {error}", file=sys.stderr)
        return 1
    finally:
        registry.close()
    seconds = time.perf_counter() - started
    for name, value in asdict(report).items():
        print(f"{name:<30} {value}")
    print(f"{'seconds':<30} {seconds:.2f}")
    print(f"{'events per second':<30} {report.events / seconds:.0f}")
    return 0
