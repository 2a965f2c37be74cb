"""``ocop log``: the public log's signing key, and the log as a tree of static files.

``ocop log keygen NAME --key-file FILE`` writes a new Ed25519 signing key (readable by its
owner only, never over an existing file) and prints its verifier key (vkey) for the README
and for auditors; ``OCOP_LOG_SIGNING_KEY_FILE`` then names the file. ``ocop log export DIR``
writes the signed checkpoint and every tile and entry bundle, for any static host, and
beside them the public register's open data (``register.json``) at the checkpoint's size.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ocop.settings import Settings
from projections import ReadSide, open_data
from registry.service import vietnam_today
from storage.connections import open_connections
from transparency.note import SigningKey
from transparency.published import export, read_signing_key, write_signing_key
from transparency.refusals import MalformedKey


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop log keygen`` and ``ocop log export``."""
    log = commands.add_parser("log", help="the public, verifiable log")
    actions = log.add_subparsers(dest="action", required=True)
    keygen = actions.add_parser("keygen", help="write a new signing key, print its vkey")
    keygen.add_argument("name", help="the log's origin and key name, e.g. ocop.example.vn/log")
    keygen.add_argument("--key-file", type=Path, required=True, help="where to write the key")
    exporting = actions.add_parser("export", help="write the checkpoint and every tile to DIR")
    exporting.add_argument("directory", type=Path)
    log.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Carries out the log action."""
    try:
        if args.action == "keygen":
            key = SigningKey.generate(args.name)
            write_signing_key(args.key_file, key)
            print(key.verifier.vkey)
            return 0
        settings = Settings()
        if settings.log_signing_key_file is None:
            print("ocop: set OCOP_LOG_SIGNING_KEY_FILE to sign the checkpoint", file=sys.stderr)
            return 2
        key = read_signing_key(settings.log_signing_key_file)
    except (MalformedKey, OSError) as error:
        print(f"ocop: {error}", file=sys.stderr)
        return 2
    read_side = ReadSide.open(open_connections(settings.store))
    try:
        size = read_side.ask(lambda db: export(db, key, args.directory))
        write_register(read_side, args.directory / "register.json", size)
    finally:
        read_side.close()
    print(f"exported the log of {size} entries, and the public register, to {args.directory}")
    return 0


def write_register(read_side: ReadSide, target: Path, size: int) -> None:
    """The public register's open data JSON as the log of ``size`` entries says it is today,
    beside the log: what ``ocop verify --full`` compares the entries' replay with."""
    from api.exports import json_bytes  # the API's own bytes; loaded only when exporting

    chunks = open_data.rows(read_side.ask, on=vietnam_today(), upto=size)
    with target.open("wb") as file:
        for part in json_bytes(chunks):
            file.write(part)
