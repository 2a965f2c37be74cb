"""A public log of any size, made directly: entries, leaves, tile-level nodes and right edge
written into the read model's tables with COPY, and the public register those entries make.

Not through commands (1M events through the registry would take an hour): every product
lives the same four public entries — registered, evaluated, certified 4 stars, then
suspended or revoked, one in two — so the register they make is known without replaying
them, and ``ocop verify --full`` has a register to compare with. Entries are canonical
JSON (RFC 8785: their keys are ASCII and they hold no floats, so sorted keys and no spaces
are it).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg

from transparency.frontier import Frontier
from transparency.tree import leaf_hash

ENTRIES_PER_PRODUCT = 4
PLACE = {
    "name": "Sản phẩm thử nghiệm", "owner_name": "HTX thử nghiệm", "owner_kind": "cooperative",
    "province": "Quảng Ninh", "district": "Uông Bí", "commune": "Phương Đông",
    "group": "food", "subgroup": "",
}  # fmt: skip
CERTIFICATE = {"stars": 4, "valid_from": "2024-03-01", "valid_until": "2027-02-28"}


def code_of(product: int) -> str:
    return f"BL-{product:07d}"


def canonical(facts: dict[str, Any]) -> bytes:
    return json.dumps(facts, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def stories(products: int) -> Iterator[tuple[int, str, str, bytes]]:
    """Every entry in log order: (position, product id, code, entry)."""
    position = 0
    for product in range(products):
        code = code_of(product)
        product_id = str(uuid.UUID(int=product + 1))
        number = f"{code}-C1"
        last = ("suspended", {"inspection_ref": f"KT-{code}", "public_reason": "Nhãn sai",
                              "corrective_deadline": "2024-08-01"}) if product % 2 else (
                "revoked", {"decision_ref": f"THU-{code}", "reason_code": "breach-of-regulation",
                            "public_reason": "Vi phạm quy định"})  # fmt: skip
        for version, (kind, on, fields) in enumerate(
            [("registered", "2020-01-02", {**PLACE, "criteria_set": "2019", "gtins": []}),
             ("evaluated", "2024-02-01", {}),
             ("certified", "2024-03-01", {**CERTIFICATE, "certificate_number": number,
              "decision_ref": f"{code}/QĐ", "issuing_level": "province", "criteria_set": "2019"}),
             (last[0], "2024-05-01", last[1])], start=1):  # fmt: skip
            position += 1
            facts = {
                "position": position, "product": code, "version": version, "kind": kind,
                "effective_on": on, "recorded_at": f"{on}T03:00:00+00:00", "fields": fields,
                "payload_sha256": hashlib.sha256(f"{code}/{version}".encode()).hexdigest(),
            }  # fmt: skip
            yield position, product_id, code, canonical(facts)


def register_rows(products: int, as_of: str) -> Iterator[dict[str, Any]]:
    """The open data's rows of that register on ``as_of``, by code."""
    for product in range(products):
        code, suspended = code_of(product), bool(product % 2)
        yield {
            "code": code, **{k: PLACE[k] for k in ("name", "owner_name", "owner_kind",
            "province", "district", "commune", "group", "subgroup")},
            "registered_on": "2020-01-02", "as_of": as_of,
            "status": "suspended" if suspended else "revoked",
            "stars": 4 if suspended else None, "last_stars": 4,
            "certificate_number": f"{code}-C1", "valid_from": CERTIFICATE["valid_from"],
            "valid_until": CERTIFICATE["valid_until"],
            "last_change": "suspended" if suspended else "revoked",
            "last_change_on": "2024-05-01",
        }  # fmt: skip


def write_tree(url: str, products: int) -> Frontier:
    """Writes the log of ``products`` products' stories into ``log_leaves``, ``log_nodes``
    and ``log_tree`` (which must exist, empty) in one transaction."""
    frontier = Frontier()
    with psycopg.connect(url) as conn, conn.transaction():
        with conn.cursor().copy(
            "COPY log_leaves (position, product_id, code, entry, leaf_hash) FROM STDIN"
        ) as leaves_copy:
            nodes = []
            for position, product_id, code, entry in stories(products):
                hashed = leaf_hash(entry)
                leaves_copy.write_row((position, product_id, code, entry.decode(), hashed.hex()))
                nodes += frontier.add(hashed)
        with conn.cursor().copy("COPY log_nodes (level, node, hash) FROM STDIN") as nodes_copy:
            for level, node, value in nodes:
                nodes_copy.write_row((level, node, value.hex()))
        conn.execute(
            "INSERT INTO log_tree (name, size, frontier) VALUES ('register', %s, %s)",
            (frontier.size, frontier.text),
        )
    return frontier
