"""Waiting on a condition with a deadline (never a fixed sleep), and a logger that remembers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import monotonic
from typing import Any


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Whether ``condition`` became true before ``timeout`` seconds passed."""
    deadline, pause = monotonic() + timeout, threading.Event()
    while not condition():
        if monotonic() > deadline:
            return False
        pause.wait(0.01)
    return True


class RecordingLogger:
    """A stand-in for the projector's structlog logger that keeps what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []
        self.fields: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def _log(self, level: str, event: str, **fields: Any) -> None:
        with self._lock:
            self.events.append((event, level))
            self.fields.append(fields)

    def debug(self, event: str, **fields: Any) -> None:
        self._log("debug", event, **fields)

    def info(self, event: str, **fields: Any) -> None:
        self._log("info", event, **fields)

    def warning(self, event: str, **fields: Any) -> None:
        self._log("warning", event, **fields)

    def error(self, event: str, **fields: Any) -> None:
        self._log("error", event, **fields)

    def failures(self) -> list[dict[str, Any]]:
        with self._lock:
            told = zip(self.events, self.fields, strict=True)
            return [fields for (event, _), fields in told if event == "projector.failed"]
