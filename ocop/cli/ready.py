"""``ocop ready``: the projector's healthcheck (compose runs it in each projector's
container). It exits 0 when the store answers and the read side keeps up with the log, by
the rule ``/readyz`` applies to the API (``Progress.verdict``: no recorded failure, at most
``OCOP_READY_MAX_LAG`` events behind and not stalled longer than
``OCOP_READY_MAX_LAG_SECONDS``); 1 with the reason otherwise. It loads no HTTP code.
"""

from __future__ import annotations

import argparse
import sys

from ocop.settings import Settings
from projections.progress import now, read_progress
from storage.connections import open_connections


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop ready``."""
    ready = commands.add_parser(
        "ready", help="exit 0 if the store answers and the projection keeps up (a healthcheck)"
    )
    ready.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Reads the recorded progress once and judges it; prints the position, head and verdict."""
    from api.outages import STORE_FAILURES  # the one list of what means "out of reach"

    settings = Settings()
    try:
        database = open_connections(settings.store)
        try:
            progress = database.ask(read_progress)
        finally:
            database.close()
    except STORE_FAILURES as error:
        print(f"ocop ready: not ready, the store does not answer: {error}", file=sys.stderr)
        return 1
    verdict = progress.verdict(now(), settings.ready_max_lag, settings.ready_max_lag_seconds)
    state = verdict or "ready"
    print(f"ocop ready: {state}, projected {progress.position} of {progress.head}")
    return 0 if verdict is None else 1
