"""``ocop verify``: the auditor's verifier of the public log (``transparency.audit``, which
needs only the standard library and ``cryptography``)."""

from __future__ import annotations

import argparse

from transparency import audit


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop verify``, every argument handed to ``transparency.audit`` as it came
    (this parser reads none of them as an option: its only prefix is a NUL)."""
    verify = commands.add_parser(
        "verify", help="verify the public log or a proof", add_help=False, prefix_chars="\0"
    )
    verify.add_argument("arguments", nargs="*")
    verify.set_defaults(run=lambda args: audit.main(args.arguments))
