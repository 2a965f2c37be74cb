"""The service's one settings object, read from ``OCOP_*`` environment variables."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the composition root needs to build the register; validated at start-up."""

    model_config = SettingsConfigDict(env_prefix="OCOP_", extra="ignore")

    database_url: str = "sqlite:///var/ocop.db"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    run_projector: bool = True  # false when ``ocop project`` projects in a process of its own
    ready_max_lag: Annotated[int, Field(ge=0)] = 1000  # /readyz: 503 beyond this many events
    ready_max_lag_seconds: Annotated[float, Field(gt=0)] = 30.0  # ... or this long unadvanced
