"""The service's one settings object, read from ``OCOP_*`` environment variables."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the composition root needs to build the register; validated at start-up."""

    model_config = SettingsConfigDict(env_prefix="OCOP_", extra="ignore")

    database_url: str = "sqlite:///var/ocop.db"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    idempotency_hours: int = Field(default=24, ge=1)  # how long a write's answer is replayed
    idempotency_claim_seconds: int = Field(default=30, ge=1)  # until a crashed write is retried
