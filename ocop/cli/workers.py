"""``ocop serve --workers N``: N API processes on one port, sharing one PostgreSQL database.

uvicorn's own supervisor starts the processes (and starts a new one when one dies); each
builds its services from the one ``Settings``, read from the environment this process
leaves them, by the factory ``ocop.site:worker_site``. The self-check and the demo run once,
here, before any starts. The processes never project: unless told ``--no-projector``, the
projector runs once, here, in the supervising process (otherwise ``ocop project`` runs it).
Each process learns of every projected position from the database (``projections.
following``); idempotency claims and answers, versions and the write grouping's
transactions are the database's already, so they hold across processes.

On SQLite more than one process is refused: the register is one file with one writer at a
time, and SQLite has no notices to tell the processes of each other's projected positions.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from ocop.settings import Settings

if TYPE_CHECKING:
    from ocop.services import ServedRegister

WORKER_SITE = "ocop.site:worker_site"


def worker_count(text: str) -> int:
    """An argparse type: a whole number of processes, at least one."""
    count = int(text)
    if count < 1:
        raise argparse.ArgumentTypeError("at least 1 API process")
    return count


def why_not_several(settings: Settings, workers: int) -> str | None:
    """Why ``workers`` API processes cannot serve the settings' store, or None if they can."""
    if workers == 1 or settings.store.kind == "postgresql":
        return None
    return (
        f"{workers} API processes need PostgreSQL: {settings.store.described()} is one SQLite "
        "file with one writer at a time, and SQLite cannot tell one process what another "
        "projected. Serve one process, or move the register with 'ocop migrate'."
    )


def serve_workers(
    services: ServedRegister, workers: int, host: str, port: int, *, projecting: bool
) -> None:
    """Serves ``workers`` API processes on ``host:port`` until stopped; with ``projecting``,
    the projector runs here, once, beside their supervisor."""
    import uvicorn

    from ocop.cli.serve import server_options

    settings = services.settings
    if settings.log_signing_key_file is not None:  # the demo's, made here, is theirs too
        os.environ["OCOP_LOG_SIGNING_KEY_FILE"] = str(settings.log_signing_key_file)
    if projecting:
        project_beside_workers(services)
    uvicorn.run(
        WORKER_SITE, factory=True, workers=workers, host=host, port=port,
        **server_options(settings, workers),
    )  # fmt: skip


def project_beside_workers(services: ServedRegister) -> None:
    """Starts the projector in the process that supervises several API processes (reads
    waiting in theirs hurry its pace: ``projections.hurrying``)."""
    services.projector.start()
