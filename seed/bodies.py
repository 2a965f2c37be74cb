"""A command as the JSON body a client sends for it over HTTP, for the tests and the benchmark.

The request models accept exactly a command's fields (a registration's code in its body,
a change's code in its path), so one function says them all: no body is written twice.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from lifecycle.commands import Command
from lifecycle.describe import as_number


def body_of(command: Command) -> dict[str, Any]:
    """The JSON a client sends for ``command``: its fields as JSON values, those left at
    their defaults omitted."""
    body: dict[str, Any] = {}
    for field in dataclasses.fields(command):
        value = getattr(command, field.name)
        if value != field.default:
            body[field.name] = json_of(value)
    return body


def json_of(value: Any) -> Any:
    """A command's value as JSON: dates in ISO form, enums by value, records as objects,
    points as numbers."""
    if isinstance(value, Decimal):
        return as_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: json_of(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, dict):
        return {key: json_of(item) for key, item in value.items()}
    return value
