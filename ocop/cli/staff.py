"""``ocop staff``: create, disable and reset the staff workspace's accounts. Each account is
one principal (role, level, province), checked as ``ocop keys create`` checks a key's."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from lifecycle.authority import check_principal_may_be_made
from lifecycle.errors import RegisterError
from lifecycle.values import Level, Role
from ocop.settings import Settings
from registry.service import vietnam_today
from storage.connections import open_connections

SHORTEST_PASSWORD = 12


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop staff create|disable|reset``."""
    staff = commands.add_parser("staff", help="manage the staff workspace's accounts")
    actions = staff.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create an account and print its password once")
    create.add_argument("name")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--level", choices=[lv.value for lv in Level])
    create.add_argument(
        "--province", help="one standing today, e.g. 'Quảng Ninh' (not for central accounts)"
    )
    disable = actions.add_parser("disable", help="disable an account (its sessions end)")
    disable.add_argument("name")
    reset = actions.add_parser("reset", help="a new password; unlocks and enables the account")
    reset.add_argument("name")
    for action in (create, reset):
        action.add_argument(
            "--password-stdin",
            action="store_true",
            help=f"read the password from standard input (at least {SHORTEST_PASSWORD} characters)",
        )
    staff.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Carries out the account action against the configured store."""
    from workspace import open_desk

    database = open_connections(Settings().store)
    accounts, sessions = open_desk(database)
    try:
        if args.action == "disable":
            if not accounts.disable(args.name, datetime.now(UTC)):
                print(f"ocop: no staff account named {args.name!r}", file=sys.stderr)
                return 1
            sessions.end_all(args.name)
            print(f"disabled {args.name}")
            return 0
        password = _password(args.password_stdin)
        if password is None:
            return 2
        if args.action == "create":
            role, level = Role(args.role), Level(args.level) if args.level else None
            try:
                check_principal_may_be_made(role, level, args.province, vietnam_today())
                account = accounts.create(args.name, role, level, args.province, password)
            except RegisterError as error:
                print(f"ocop: {error}", file=sys.stderr)
                return 2
            print(f"staff account {account.name} ({account.actor.role.value}) created")
        elif accounts.reset(args.name, password):
            sessions.end_all(args.name)
        else:
            print(f"ocop: no staff account named {args.name!r}", file=sys.stderr)
            return 1
        if not args.password_stdin:
            print("its password; hand it over now, it is not shown again:")
            print(password)
        return 0
    finally:
        database.close()


def _password(from_stdin: bool) -> str | None:
    """The password read from standard input, or a new one."""
    from workspace.accounts import new_password

    if not from_stdin:
        return new_password()
    password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < SHORTEST_PASSWORD:
        print(f"ocop: a password has at least {SHORTEST_PASSWORD} characters", file=sys.stderr)
        return None
    return password
