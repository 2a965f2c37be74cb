"""The public log's upkeep, wired from the settings: the checkpoints the projector signs and
stores after its batches, the witnesses they are pushed to, and the self-check at start.

``LogKeeping.after`` wraps the projector's ``on_advance``: after each batch (and when the
projector finds nothing new, every poll) it lets the ``Checkpointer`` store a checkpoint, on
a connection and in a transaction of its own, never the batch's; a failure there is logged
and never stops the projection. The witnesses' pusher starts with the first stored
checkpoint, so only a process that signs pushes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocop.settings import Settings
from projections.log_check import LogCheck, check_log
from projections.models import prepare_tables
from registry.service import Registry
from storage.connections import Connections
from storage.sql import Database
from transparency import checkpoints
from transparency.checkpoints import Checkpointer, ForkRefused, Stored
from transparency.note import SigningKey
from transparency.published import read_signing_key, write_signing_key
from transparency.witnessing import Pusher, WitnessAddress


@dataclass
class LogKeeping:
    """The checkpointer and the witnesses' pusher of one process (none without a key)."""

    connections: Connections
    logger: Any
    checkpointer: Checkpointer | None = None
    pusher: Pusher | None = None
    _pushing: bool = field(default=False, init=False)

    def after(self, on_advance: Callable[[int], object]) -> Callable[[int], None]:
        """``on_advance``, preceded by a checkpoint if one is due."""

        def advanced(position: int) -> None:
            self.checkpoint()  # first, so a reader told of a position finds it signed
            on_advance(position)

        return advanced

    def checkpoint(self) -> Stored | None:
        """Stores a checkpoint if one is due; logs, never raises."""
        if self.checkpointer is None:
            return None
        try:
            return self.connections.ask(self.checkpointer.after_batch)
        except ForkRefused as error:
            self.logger.error("log.fork_refused", error=str(error), code=error.code)
        except Exception as error:
            self.logger.warning("log.checkpoint_failed", error=str(error))
        return None

    def stored(self, stored: Stored) -> None:
        """Hands a new checkpoint to the witnesses (starting the pusher the first time)."""
        self.logger.info("log.checkpoint_stored", size=stored.checkpoint.size)
        if self.pusher is not None:
            if not self._pushing:
                self._pushing = True
                self.pusher.start()
            self.pusher.offer(stored)

    def stop(self) -> None:
        """Stops the pusher, if it runs."""
        if self.pusher is not None and self._pushing:
            self.pusher.stop()


def log_keeping(settings: Settings, connections: Connections, logger: Any) -> LogKeeping:
    """The log's upkeep as the settings ask (nothing without a signing key)."""
    keeping = LogKeeping(connections, logger.bind(part="log"))
    if settings.log_signing_key_file is None:
        return keeping
    key = read_signing_key(settings.log_signing_key_file)
    connections.ask(checkpoints.create)
    keeping.checkpointer = Checkpointer(key, settings.log_checkpoint_seconds, keeping.stored)
    if settings.log_witnesses:
        witnesses = [WitnessAddress.parse(text) for text in settings.log_witnesses]
        keeping.pusher = Pusher(witnesses, connections, key.name, keeping.logger)
    return keeping


def self_check(settings: Settings, registry: Registry, connections: Connections) -> LogCheck:
    """The start-up check of the events table against the log's leaves."""
    decode = registry.mapper.to_domain_event
    limit = settings.log_self_check_events

    def checked(db: Database) -> LogCheck:
        prepare_tables(db)  # a new store has no leaves yet
        return check_log(db, decode, limit)

    return connections.ask(checked)


def refused_start(check: LogCheck, logger: Any, command: str) -> bool:
    """Logs the self-check's finding; True if the register must not start (a position
    differs): serving read models the events no longer back, and signing over a rewritten
    history, would make the register a party to the tampering."""
    if not check.tampered:
        logger.info("log.self_check_passed", checked=check.checked, first=check.first)
        return False
    logger.critical(
        "log.tampered", position=check.tampered_at, reason=check.reason, checked=check.checked
    )
    at = "" if check.tampered_at is None else f" at position {check.tampered_at}"
    print(f"{command}: the log was changed{at}: {check.reason}; refusing to start", file=sys.stderr)
    return True


def demo_signing_key(settings: Settings) -> Path:
    """The demo's log key, beside its SQLite file (``var/``), made on its first run."""
    folder = Path(settings.store.path).parent if settings.store.kind == "sqlite" else Path("var")
    path = folder / "demo-log.key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_signing_key(path, SigningKey.generate("ocop.demo.localhost/log"))
    return path
