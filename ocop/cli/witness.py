"""``ocop witness``: a C2SP tlog-witness anyone can run beside (not inside) the register.

``ocop witness keygen NAME --key-file FILE`` writes a new Ed25519 cosigning key (owner-only,
never over an existing file) and prints its vkey, for the logs' settings and for verifiers.
``ocop witness serve --key-file FILE --log VKEY [--log VKEY ...] --state FILE`` cosigns the
checkpoints of the logs named by their verifier keys (the origin is the key's name), keeping
the last cosigned checkpoint of each in the state file.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from transparency.cosignature import CosigningKey
from transparency.note import Verifier
from transparency.refusals import MalformedKey
from transparency.witness import Witness, WitnessRecord
from transparency.witness_http import server


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop witness keygen`` and ``ocop witness serve``."""
    witness = commands.add_parser("witness", help="a C2SP tlog-witness for public logs")
    actions = witness.add_subparsers(dest="action", required=True)
    keygen = actions.add_parser("keygen", help="write a new cosigning key, print its vkey")
    keygen.add_argument("name", help="the witness's name, e.g. witness.example.edu.vn/w1")
    keygen.add_argument("--key-file", type=Path, required=True)
    serve = actions.add_parser("serve", help="cosign consistent checkpoints over HTTP")
    serve.add_argument("--key-file", type=Path, required=True, help="the witness's key")
    serve.add_argument(
        "--log", action="append", required=True, metavar="VKEY", help="a log's verifier key"
    )
    serve.add_argument("--state", type=Path, required=True, help="the last cosigned, per log")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8900)
    witness.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Carries out the witness action."""
    try:
        if args.action == "keygen":
            key = CosigningKey.generate(args.name)
            descriptor = os.open(args.key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(key.skey + "\n")
            print(key.cosigner.vkey)
            return 0
        key = CosigningKey.from_skey(args.key_file.read_text(encoding="utf-8"))
        logs = {verifier.name: verifier for verifier in map(Verifier.from_vkey, args.log)}
        witness = Witness(key, logs, WitnessRecord(args.state))
    except (MalformedKey, OSError, ValueError) as error:
        print(f"ocop witness: {error}", file=sys.stderr)
        return 2
    http = server(witness, args.host, args.port)
    print(f"witness {key.cosigner.vkey} for {', '.join(logs)} at {args.host}:{args.port}")
    try:
        http.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        http.server_close()
    return 0
