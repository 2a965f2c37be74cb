"""How the register's own types are written to and read back from the event store.

The library's JSON transcoder knows UUID, Decimal and datetime only; without these, dates,
enums and value objects would come back as strings and dictionaries, and an event's tuple
(a product's ``gtins``) as a list.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from lifecycle.handoffs import HandOffKind
from lifecycle.values import (
    Actor,
    Evaluation,
    Level,
    Location,
    Owner,
    OwnerKind,
    RemovalReason,
    RevocationReason,
    Role,
    ScoreSheet,
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
        self.type, self.enum = enum, enum
        self.name = f"enum_{enum.__name__}"

    def encode(self, obj: Enum) -> Any:
        return obj.value

    def decode(self, data: Any) -> Enum:
        member = self.enum._value2member_map_.get(data)  # the call's own first look
        return member if member is not None else self.enum(data)


class ValueAsFields(Transcoding):
    """A frozen value dataclass as a mapping of its fields."""

    def __init__(self, value_type: type[Any]) -> None:
        self.type = value_type
        self.name = f"value_{value_type.__name__}"

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


class EvaluationAsFields(ValueAsFields):
    """An evaluation as a mapping of its fields, its tuples tagged as tuples, under a name of
    its own: evaluations stored under ``value_Evaluation`` have an older shape."""

    name = "evaluation_v3"

    def __init__(self) -> None:
        super().__init__(Evaluation)
        self.name = EvaluationAsFields.name

    def encode(self, obj: Any) -> dict[str, Any]:
        return {
            name: {"_type_": TupleAsItems.name, "_data_": list(value)}
            if type(value) is tuple
            else value
            for name, value in super().encode(obj).items()
        }


class OlderEvaluation:
    """Marks evaluations stored in an older shape; never built."""


class OlderEvaluationAsFacts(Transcoding):
    """An evaluation stored in an older shape, read as its facts for ``Evaluated`` to upcast."""

    type = OlderEvaluation
    name = "value_Evaluation"

    def encode(self, obj: Any) -> Any:
        raise TypeError("evaluations are written in today's shape only")

    def decode(self, data: dict[str, Any]) -> dict[str, Any]:
        return dict(data)


class TupleAsItems(Transcoding):
    """A tuple as its items (``RegisterTranscoder`` tags an event's tuples with this name)."""

    type = tuple
    name = "tuple"

    def encode(self, obj: tuple[Any, ...]) -> list[Any]:
        return list(obj)

    def decode(self, data: list[Any]) -> tuple[Any, ...]:
        return tuple(data)


class RegisterTranscoder(JSONTranscoder):
    """The library's JSON transcoder, keeping an event's tuple fields tuples.

    JSON writes a tuple as an array without asking the transcodings, and an array reads back
    as a list; so each tuple among the event's fields is tagged before it is written.
    """

    def encode(self, obj: Any) -> bytes:
        if isinstance(obj, dict):
            obj = {
                name: {"_type_": TupleAsItems.name, "_data_": list(value)}
                if type(value) is tuple
                else value
                for name, value in obj.items()
            }
        return super().encode(obj)

    def _decode_obj(self, d: dict[str, Any]) -> Any:
        """The library's reading of a JSON object, without its checks' costs where the object
        is a known transcoding's (an unknown one it refuses in its own words)."""
        if len(d) == 2 and "_data_" in d:
            transcoding = self.names.get(str(d.get("_type_")))
            if transcoding is not None:
                return transcoding.decode(d["_data_"])
            return super()._decode_obj(d)
        return d


def register_register_types(transcoder: JSONTranscoder) -> None:
    """Teaches the transcoder every type that appears on the register's events."""
    transcoder.register(DateAsISO())
    transcoder.register(TupleAsItems())
    for enum in (Role, Level, OwnerKind, RevocationReason, RemovalReason, HandOffKind):
        transcoder.register(EnumAsValue(enum))
    for value_type in (Actor, Owner, Location, ScoreSheet):
        transcoder.register(ValueAsFields(value_type))
    transcoder.register(EvaluationAsFields())
    transcoder.register(OlderEvaluationAsFacts())
