"""The composition root of the served register: the registry, its read side, the projector,
the API's own stores and the logger, from one ``Settings``. Tests build their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from api.database import PostgresDatabase, SQLiteDatabase, open_database
from api.idempotency import IdempotencyStore
from api.keys import KeyStore
from ocop.bootstrap import build_registry
from ocop.logs import configure_logging
from ocop.settings import Settings
from projections import Projector, ReadSide
from registry.intake import AfterSave, Intake
from registry.service import Registry, vietnam_today


@dataclass
class Services:
    """Everything the API and the command line work with, built once."""

    settings: Settings
    registry: Registry
    read_side: ReadSide
    projector: Projector
    database: SQLiteDatabase | PostgresDatabase
    keys: KeyStore
    intake: Intake
    idempotency: IdempotencyStore
    logger: Any

    def today(self) -> date:
        """Today, by the register's clock."""
        return self.registry.today()

    def close(self) -> None:
        """Stops the projector and closes every connection."""
        self.projector.stop()
        self.read_side.close()
        self.database.close()
        self.registry.close()


def build_services(settings: Settings, clock: Callable[[], date] = vietnam_today) -> Services:
    """Wires the whole service from its settings."""
    logger = configure_logging(settings.log_level)
    registry = build_registry(settings, clock)
    database = open_database(settings.database_url)
    read_side = ReadSide.open(settings.database_url, settings.waits_at_once)
    projector = Projector(
        registry,
        settings.database_url,
        logger=logger.bind(part="projector"),
        on_advance=read_side.projected_to,
    )
    return Services(
        settings=settings,
        registry=registry,
        read_side=read_side,
        projector=projector,
        database=database,
        keys=KeyStore(database),
        # A lambda, so the projector's wake is looked up when a write is saved.
        intake=Intake(registry, after_save=AfterSave(lambda: projector.wake(), logger)),
        idempotency=IdempotencyStore(
            database,
            keep_for=timedelta(hours=settings.idempotency_hours),
            claim_for=timedelta(seconds=settings.idempotency_claim_seconds),
        ),
        logger=logger,
    )
