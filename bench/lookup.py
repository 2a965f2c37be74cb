"""Public status lookups over HTTP, by certificate number and by product code.

64 connections from the load generator on loopback rotate over a random sample of the
register's products; a skewed variant asks by code for a few products again and again (a
Zipf draw over the sample, as when a few labels are scanned far more than the rest).
Baseline: the bench-only constant-JSON route of the same process.
"""

from __future__ import annotations

import random
from typing import Any

from bench import stories
from bench.loadgen import Pace, Plan, Result, Rotation, measure_each
from bench.pyload import ask_each

TARGET_RATIO, TARGET_P99_MS = 0.8, 15.0
KINDS = ("by_certificate", "by_code")  # the targets' lookups
SKEWED = "by_code_skewed"  # measured and reported beside them, without a target of its own
FIRST_SIGHTS = "first_sights"  # the warm-up: each lookup's first answer (reported, no target)
SKEW, SKEWED_DRAWS = 1.1, 10_000  # Zipf's exponent over the sample, and the draws rotated


def skewed(codes: list[str], seed: int = 2020) -> list[str]:
    """``SKEWED_DRAWS`` codes drawn from ``codes`` with Zipf weights (the first most often)."""
    weights = [1 / rank**SKEW for rank in range(1, len(codes) + 1)]
    return random.Random(seed).choices(codes, weights, k=SKEWED_DRAWS)


def paths(codes: list[str]) -> dict[str, list[str]]:
    """The lookup paths of the sampled products, one list per kind of lookup."""
    number = stories.CURRENT_CERTIFICATE
    return {
        "by_certificate": [f"/v1/public/certificates/{code}-C{number}" for code in codes],
        "by_code": [f"/v1/public/products/{code}" for code in codes],
        SKEWED: [f"/v1/public/products/{code}" for code in skewed(codes)],
    }


def measure(base_url: str, codes: list[str], *, connections: int, pace: Pace) -> dict[str, Result]:
    """The constant route, then each kind of lookup, after a warm-up: every lookup's path asked
    once (each answer seen before, as in a register's steady traffic, at either size; a
    first sight is the pages' figure), then a short run if the pace has one."""
    kinds = paths(codes)
    first = ask_each(base_url, [*kinds[KINDS[0]], *kinds[KINDS[1]]], connections)
    plans: dict[str, Plan] = {"constant": Rotation(["/bench/constant"])}
    plans.update((kind, Rotation(rotation)) for kind, rotation in kinds.items())
    return {
        FIRST_SIGHTS: first,
        **measure_each(base_url, plans, Rotation(kinds["by_code"]), connections, pace),
    }


def figure(results: dict[str, Result], products: int) -> dict[str, Any]:
    """The lookup figure: each lookup's rate as a ratio to the constant route's."""
    constant = results["constant"]
    measured = {kind: results[kind] for kind in (*KINDS, SKEWED) if kind in results}
    ratio = {kind: round(r.requests_per_second / constant.requests_per_second, 2)
             for kind, r in measured.items()}  # fmt: skip
    if FIRST_SIGHTS in results:  # asked by the Python generator: its rate is not wrk's
        measured[FIRST_SIGHTS] = results[FIRST_SIGHTS]
    return {
        "figure": "public status lookup over HTTP",
        "products": products,
        "baseline": {"constant_json": constant.as_dict()},
        "measured": {kind: r.as_dict() for kind, r in measured.items()},
        "ratio": ratio,
        "target": {"ratio": f">= {TARGET_RATIO}", "p99_ms": f"<= {TARGET_P99_MS}"},
        "met": {
            **{f"{kind}_ratio": ratio[kind] >= TARGET_RATIO and not measured[kind].errors
               for kind in KINDS},
            **{f"{kind}_p99": measured[kind].p99_ms <= TARGET_P99_MS for kind in KINDS},
        },
    }  # fmt: skip
