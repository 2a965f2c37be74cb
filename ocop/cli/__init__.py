"""The ``ocop`` command line. Each subcommand lives in a module of its own here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ocop.cli import (
    backup,
    history,
    init,
    keys,
    log,
    migrate,
    projection,
    ready,
    scenario,
    serve,
    staff,
    verify,
    witness,
)

COMMANDS = (
    backup, history, init, keys, log, migrate, projection, ready, scenario, serve, staff, verify,
    witness,
)  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ocop`` command."""
    parser = argparse.ArgumentParser(prog="ocop", description="The OCOP certification register.")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS:
        module.add_command(commands)
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
