"""The composition root of the register: the registry on the store the settings name. The
HTTP side's services are wired in ``ocop/services.py``, imported only where they are served."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ocop.settings import Settings
from registry.answer_store import answering_environment
from registry.service import Registry, vietnam_today


def build_registry(settings: Settings, clock: Callable[[], date] = vietnam_today) -> Registry:
    """The register on the store the settings name."""
    return Registry(answering_environment(settings.store), clock=clock)
