"""What the projector remembers of its last failure: the text (for the logs and operators),
its kind (a stable code anyone may see) and the position of the event that failed.

After a batch fails, the projector goes one event at a time until it is past that batch, so
the events before a bad one are applied and the bad one is named exactly.
"""

from __future__ import annotations


class LastFailure:
    """The projector's last failure, cleared once an attempt succeeds."""

    def __init__(self) -> None:
        self.text: str | None = None  # e.g. "DataError: PostgreSQL text fields cannot ..."
        self.code: str | None = None  # the kind of failure, e.g. "DataError"
        self.position: int | None = None  # the first event of the batch that failed
        self._batch, self._careful_until = (0, 0), 0

    def batch_size(self, position: int, usual: int) -> int:
        """How many events to try after ``position``: one while past a failed batch."""
        return 1 if position < self._careful_until else usual

    def attempting(self, first: int, last: int) -> None:
        """A batch of the events from ``first`` to ``last`` is being applied."""
        self._batch = (first, last)

    def applied(self) -> None:
        """The batch attempted was applied."""
        self._batch = (0, 0)

    def failed(self, error: Exception) -> None:
        """The attempt failed with ``error``."""
        self.text = f"{type(error).__name__}: {error}".strip()
        self.code = type(error).__name__
        first, last = self._batch
        self.position = first or None
        self._careful_until = max(self._careful_until, last)
        self._batch = (0, 0)

    def cleared(self) -> None:
        """An attempt succeeded: there is no failure to tell of."""
        self.text = self.code = self.position = None
