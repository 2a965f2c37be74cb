"""One request as it was answered, told to the metrics: its route template (never the raw
path, so the metrics' labels stay few), status, time taken and, for a problem answer, its
``code``, read from the problem document as it is sent."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from api.problems import PROBLEM_JSON

MOST_KEPT = 16_384  # problem documents are small; a larger body is not read for its code


@dataclass(frozen=True)
class Served:
    """A request's method, route template, status, seconds taken and problem code, if any."""

    method: str
    route: str
    status: int
    seconds: float
    code: str | None = None


class ProblemBody:
    """The body of a problem answer, kept as it is sent, for its ``code``."""

    def __init__(self) -> None:
        self.kept: bytearray | None = None

    def started(self, headers: list[tuple[bytes, bytes]]) -> None:
        """The answer's head: its body is kept if it is a problem document."""
        content_type = dict(headers).get(b"content-type", b"").decode("latin-1")
        if content_type.split(";")[0].strip() == PROBLEM_JSON:
            self.kept = bytearray()

    def sent(self, message: Mapping[str, Any]) -> None:
        """A part of the body, kept while it is a problem's and small."""
        if self.kept is not None and len(self.kept) <= MOST_KEPT:
            self.kept.extend(message.get("body", b""))

    @property
    def code(self) -> str | None:
        """The problem's ``code``, or None for any other answer (or one not understood)."""
        if self.kept is None:
            return None
        try:
            code = json.loads(bytes(self.kept)).get("code")
        except (ValueError, AttributeError):
            return None
        return code if isinstance(code, str) else None
