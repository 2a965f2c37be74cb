"""A projector's turn: whether it is the active one (it holds the lease) or stands by, and
what it says in its log when that changes: ``projector.active``, ``projector.standby`` (with
the active one's ``host:pid``) and ``projector.lease_lost``.

A projector given no lease (tests, ``ocop rebuild``, ``ocop migrate``) always has its turn;
two of those stay correct through the tracking position's row lock, but both are active.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from projections.lease import Lease, active_projector
from storage.sql import Database


class Turn:
    """Takes, checks and gives up a projector's lease, if it has one, and tells of it."""

    def __init__(
        self, lease: Lease | None, tell: Callable[..., None], on_standby: Callable[[], object],
        being_active: Callable[[bool], object] = lambda active: None,
    ) -> None:  # fmt: skip
        self.lease, self.tell, self.on_standby = lease, tell, on_standby
        self.being_active = being_active  # told True on taking the lease, False on leaving it
        self.role = ""  # what the log was last told: "active" or "standby"

    @property
    def held(self) -> bool:
        """Whether this projector may apply the log now (it holds the lease, or has none)."""
        return self.lease is None or self.lease.held

    def take(self) -> bool:
        """Takes the lease if it is free; True if this projector is the active one."""
        if self.lease is None:
            if self.role != "active":
                self.role = "active"
                self.being_active(True)
            return True
        if self.lease.held or self.lease.take():  # held already: taken at start (SQLite)
            if self.role != "active":
                self.role = "active"
                token = self.lease.token
                self.tell("info", "projector.active", holder=self.lease.holder, token=token)
                self.being_active(True)
            return True
        if self.role != "standby":
            self.role = "standby"
            self.tell("info", "projector.standby", holder=self.lease.holder, active=self._active())
            self.being_active(False)
            self.on_standby()
        return False

    def fence(self, db: Database) -> None:
        """First in each batch's transaction: ``LeaseLost`` unless the lease still stands."""
        if self.lease is not None:
            self.lease.fence(db)

    def confirm(self) -> bool:
        """Whether the lease still stands (a round trip on its session); else it is given up."""
        if self.lease is None or not self.lease.held or self.lease.confirm():
            return True
        self.lost("the lock session no longer answers")
        return False

    def lost(self, reason: str) -> None:
        """The lease was lost: this projector stops applying and stands by again."""
        if self.lease is not None:
            self.tell("warning", "projector.lease_lost", holder=self.lease.holder, reason=reason)
            self.lease.release()
        self.role = ""
        self.being_active(False)
        self.on_standby()

    def release(self) -> None:
        """Gives the lease up (the projector stops)."""
        if self.lease is not None:
            self.lease.release()
        self.role = ""
        self.being_active(False)

    def _active(self) -> str | None:
        """The active projector's ``host:pid``, as recorded (None if none or unknown)."""
        assert self.lease is not None
        with suppress(Exception):
            holder: Any = self.lease.connections.ask(active_projector)
            return holder.holder if holder is not None else None
        return None
