"""An event's facts, made from its command: the same names, checked as the event is built.

Every fact is declared once on the command (``lifecycle/commands.py``) and once on the event
that records it (``lifecycle/events.py``); the request bodies name them again for the API's
documentation, and ``tests/unit/test_facts_agree.py`` holds all three to the same names.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from lifecycle.commands import Command
from lifecycle.events import ProductEvent
from lifecycle.values import Actor

ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})


@cache
def carried_by(event: type[ProductEvent]) -> frozenset[str]:
    """The facts an event carries, besides the store's envelope."""
    return frozenset(f.name for f in dataclasses.fields(event)) - ENVELOPE


def facts_of(command: Command) -> dict[str, Any]:
    """A command's facts, by name."""
    return {f.name: getattr(command, f.name) for f in dataclasses.fields(command)}


def facts_for(
    event: type[ProductEvent], command: Command, actor: Actor, **computed: Any
) -> dict[str, Any]:
    """The event's facts: the command's own, who acted, and what the register computed.

    The event must carry every one of them and nothing else: a fact without a place, or a
    place without a fact, is refused here (a defect, not a refusal) rather than stored wrong.
    """
    facts = facts_of(command) | {"actor": actor} | computed
    if set(facts) != carried_by(event):
        raise TypeError(
            f"{type(command).__name__} and the register give {sorted(facts)}; "
            f"{event.__name__} carries {sorted(carried_by(event))}."
        )
    return facts
