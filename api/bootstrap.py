"""The composition root: builds the register from settings. Tests call it with their own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from api.settings import Settings
from lifecycle.service import Registry, vietnam_today
from lifecycle.store import store_environment


def build_registry(settings: Settings, clock: Callable[[], date] = vietnam_today) -> Registry:
    """The register on the store the settings name."""
    return Registry(store_environment(settings.database_url), clock=clock)
