"""``ocop history``: an auditor's replay of a product's history, on either store."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from lifecycle.describe import history_of
from lifecycle.errors import RegisterError
from ocop.bootstrap import build_registry
from ocop.settings import Settings
from registry.service import Registry


def history_lines(registry: Registry, code: str, as_of: date | None) -> list[dict[str, Any]]:
    """Every event of the product (up to ``as_of``) with the state after it."""
    steps = registry.history(code)
    if as_of is not None:
        steps = [step for step in steps if step.event.effective_on <= as_of]
    return history_of(steps)


def print_history(lines: list[dict[str, Any]], as_json: bool) -> None:
    """Prints the history as JSON, or as a readable account for a person."""
    if as_json:
        print(json.dumps(lines, ensure_ascii=False, indent=2))
        return
    for line in lines:
        event, state = line["event"], line["state"]
        assert isinstance(event, dict) and isinstance(state, dict)
        actor = event["actor"]
        print(
            f"v{event['version']:<3} {event['effective_on']}  {event['type']:<11} "
            f"by {actor['role']} {actor['principal_id']}"
            f"{' (' + actor['province'] + ')' if actor['province'] else ''}"
        )
        facts = ", ".join(f"{k}={v}" for k, v in event["facts"].items())
        print(f"     facts: {facts}")
        if event["note"]:
            print(f"     note: {event['note']}")
        stars = f", {state['stars']}★" if state["stars"] else ""
        print(f"     → {state['status']}{stars}  (recorded {event['recorded_at']})")


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop history CODE [--as-of DATE] [--json]``."""
    history = commands.add_parser("history", help="replay a product's history (auditors)")
    history.add_argument("code", help="the product code, e.g. QN-0123")
    history.add_argument("--as-of", type=date.fromisoformat, help="only events effective by DATE")
    history.add_argument("--json", action="store_true", help="print JSON, as the API answers")
    history.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Prints the history of ``args.code`` from the configured store."""
    registry = build_registry(Settings())
    try:
        print_history(history_lines(registry, args.code, args.as_of), args.json)
    except RegisterError as error:
        print(f"ocop: {error.code}: {error.message}", file=sys.stderr)
        return 1
    finally:
        registry.close()
    return 0
