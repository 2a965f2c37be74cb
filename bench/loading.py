"""Loading products through ``Registry.carry_out_batch``, a batch of whole stories at a time."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

from bench import stories
from registry.service import Order, Recorded, Registry
from storage.environment import store_environment
from storage.url import StoreUrl

BATCH_PRODUCTS = 100  # 1,000 events a transaction


class LoadRefused(RuntimeError):
    """The register refused a generated order: the stories and the rules disagree."""


@dataclass(frozen=True)
class Loaded:
    """How many products and events a load recorded, and how long it took."""

    products: int
    events: int
    seconds: float

    def as_dict(self) -> dict[str, float]:
        rate = self.events / self.seconds if self.seconds else 0.0
        return {"products": self.products, "events": self.events, "seconds": round(self.seconds, 1),
                "events_per_second": round(rate)}  # fmt: skip


def load_products(url: str, first: int, count: int, *, workers: int = 2) -> Loaded:
    """Records the stories of products ``first`` .. ``first + count - 1``.

    ``workers`` processes share the products (the register's CPU work is in Python, one
    core each); their batches are separate transactions on separate products.
    """
    Registry(store_environment(StoreUrl.parse(url))).close()  # creates the tables, once
    started = time.perf_counter()
    share = -(-count // workers)
    ranges = [(first + w * share, min(share, count - w * share)) for w in range(workers)]
    if workers == 1:
        events = _load(url, first, count, True)
    else:
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(_load, url, start, n, w == 0)
                       for w, (start, n) in enumerate(ranges)]  # fmt: skip
            events = sum(future.result() for future in futures)
    return Loaded(count, events, time.perf_counter() - started)


def _load(url: str, first: int, count: int, progress: bool) -> int:
    # The tables exist already: loaders creating them again at once collide on PostgreSQL's
    # catalogue ("tuple concurrently updated").
    registry = Registry({**store_environment(StoreUrl.parse(url)), "CREATE_TABLE": "n"})
    started = time.perf_counter()
    events = 0
    try:
        for done, batch in enumerate(_batches(first, count), start=1):
            for outcome in registry.carry_out_batch(batch):
                if not isinstance(outcome, Recorded):
                    raise LoadRefused(f"{outcome.code}: {outcome.message}")
            events += len(batch)
            if progress and done % 50 == 0:
                elapsed = time.perf_counter() - started
                rate = events / elapsed
                print(f"  one loader: {events:,} events ({rate:,.0f}/s)", flush=True)
    finally:
        registry.close()
    return events


def _batches(first: int, count: int) -> Iterator[list[Order]]:
    for start in range(first, first + count, BATCH_PRODUCTS):
        yield list(stories.orders(start, min(BATCH_PRODUCTS, first + count - start)))
