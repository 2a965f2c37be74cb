"""The service's one settings object, read from ``OCOP_*`` environment variables.

Where ``/run/secrets`` exists (Docker secrets), a file there named after a setting, such as
``ocop_database_url``, gives that setting, so passwords stay out of the environment.
"""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

SECRETS = Path("/run/secrets")


class Settings(BaseSettings):
    """Everything the composition root needs to build the register; validated at start-up."""

    model_config = SettingsConfigDict(
        env_prefix="OCOP_", extra="ignore", secrets_dir=SECRETS if SECRETS.is_dir() else None
    )

    database_url: str = "sqlite:///var/ocop.db"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
