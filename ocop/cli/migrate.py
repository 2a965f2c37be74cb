"""``ocop migrate --from sqlite:///… --to postgresql://…``: moves a register to another store,
rebuilds its read models there and proves the two equal. Stop the register first."""

from __future__ import annotations

import argparse
import sys

from ocop.migration import Different, TargetRefused, copy_log, prove_equal
from projections import Projector
from registry.answer_store import answering_environment
from registry.service import Registry
from storage.connections import open_connections
from storage.url import StoreUrl, UnsupportedStoreURL


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop migrate --from URL --to URL [--batch-size N]``."""
    migrate = commands.add_parser(
        "migrate", help="copy the register to another store (resumable) and prove them equal"
    )
    migrate.add_argument("--from", dest="source", required=True, help="e.g. sqlite:///ocop.db")
    migrate.add_argument("--to", dest="target", required=True, help="e.g. postgresql://…/ocop")
    migrate.add_argument("--batch-size", type=int, default=500, help="events per transaction")
    migrate.set_defaults(run=run)


def run(args: argparse.Namespace, stop_after: int | None = None) -> int:
    """Copies, rebuilds and proves; 2 if a store is refused, 1 if the two differ.
    ``stop_after`` batches interrupts the copy (then nothing is rebuilt)."""
    try:
        stores = [StoreUrl.parse(url) for url in (args.source, args.target)]
    except UnsupportedStoreURL as error:
        print(f"ocop migrate: {error}", file=sys.stderr)
        return 2
    if any(store.kind == "memory" for store in stores) or stores[0] == stores[1]:
        print("ocop migrate: name two different SQLite or PostgreSQL stores", file=sys.stderr)
        return 2
    registries = [Registry(answering_environment(store)) for store in stores]
    connections = [open_connections(store) for store in stores]
    dbs = [each.connect("ocop-migrate") for each in connections]
    try:
        copied = copy_log(dbs[0], dbs[1], args.batch_size, stop_after)
        if stop_after is not None:
            print(f"ocop migrate: stopped at position {copied}; run again to go on")
            return 0
        Projector(registries[1], connections[1], batch_size=args.batch_size).rebuild(True)
        proof = prove_equal(registries[0], registries[1], dbs[0], dbs[1], args.batch_size)
    except TargetRefused as error:
        print(f"ocop migrate: refused {stores[1].described()}: {error}", file=sys.stderr)
        return 2
    except Different as error:
        print(f"ocop migrate: not equal: {error}", file=sys.stderr)
        return 1
    finally:
        for each in (*dbs, *connections, *registries):
            each.close()
    print(
        f"Migrated {stores[0].described()} to {stores[1].described()}: head {proof.head}, "
        f"every event and the history of {proof.products} products equal, "
        f"log root {proof.root} over {proof.log_size} leaves on both."
    )
    return 0
