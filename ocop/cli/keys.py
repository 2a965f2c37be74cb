"""``ocop keys``: create, list and revoke API keys. A key is shown once, when created."""

from __future__ import annotations

import argparse
import sys

from lifecycle.authority import check_principal_may_be_made
from lifecycle.errors import RegisterError
from lifecycle.values import Level, Role
from ocop.settings import Settings
from registry.service import vietnam_today
from storage.connections import open_connections


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop keys create|list|revoke``."""
    keys = commands.add_parser("keys", help="manage API keys")
    actions = keys.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a key and print it once")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--level", choices=[lv.value for lv in Level])
    create.add_argument(
        "--province", help="one standing today, e.g. 'Quảng Ninh' (not for central keys)"
    )
    create.add_argument("--principal-id", help="who the key stands for (default: its key id)")
    actions.add_parser("list", help="list keys (never their secrets)")
    revoke = actions.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id")
    keys.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Carries out the key action against the configured store."""
    from api.keys import KeyStore  # the key store is the HTTP boundary's own

    database = open_connections(Settings().store)
    store = KeyStore(database)
    try:
        if args.action == "create":
            role, level = Role(args.role), Level(args.level) if args.level else None
            try:
                check_principal_may_be_made(role, level, args.province, vietnam_today())
                key, record = store.create(
                    role, level=level, province=args.province, principal_id=args.principal_id
                )
            except RegisterError as error:
                print(f"ocop: {error}", file=sys.stderr)
                return 2
            print(
                f"key id {record.key_id} for {record.actor.principal_id} "
                f"({record.actor.role.value}); store it now, it is not shown again:"
            )
            print(key)
        elif args.action == "list":
            for item in store.list():
                actor = item.actor
                state = f"revoked {item.revoked_at}" if item.revoked_at else "live"
                print(
                    f"{item.key_id}  {actor.principal_id:<24} {actor.role.value:<21} "
                    f"{(actor.level.value if actor.level else '-'):<9} "
                    f"{actor.province or '-':<16} {item.created_at}  {state}"
                )
        elif not store.revoke(args.key_id):
            print(f"ocop: no live key with id {args.key_id}", file=sys.stderr)
            return 1
        return 0
    finally:
        database.close()
