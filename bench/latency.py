"""Latency at a fixed rate (open loop): the constant route and each public lookup, sent at
half the constant route's capacity measured by the closed loop in the same run.

Traffic comes in two shapes: the uniform rotation over the sampled products (as the closed
loop), and skewed, as labels are scanned in shops: 80% of the requests go to 1% of the
products (a few scanned again and again), the rest spread over the others. Baseline: the
constant route at the same rate; ratio: a lookup's p99 ÷ the constant route's. Target: p99 of
every lookup ≤ 15 ms at that rate, with nothing refused or left unanswered.
"""

from __future__ import annotations

import random
from typing import Any

from bench import lookup
from bench.loadgen import Result
from bench.openloop import play_at_rate

TARGET_P99_MS = 15.0
HOT_SHARE, HOT_PRODUCTS = 0.8, 0.01  # 80% of the requests to 1% of the products


def skewed(paths: list[str], count: int, seed: int) -> list[str]:
    """``count`` requests over ``paths``: ``HOT_SHARE`` of them to the first
    ``HOT_PRODUCTS`` of the (randomly sampled) paths, the rest uniformly to the others."""
    draw = random.Random(seed)
    hot = max(1, round(len(paths) * HOT_PRODUCTS))
    cold = paths[hot:] or paths
    return [
        draw.choice(paths[:hot]) if draw.random() < HOT_SHARE else draw.choice(cold)
        for _ in range(count)
    ]


def measure(
    base_url: str, codes: list[str], constant: Result, seconds: int, connections: int,
    seed: int = 2020,
) -> dict[str, dict[str, Any]]:  # fmt: skip
    """The constant route, each lookup uniform and skewed, each for ``seconds`` at half the
    capacity the closed loop measured on the ``constant`` route."""
    rate = max(1.0, round(constant.requests_per_second / 2, 1))
    count = max(1, int(rate * seconds))
    plans: dict[str, list[str]] = {"constant": ["/bench/constant"]}
    uniform = lookup.paths(codes)
    for kind in lookup.KINDS:  # the closed loop's own skewed kind is not skewed again
        plans[kind] = uniform[kind]
        plans[f"{kind}_skewed"] = skewed(uniform[kind], count, seed)
    return {
        name: play_at_rate(base_url, paths, rate, seconds, connections).as_dict()
        for name, paths in plans.items()
    }


def figure(large: dict[str, Any], small: dict[str, Any]) -> dict[str, Any]:
    """The open-loop figure at the large size, the small size's beside it."""
    return {**at_size(large["open_loop"], large["products"]),
            "at_small_size": at_size(small["open_loop"], small["products"])}  # fmt: skip


def at_size(results: dict[str, dict[str, Any]], products: int) -> dict[str, Any]:
    """Each lookup's p50/p99/p99.9 at one size, beside the constant route's."""
    constant = results["constant"]
    measured = {kind: run for kind, run in results.items() if kind != "constant"}
    ratio = {kind: round(run["p99_ms"] / max(constant["p99_ms"], 0.01), 2)
             for kind, run in measured.items()}  # fmt: skip
    return {
        "figure": "public lookup latency at a fixed rate (open loop)",
        "products": products,
        "rate_per_second": constant["rate"],
        "baseline": {"constant_json": constant},
        "measured": measured,
        "ratio": ratio,
        "target": {"p99_ms": f"<= {TARGET_P99_MS} at half the constant route's capacity"},
        "met": {
            kind: run["p99_ms"] <= TARGET_P99_MS and not run["errors"] and not run["unanswered"]
            for kind, run in measured.items()
        },
    }
