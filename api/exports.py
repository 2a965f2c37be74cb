"""The open data's formats, all made from ``projections.open_data.COLUMNS``: CSV (UTF-8 with
a byte-order mark, for spreadsheets) and JSON, each encoded a chunk at a time as it is
streamed, and the Frictionless data package that describes both.

The bytes depend only on the rows: no time of the request, in the columns' order, products
by code. A CSV text cell that starts like a formula (= + - @) is prefixed with ``'`` so a
spreadsheet shows it instead of running it; the JSON holds the text as recorded.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from projections.open_data import COLUMNS, NAMES, Column

BOM = "\ufeff"
FORMULA = ("=", "+", "-", "@", "\t", "\r")
CSV = "text/csv"
JSON = "application/json"
JSON_TYPES = {"string": "string", "integer": "integer", "date": "string"}


def cell(value: Any) -> str:
    """A value as a CSV cell: empty for none, ISO dates, formulas defused."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA) else text


def csv_bytes(chunks: Iterable[list[dict[str, Any]]]) -> Iterator[bytes]:
    """The CSV: the byte-order mark and the header, then each chunk's lines as it comes."""
    yield (BOM + ",".join(NAMES) + "\r\n").encode()
    for chunk in chunks:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerows([cell(row[name]) for name in NAMES] for row in chunk)
        yield out.getvalue().encode()


def json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def json_bytes(chunks: Iterable[list[dict[str, Any]]]) -> Iterator[bytes]:
    """The JSON: an array of one object per product, keys in the columns' order, one per
    line."""
    yield b"["
    first = True
    for chunk in chunks:
        lines = (
            json.dumps({n: json_value(row[n]) for n in NAMES}, ensure_ascii=False) for row in chunk
        )
        text = ",\n".join(lines)
        yield (("\n" if first else ",\n") + text).encode()
        first = False
    yield b"\n]\n"


def field(column: Column) -> dict[str, Any]:
    """A Table Schema field for the column."""
    described: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    constraints: dict[str, Any] = {} if column.optional else {"required": True}
    if column.values:
        constraints["enum"] = list(column.values)
    return {**described, "constraints": constraints} if constraints else described


TABLE_SCHEMA: dict[str, Any] = {
    "fields": [field(column) for column in COLUMNS],
    "primaryKey": ["code"],
    "missingValues": [""],
}


def data_package() -> dict[str, Any]:
    """The Frictionless data package of the open data (paths relative to its own URL)."""
    shared = {
        "profile": "tabular-data-resource",
        "description": (
            "One row per product on the register on the day asked (?as_of=YYYY-MM-DD, "
            "default today, Vietnam's date), ordered by code, read up to the log position "
            "given in the X-Log-Position header. No personal contact data."
        ),
        "schema": TABLE_SCHEMA,
    }
    return {
        "profile": "tabular-data-package",
        "name": "ocop-register",
        "title": "OCOP certification register",
        "description": (
            "The public register of Vietnam's OCOP programme (One Commune One Product): "
            "products, their star certificates and their public status."
        ),
        "resources": [
            {
                **shared,
                "name": "register-csv",
                "path": "register.csv",
                "format": "csv",
                "mediatype": CSV,
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
            },
            {**shared, "name": "register-json", "path": "register.json", "format": "json",
             "mediatype": JSON, "encoding": "utf-8"},
        ],
    }  # fmt: skip


def json_schema() -> dict[str, Any]:
    """The JSON export's JSON Schema (for the OpenAPI document)."""
    properties: dict[str, Any] = {}
    for column in COLUMNS:
        kind: dict[str, Any] = {"type": JSON_TYPES[column.type]}
        if column.type == "date":
            kind["format"] = "date"
        if column.values:
            kind["enum"] = list(column.values)
        properties[column.name] = (
            {"anyOf": [kind, {"type": "null"}], "description": column.description}
            if column.optional
            else {**kind, "description": column.description}
        )
    row = {"type": "object", "properties": properties, "required": list(NAMES)}
    return {"type": "array", "items": row}


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether ``If-None-Match`` names ``etag`` (weak comparison, as RFC 9110 asks)."""
    if not if_none_match:
        return False
    held = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in held or etag.removeprefix("W/") in held
