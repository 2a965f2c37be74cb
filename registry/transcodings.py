"""How the register's own types are written to and read back from the event store.

The library's JSON transcoder knows UUID, Decimal and datetime only; without these, dates,
enums and value objects would come back as strings and dictionaries.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from lifecycle.values import (
    Actor,
    Level,
    Location,
    Owner,
    OwnerKind,
    RemovalReason,
    RevocationReason,
    Role,
)


class DateAsISO(Transcoding):
    """A calendar date as ``YYYY-MM-DD``."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class EnumAsValue(Transcoding):
    """An enum member as its value, under the enum's own name."""

    def __init__(self, enum: type[Enum]) -> None:
        self.type = enum
        self.name = f"enum_{enum.__name__}"

    def encode(self, obj: Enum) -> Any:
        return obj.value

    def decode(self, data: Any) -> Enum:
        member: Enum = self.type(data)
        return member


class ValueAsFields(Transcoding):
    """A frozen value dataclass as a mapping of its fields."""

    def __init__(self, value_type: type[Any]) -> None:
        self.type = value_type
        self.name = f"value_{value_type.__name__}"

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


def register_register_types(transcoder: JSONTranscoder) -> None:
    """Teaches the transcoder every type that appears on the register's events."""
    transcoder.register(DateAsISO())
    for enum in (Role, Level, OwnerKind, RevocationReason, RemovalReason):
        transcoder.register(EnumAsValue(enum))
    for value_type in (Actor, Owner, Location):
        transcoder.register(ValueAsFields(value_type))
