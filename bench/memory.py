"""Memory: peak RSS (VmHWM) of the API under the lookup load, and of a rebuild, by log size.

The API is measured right after its lookup and read loads (before any command); each
rebuild runs alone in a fresh process. The baseline is the same measurement at the small
size: the API must stay under its budget, a rebuild's memory flat in the log's size.
"""

from __future__ import annotations

from typing import Any

API_BUDGET_MB = 250.0
FLAT = 1.2  # "flat": at most 20% more at ten times the log


def figure(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    """Large against small; each holds ``products`` and the three peaks named below."""
    names = ("api_peak_rss_mb", "rebuild_peak_rss_mb", "plain_loop_peak_rss_mb")
    ratio = {name: round(large[name] / small[name], 2) for name in names}
    return {
        "figure": "memory: peak RSS",
        "baseline": {"products": small["products"], **{n: small[n] for n in names}},
        "measured": {"products": large["products"], **{n: large[n] for n in names}},
        "ratio": ratio,
        "target": {"api_peak_rss_mb": f"<= {API_BUDGET_MB} MB",
                   "rebuild_peak_rss_mb": f"large/small <= {FLAT}"},
        "met": {"api_peak_rss_mb": max(small["api_peak_rss_mb"], large["api_peak_rss_mb"])
                <= API_BUDGET_MB,
                "rebuild_peak_rss_mb": ratio["rebuild_peak_rss_mb"] <= FLAT},
    }  # fmt: skip
