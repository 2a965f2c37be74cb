"""The service's one settings object, read from ``OCOP_*`` environment variables.

Where ``/run/secrets`` exists (Docker secrets), a file there named after a setting, such as
``ocop_database_url``, gives that setting, so passwords stay out of the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, PrivateAttr
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.url import StoreUrl

SECRETS = Path("/run/secrets")


class Settings(BaseSettings):
    """Everything the composition root needs to build the register; validated at start-up."""

    model_config = SettingsConfigDict(
        env_prefix="OCOP_", extra="ignore", secrets_dir=SECRETS if SECRETS.is_dir() else None
    )

    database_url: str = "sqlite:///var/ocop.db"  # read once, into ``store``
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    # API processes ``ocop serve`` starts on its port (PostgreSQL only beyond one).
    workers: Annotated[int, Field(ge=1)] = 1

    # The HTTP boundary: how much one request may ask of the service.
    max_body_bytes: Annotated[int, Field(ge=1024)] = 64 * 1024
    max_header_bytes: Annotated[int, Field(ge=1024)] = 16 * 1024
    waits_at_once: Annotated[
        int, Field(ge=1, description="Read-your-writes waits held at once")
    ] = 8
    anonymous_burst: Annotated[
        int, Field(ge=1, description="Requests without a key, per address")
    ] = 120
    anonymous_per_second: Annotated[float, Field(gt=0)] = 20.0
    failed_keys_burst: Annotated[int, Field(ge=1, description="Refused keys per address")] = 10
    failed_keys_per_second: Annotated[float, Field(gt=0)] = 0.1
    docs: Annotated[
        bool, Field(description="Serve /docs (Swagger UI from the package's assets)")
    ] = True
    cors_paths: tuple[str, ...] = ("/v1/public/",)

    # Idempotency-Key: how long answers are replayed, and claims held.
    idempotency_hours: int = Field(default=24, ge=1)  # how long a write's answer is replayed
    idempotency_claim_seconds: int = Field(default=30, ge=1)  # until a crashed write is retried

    # The projector, and when readiness says the read side is too far behind.
    run_projector: bool = True  # false when ``ocop project`` projects in a process of its own
    # How often a projector standing by tries to take the lease (PostgreSQL).
    projector_standby_seconds: Annotated[float, Field(gt=0)] = 0.5
    # The projector, under a steady stream of writes: at least this long between two batches'
    # starts (a read waiting for a write cuts it short; in another process, on PostgreSQL only).
    projector_gather_seconds: Annotated[float, Field(ge=0, le=5)] = 0.25
    ready_max_lag: Annotated[int, Field(ge=0)] = 1000  # /readyz: 503 beyond this many events
    ready_max_lag_seconds: Annotated[float, Field(gt=0)] = 30.0  # ... or this long unadvanced

    # The change feed's live tails (Server-Sent Events): how many at once, how long each
    # lasts before it ends (clients reconnect with Last-Event-ID), and how often it says
    # it is still there while nothing changes.
    change_streams_at_once: Annotated[int, Field(ge=1)] = 8
    change_stream_seconds: Annotated[float, Field(gt=0)] = 300.0
    change_stream_keepalive_seconds: Annotated[float, Field(gt=0)] = 15.0

    # The public log's Ed25519 signing key (``ocop log keygen`` writes one); without it the
    # log's tiles are served but no checkpoint is signed.
    log_signing_key_file: Path | None = None
    # A new checkpoint at most this often under load (one is stored when idle, too).
    log_checkpoint_seconds: Annotated[float, Field(ge=0)] = 2.0
    # The witnesses asked to cosign each checkpoint: '<URL prefix> <vkey>' each, as JSON.
    log_witnesses: tuple[str, ...] = ()
    # The self-check at start makes again the entries of this many of the latest leaves
    # (about 2,600 a second); deleted events are looked for in the whole log.
    log_self_check_events: Annotated[int, Field(ge=0)] = 20_000

    # Metrics: the folder several worker processes count in (a temporary one if none is
    # named; emptied at start), and where ``ocop project`` serves its own, if anywhere.
    metrics_dir: Path | None = None
    projector_metrics_host: str = "127.0.0.1"
    projector_metrics_port: Annotated[int | None, Field(ge=1, le=65535)] = None

    # The staff workspace (/staff): a session ends after this long without a request, and
    # this long after sign-in whatever happens; an account is locked for a while after this
    # many failed sign-ins in a row. The session cookie is marked Secure when the request
    # came over TLS, or always with ``staff_secure_cookie`` (behind a TLS proxy).
    staff_idle_minutes: Annotated[float, Field(gt=0)] = 30.0
    staff_session_hours: Annotated[float, Field(gt=0)] = 12.0
    staff_lockout_attempts: Annotated[int, Field(ge=1)] = 5
    staff_lockout_minutes: Annotated[float, Field(gt=0)] = 15.0
    staff_secure_cookie: bool = False

    _store: StoreUrl = PrivateAttr()

    def model_post_init(self, context: Any) -> None:
        """Reads the database URL, once: a bad one stops the service at start-up."""
        self._store = StoreUrl.parse(self.database_url)

    @property
    def store(self) -> StoreUrl:
        """The store the database URL names."""
        return self._store

    # The public pages: the absolute URL a label's QR code opens (without it, the URL the
    # request came to), e.g. https://ocop.example.gov.vn
    public_base_url: Annotated[str | None, Field(pattern=r"^https?://[^\s/?#]+(/[^\s?#]*)?$")] = (
        None
    )
