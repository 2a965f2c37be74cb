"""Several processes start on one PostgreSQL store at once (an API, the projectors, ``ocop
init`` run again): each makes the event store's tables if they are missing, and none of them
fails because another is making them at the same moment."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from registry.answer_store import answering_environment
from registry.service import Registry
from storage.url import StoreUrl

pytestmark = pytest.mark.postgres

AT_ONCE = 6


def test_registers_opened_at_once_on_one_store_all_open(postgres_url: str) -> None:
    # Small pools: the registers open at once need not crowd the server's connections.
    environment = answering_environment(StoreUrl.parse(f"{postgres_url}&pool_size=1"))

    def open_one(ready: threading.Barrier) -> None:
        ready.wait(timeout=30)
        Registry(environment).close()

    for _ in range(4):  # the first round makes the tables, the others find them made
        ready = threading.Barrier(AT_ONCE)
        with ThreadPoolExecutor(AT_ONCE) as pool:
            for opening in [pool.submit(open_one, ready) for _ in range(AT_ONCE)]:
                opening.result(timeout=60)
