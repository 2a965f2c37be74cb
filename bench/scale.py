"""Scale: status lookup p99, a product's history and its as-of state, at 10k and 100k products.

History and as-of are the auditor's reads, replayed from the product's events: they are timed
over HTTP with one connection, so each figure is the latency of one query, not of a queue.
The same sampled products (all among the first, smaller load) are read at both sizes.
"""

from __future__ import annotations

import random
from typing import Any

from api.keys import KeyStore
from bench import stories
from bench.loadgen import Pace, Result, Rotation, run
from lifecycle.values import Role
from storage.connections import open_connections
from storage.url import StoreUrl

TARGET = 1.2


def measure_reads(
    base_url: str,
    codes: list[str],
    auditor_key: str,
    pace: Pace,
) -> dict[str, Result]:
    """History and as-of state of the sampled products, one request at a time.

    A warm-up pass reads every sampled product first, so both sizes are timed with the
    sample's events in the cache: the figure compares work, not disk reads.
    """
    auth = {"Authorization": f"Bearer {auditor_key}"}
    reads = {
        "history": [f"/v1/products/{code}/history" for code in codes],
        "as_of": [f"/v1/products/{code}/state?as_of={stories.AS_OF}" for code in codes],
    }
    if pace.warm_up:
        run(base_url, Rotation(reads["history"], auth), 4, pace.warm_up, use_wrk=pace.use_wrk)
    return {kind: run(base_url, Rotation(paths, auth), 1, pace.seconds, use_wrk=pace.use_wrk,
                      meter=pace.meter)
            for kind, paths in reads.items()}  # fmt: skip


def figure(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    """Each latency at the large size as a ratio to the same at the small size.

    ``small`` and ``large`` hold ``products`` and the results of ``by_code``,
    ``by_certificate``, ``history`` and ``as_of``.
    """

    def latencies(size: dict[str, Any]) -> dict[str, float]:
        return {
            "lookup_by_code_p99_ms": size["by_code"].p99_ms,
            "lookup_by_certificate_p99_ms": size["by_certificate"].p99_ms,
            "history_p50_ms": size["history"].p50_ms,
            "history_p99_ms": size["history"].p99_ms,
            "as_of_p50_ms": size["as_of"].p50_ms,
            "as_of_p99_ms": size["as_of"].p99_ms,
        }

    base, measured = latencies(small), latencies(large)
    ratio = {name: round(measured[name] / base[name], 2) if base[name] else 0.0 for name in base}
    headline = ("lookup_by_code_p99_ms", "lookup_by_certificate_p99_ms", "history_p50_ms",
                "as_of_p50_ms")  # fmt: skip
    return {
        "figure": "scale: latency at the large size vs the small size",
        "baseline": {"products": small["products"], **base},
        "measured": {"products": large["products"], **measured},
        "ratio": ratio,
        "target": {name: f"<= {TARGET}" for name in headline},
        "met": {name: ratio[name] <= TARGET for name in headline},
    }


def auditor_key(url: str) -> str:
    """A new auditor's key on the register at ``url`` (for the history and as-of reads)."""
    keys = KeyStore(open_connections(StoreUrl.parse(url)))
    key, _ = keys.create(Role.AUDITOR, principal_id=f"bench-auditor-{random.randrange(10**6)}")
    keys.database.close()
    return key
