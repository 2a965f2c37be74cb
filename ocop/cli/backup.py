"""``ocop backup DEST`` copies the running register's store to a new file (SQLite's online
backup API, or ``pg_dump -Fc``); ``ocop restore BACKUP --to URL`` puts one into an empty store,
brings its read models up to its head, and proves it equal the way a migration is proved."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import psycopg

from ocop.migration import Different, Proof, prove_equal
from ocop.settings import Settings
from projections import Projector
from registry.answer_store import answering_environment
from registry.service import Registry
from storage import event_log
from storage.backups import (
    BackupRefused,
    copy_sqlite,
    dump_postgres,
    format_of,
    restore_postgres,
    restore_sqlite,
)
from storage.connections import open_connections
from storage.url import StoreUrl, UnsupportedStoreURL

RESTORES_TO = {"sqlite": "sqlite", "dump": "postgresql"}


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop backup DEST [--from URL]`` and ``ocop restore BACKUP --to URL``."""
    backup = commands.add_parser("backup", help="copy the store to a new file, while it runs")
    backup.add_argument("destination", type=Path, help="a new file (never overwritten)")
    backup.add_argument("--from", dest="source", help="the store (default: OCOP_DATABASE_URL)")
    backup.set_defaults(run=run_backup)
    restore = commands.add_parser(
        "restore", help="restore a backup into an empty store and prove it equal"
    )
    restore.add_argument("backup", type=Path, help="a SQLite backup or a pg_dump archive")
    restore.add_argument("--to", dest="target", required=True, help="an empty store's URL")
    restore.add_argument(
        "--against", help="the store backed up, compared as it stood at the restored head "
        "(default: a SQLite backup itself; a dump's restore is checked against itself)",
    )  # fmt: skip
    restore.add_argument("--batch-size", type=int, default=500, help="events per read")
    restore.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    """Writes the backup; 2 if the destination exists or the store cannot be backed up."""
    try:
        store = StoreUrl.parse(args.source) if args.source else Settings().store
        if store.kind == "sqlite":
            copy_sqlite(store.path, args.destination)
        elif store.kind == "postgresql":
            dump_postgres(store, args.destination)
        else:
            raise BackupRefused("only a SQLite or PostgreSQL store is backed up")
    except (UnsupportedStoreURL, BackupRefused) as error:
        print(f"ocop backup: {error}", file=sys.stderr)
        return 2
    size, head = args.destination.stat().st_size, ""
    if store.kind == "sqlite":  # the copy is a store: say how far its log runs
        copied = open_connections(StoreUrl(kind="sqlite", path=str(args.destination)))
        try:
            head = f", head {copied.ask(event_log.head)}"
        finally:
            copied.close()
    print(f"Backed up {store.described()} to {args.destination} ({size:,} bytes{head}).")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Restores and proves; 2 if refused (a store not empty, a backup of the other kind),
    1 if the restored store differs, naming the first difference."""
    try:
        target = StoreUrl.parse(args.target)
        against = StoreUrl.parse(args.against) if args.against else None
        kind = format_of(args.backup)
        if RESTORES_TO[kind] != target.kind:
            raise BackupRefused(
                f"a {kind} backup restores to a {RESTORES_TO[kind]} store, not {target.kind}"
            )
        if kind == "sqlite":
            restore_sqlite(args.backup, target)
        else:
            restore_postgres(args.backup, target)
    except (UnsupportedStoreURL, BackupRefused, psycopg.OperationalError) as error:
        print(f"ocop restore: {error}", file=sys.stderr)
        return 2
    if against is None and kind == "sqlite":
        against, live = StoreUrl(kind="sqlite", path=str(args.backup)), False
    else:
        live = against is not None
    try:
        proof = prove(target, against or target, args.batch_size, live)
    except Different as error:
        print(f"ocop restore: not equal: {error}", file=sys.stderr)
        return 1
    except psycopg.OperationalError as error:
        print(f"ocop restore: restored, but not proved: {error}", file=sys.stderr)
        return 2
    restored = f"Restored {args.backup} to {target.described()}"
    if against is None:
        print(
            f"{restored}, checked against itself only (no --against): head {proof.head}, "
            f"log root {proof.root} over {proof.log_size} leaves, the one its events give."
        )
        return 0  # fmt: skip
    as_of = f" as it stood at position {proof.head}" if live else ""
    print(
        f"{restored} and proved it equal to {against.described()}{as_of}: head {proof.head}, "
        f"every event and the history of {proof.products} products equal, "
        f"log root {proof.root} over {proof.log_size} leaves on both."
    )
    return 0


def prove(target: StoreUrl, against: StoreUrl, batch_size: int, live: bool) -> Proof:
    """Brings the restored store's read models up to its head, then proves it equal to
    ``against`` (as of the restored head if ``against`` is a live store that went on)."""
    opened = {
        store: (Registry(answering_environment(store)), open_connections(store))
        for store in dict.fromkeys((against, target))
    }  # the target is opened once, even when it is also what it is proved against
    (source, theirs), (restored, ours) = opened[against], opened[target]
    dbs = [theirs.connect("ocop-restore"), ours.connect("ocop-restore")]
    projector = Projector(restored, ours, batch_size=batch_size)
    try:
        try:
            projector.catch_up()
        except psycopg.OperationalError:
            raise
        except Exception as error:  # an event the read models cannot take: not the register's
            raise Different(f"the restored events do not project: {error!r}") from error
        as_of = event_log.head(dbs[1]) if live else None
        return prove_equal(source, restored, dbs[0], dbs[1], batch_size, as_of)
    finally:
        projector.stop()
        for db in dbs:
            db.close()
        for registry, connections in opened.values():
            connections.close()
            registry.close()
