"""``ocop verify``: the auditor's verifier of the public log (``transparency.audit``, which
needs only the standard library and ``cryptography``)."""

from __future__ import annotations

import argparse

from transparency import audit


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop verify SOURCE --vkey VKEY [--full] [--position N] [--state DIR]``."""
    verify = commands.add_parser("verify", help="verify the public log", add_help=False)
    verify.add_argument("arguments", nargs=argparse.REMAINDER)
    verify.set_defaults(run=lambda args: audit.main(args.arguments))
