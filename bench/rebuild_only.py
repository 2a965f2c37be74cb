"""``python -m bench.rebuild_only --products N``: the rebuild figure alone, at one size.

A database of its own (dropped at the end) is loaded with N products' stories as ``make
bench`` loads them, then the plain loop and the projector's rebuild each run alone in a
fresh process (``bench.rebuild``); prints the figure as JSON, with each side's events/s,
ratio and peak RSS. For working on the rebuild without the whole suite.
"""

from __future__ import annotations

import argparse
import json

from bench import rebuild, stories
from bench.database import DEFAULT_ADMIN_URL, fresh_database, vacuum_analyze
from bench.loading import load_products


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.rebuild_only", description=__doc__)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--load-workers", type=int, default=2)
    parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL)
    args = parser.parse_args()
    with fresh_database(args.admin_url) as url:
        loaded = load_products(url, 0, args.products, workers=args.load_workers)
        vacuum_analyze(url)
        timeout = 300 + args.products * stories.EVENTS_PER_PRODUCT / 50  # at least 50 events/s
        figure = rebuild.measure(url, timeout=timeout)
    print(json.dumps({"products": args.products, "loaded": loaded.as_dict(), **figure}))


if __name__ == "__main__":
    main()
