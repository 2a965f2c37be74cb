"""The public log's projection switched off in a bench process, for the log-on vs log-off
figures: a process started with ``OCOP_BENCH_WITHOUT_LOG=1`` (the API of ``bench.server``,
a rebuild of ``bench.rebuild``) keeps every read model but the log's leaves and nodes.
Bench only; the register itself has no such switch.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

WITHOUT_LOG = "OCOP_BENCH_WITHOUT_LOG"


class _NoLog:
    """Stands in for ``transparency.leaves`` in the projector's batch: grows nothing."""

    @staticmethod
    def made(db: Any, events: Any) -> None:
        return None

    @staticmethod
    def add(db: Any, growth: Any) -> None:
        return None


def apply() -> None:
    """Switches the log's projection off in this process when the environment says so."""
    if os.environ.get(WITHOUT_LOG) == "1":
        from projections import models

        models.leaves = _NoLog  # type: ignore[assignment,attr-defined]


@contextmanager
def log_off() -> Iterator[None]:
    """Processes started inside the block project no log."""
    os.environ[WITHOUT_LOG] = "1"
    try:
        yield
    finally:
        del os.environ[WITHOUT_LOG]
