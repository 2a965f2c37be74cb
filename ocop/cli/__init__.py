"""The ``ocop`` command line. Each subcommand lives in a module of its own here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ocop.cli import (
    history,
    keys,
    log,
    migrate,
    projection,
    scenario,
    serve,
    staff,
    verify,
    witness,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ocop`` command."""
    parser = argparse.ArgumentParser(prog="ocop", description="The OCOP certification register.")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in (
        history,
        keys,
        log,
        migrate,
        projection,
        scenario,
        serve,
        staff,
        verify,
        witness,
    ):
        module.add_command(commands)
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
