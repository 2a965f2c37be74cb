"""The composition root of the served register: the registry, its read side, the projector,
the API's own stores and the logger, from one ``Settings``. Tests build their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from api.idempotency import IdempotencyStore
from api.keys import KeyStore
from api.served import Served
from ocop import metrics
from ocop.bootstrap import build_registry
from ocop.log_keeping import LogKeeping, log_keeping
from ocop.logs import configure_logging
from ocop.metrics import Exposition
from ocop.projector_watch import ProjectorWatch
from ocop.settings import Settings
from projections import Projector, ReadSide
from projections.hurrying import HurryElsewhere
from projections.lease import lease_of
from projections.lookups import Lookups
from registry.intake import AfterSave, Intake
from registry.service import Registry, vietnam_today
from storage.connections import Connections, open_connections


@dataclass
class ServedRegister:
    """What the composition root built for one served register, kept so that it can be
    handed out part by part (the API's dependencies) and closed as a whole."""

    settings: Settings
    clock: Callable[[], date]
    registry: Registry
    read_side: ReadSide
    lookups: Lookups  # the public lookups, asked from the event loop
    projector: Projector
    database: Connections  # one pool per process: the read side, keys and answers share it
    keys: KeyStore
    intake: Intake
    idempotency: IdempotencyStore
    logger: Any
    log: LogKeeping  # the log's checkpoints and witnesses

    def tally(self, served: Served) -> None:
        """Counts one answered request (``api/request_log.py`` tells it)."""
        metrics.answered(served.method, served.route, served.status, served.seconds, served.code)

    def scrape(self) -> Exposition:
        """The metrics a scrape of this process answers (every worker's counts, with
        several), with the read side's progress read now."""
        return metrics.exposition(self.read_side.progress)

    def close(self) -> None:
        """Stops the projector and the intake's thread and closes every connection."""
        self.projector.stop()
        self.intake.close()
        self.log.stop()
        self.read_side.close()
        self.database.close()
        self.registry.close()


def build_services(settings: Settings, clock: Callable[[], date] = vietnam_today) -> ServedRegister:
    """Wires the whole served register from its settings; ``clock`` tells today's date to
    the registry and to the reads alike."""
    logger = configure_logging(settings.log_level)
    registry = build_registry(settings, clock)
    database = open_connections(settings.store)
    read_side = ReadSide.open(database, settings.waits_at_once)
    log = log_keeping(settings, database, logger)
    projector = Projector(
        registry,
        database,
        logger=logger.bind(part="projector"),
        on_advance=log.after(read_side.projected_to),
        lease=lease_of(database),
        standby_interval=settings.projector_standby_seconds,
        on_standby=read_side.projected_elsewhere,
        watch=ProjectorWatch(logger.bind(part="projector")),
        gather=settings.projector_gather_seconds,
    )
    elsewhere = HurryElsewhere(database)  # the projector in another process, if it runs there
    read_side.when_awaited(lambda: projector.pacing.hurry() if projector.active else elsewhere())
    return ServedRegister(
        settings=settings,
        clock=clock,
        registry=registry,
        read_side=read_side,
        lookups=Lookups(read_side),
        projector=projector,
        database=database,
        keys=KeyStore(database),
        # A lambda, so the projector's wake is looked up when a write is saved.
        intake=Intake(
            registry, after_save=AfterSave(lambda: projector.wake(), logger, metrics.accepted)
        ),
        idempotency=IdempotencyStore(
            database,
            keep_for=timedelta(hours=settings.idempotency_hours),
            claim_for=timedelta(seconds=settings.idempotency_claim_seconds),
        ),
        logger=logger,
        log=log,
    )
