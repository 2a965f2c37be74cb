"""``ocop init``: make a store ready to serve, once, before the services start (compose's
one-shot ``init``): every table (the event store and its answers, the read models and their
tracking, the API keys, the idempotency claims, the log's checkpoints), and the public log's
signing key where ``OCOP_LOG_SIGNING_KEY_FILE`` names a file not yet written. Running it
again changes nothing and exits 0, so a restarted deployment runs it every time.
"""

from __future__ import annotations

import argparse
import sys

from ocop.bootstrap import build_registry
from ocop.settings import Settings
from projections import ReadSide
from storage.connections import open_connections
from transparency import checkpoints
from transparency.note import SigningKey
from transparency.published import read_signing_key, write_signing_key
from transparency.refusals import MalformedKey


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop init [--log-origin NAME]``."""
    init = commands.add_parser("init", help="create every table and the log's key; idempotent")
    init.add_argument(
        "--log-origin",
        help="the log's name, e.g. ocop.example.vn/log: writes OCOP_LOG_SIGNING_KEY_FILE if absent",
    )
    init.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Creates what is missing; prints the log's verifier key when there is a signing key."""
    from api.idempotency import IdempotencyStore  # the HTTP boundary's own tables
    from api.keys import KeyStore

    settings = Settings()
    try:
        vkey = signing_key(settings, args.log_origin)
    except (MalformedKey, OSError, ValueError) as error:
        print(f"ocop init: {error}", file=sys.stderr)
        return 2
    build_registry(settings).close()  # the event store's tables, with the kept answers
    database = open_connections(settings.store)
    try:
        ReadSide.open(database)  # the read models, their tracking at zero, their shape
        KeyStore(database)
        IdempotencyStore(database)
        database.ask(checkpoints.create)
    finally:
        database.close()
    print(f"ocop init: {settings.store.described()} is ready")
    if vkey:
        print(f"the public log's verifier key: {vkey}")
    return 0


def signing_key(settings: Settings, origin: str | None) -> str | None:
    """The verifier key of the log's signing key, written first if the file is missing and
    an origin is given; None when no key file is set."""
    path = settings.log_signing_key_file
    if path is None:
        if origin:
            raise ValueError("--log-origin needs OCOP_LOG_SIGNING_KEY_FILE to name the key file")
        return None
    if not path.exists():
        if not origin:
            raise ValueError(f"{path} does not exist: give --log-origin to write a new key")
        write_signing_key(path, SigningKey.generate(origin))
    return read_signing_key(path).verifier.vkey
