"""The public pages under load, each beside its baseline from the same run: the product page
(what a label's QR code opens) against the JSON lookup of the same products, and a browser's
revalidation (304 to a matching ``If-None-Match``) against the bench-only constant route."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from bench.cpu import Meter
from bench.database import database_name
from bench.loadgen import Pace, Plan, Result, Rotation, measure_each
from bench.server import Server

TARGET_PAGE_RATIO, TARGET_REVALIDATION_RATIO = 0.7, 0.9


def measure_fresh(
    url: str, log: Path, codes: list[str], *, connections: int, pace: Pace
) -> tuple[dict[str, Result], float]:
    """``measure`` on an API of its own over the database at ``url`` (so remembering
    nothing yet), with its peak memory."""
    with Server(url, log) as fresh:
        meter = Meter(fresh.process.pid, database_name(url))
        paced = pace._replace(meter=meter)
        return measure(
            fresh.base_url, codes, connections=connections, pace=paced
        ), fresh.peak_rss_mb()


def measure(base_url: str, codes: list[str], *, connections: int, pace: Pace) -> dict[str, Result]:
    """The JSON lookup and the product page over the same products, then the constant route
    and the revalidation of those pages, after a short warm-up of the pages.

    The API at ``base_url`` is to remember nothing yet (a server of their own: ``codes``,
    though a sample of their own, are all the products when the sample is as large), so
    that the JSON run starts where a lookup starts, and the pages' run finds only what the
    JSON run before it left: what is measured is the page's own cost beyond the lookup.
    """
    pages = [f"/p/{code}" for code in codes]
    # Every page reflecting one log position in one language has the same validator.
    held = httpx.get(base_url + pages[0], timeout=30).headers["etag"]
    plans: dict[str, Plan] = {
        "json_lookup": Rotation([f"/v1/public/products/{code}" for code in codes]),
        "product_page": Rotation(pages),
        "constant": Rotation(["/bench/constant"]),
        "revalidation": Rotation(pages, {"If-None-Match": held}),
    }
    return measure_each(base_url, plans, Rotation(pages), connections, pace)


def figure(large: dict[str, Any], small: dict[str, Any]) -> dict[str, Any]:
    """The page figures at the large size, with those at the small size beside them."""
    return {
        **size_figure(large["pages"], large["products"]),
        "at_small_size": size_figure(small["pages"], small["products"]),
    }


def size_figure(results: dict[str, Result], products: int) -> dict[str, Any]:
    """The two page figures: the product page against the JSON lookup, and revalidation
    against the constant route, each as a ratio of requests per second."""
    page, json_lookup = results["product_page"], results["json_lookup"]
    revalidation, constant = results["revalidation"], results["constant"]
    ratio = {
        "product_page_vs_json": round(
            page.requests_per_second / json_lookup.requests_per_second, 2
        ),
        "revalidation_vs_constant": round(
            revalidation.requests_per_second / constant.requests_per_second, 2
        ),
    }
    return {
        "figure": "public pages over HTTP",
        "products": products,
        "baseline": {"json_lookup": json_lookup.as_dict(), "constant_json": constant.as_dict()},
        "measured": {"product_page": page.as_dict(), "revalidation_304": revalidation.as_dict()},
        "ratio": ratio,
        "target": {
            "product_page_vs_json": f">= {TARGET_PAGE_RATIO}",
            "revalidation_vs_constant": f">= {TARGET_REVALIDATION_RATIO}",
        },
        "met": {
            "product_page_vs_json": ratio["product_page_vs_json"] >= TARGET_PAGE_RATIO
            and not page.errors,
            "revalidation_vs_constant": ratio["revalidation_vs_constant"]
            >= TARGET_REVALIDATION_RATIO
            and not revalidation.errors,
        },
    }
