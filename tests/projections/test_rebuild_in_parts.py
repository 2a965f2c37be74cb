"""A rebuild in parts (PostgreSQL: a process per part, each applying its own products' events
in log order) leaves every read model exactly as the projector built them one batch after
another, the log's tree included; a GTIN two products were registered with stays the
earlier registration's, though the later one's part may apply it first."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest

from lifecycle.events import Registered
from lifecycle.values import product_id
from projections import Projector, ReadSide, gtins
from projections.models import create_tables
from projections.rebuild_parts import Parts
from projections.writes import Writes
from registry.service import Registry
from seed import builders as make
from storage.environment import store_environment
from storage.event_log import events_after
from storage.url import StoreUrl
from tests.conftest import connections_to, fixed_today
from tests.projections import programme as story

GTIN = "8934567890120"  # a valid GTIN-13, padded to 14 digits by the read model


def codes_in_part(part: int, count: int) -> list[str]:
    """Codes whose products fall in ``part`` of two (by the last byte of their id)."""
    codes = (f"QN-{number:04}" for number in range(1000, 2000))
    return [code for code in codes if product_id(code).bytes[15] % 2 == part][:count]


def test_parts_share_the_products_as_the_rebuild_expects() -> None:
    assert Parts({}, 2, 10).share(9) == 1
    assert Parts({}, 2, 10).share(10) == 2


def test_a_shared_gtin_stays_the_earliest_registrations_in_whatever_order_applied(
    sqlite_url: str,
) -> None:
    registry = Registry(store_environment(StoreUrl.parse(sqlite_url)), clock=fixed_today)
    for day, code in enumerate(("QN-0001", "QN-0002"), start=1):
        command = dataclasses.replace(make.registration(date(2024, 1, day), code), gtins=(GTIN,))
        registry.register_product(make.office(story.QUANG_NINH), command)
    db = connections_to(sqlite_url).connect("test")
    try:
        with db.transaction():
            create_tables(db)
        early, late = ((n.id, registry.mapper.to_domain_event(n)) for n in events_after(db, 0, 2))
        for position, event in (late, early):  # the later registration applied first
            assert isinstance(event, Registered)
            writes = Writes(db, [str(event.originator_id)])
            gtins.apply(writes, position, event)
            writes.send()
        rows = db.rows("SELECT gtin, product_id, position FROM product_gtins")
        assert rows == [{"gtin": GTIN.zfill(14), "product_id": str(product_id("QN-0001")),
                         "position": early[0]}]  # fmt: skip
    finally:
        db.close()
        registry.close()


@pytest.fixture
def registry(postgres_url: str) -> Iterator[Registry]:
    app = Registry(store_environment(StoreUrl.parse(postgres_url)), clock=fixed_today)
    yield app
    app.close()


@pytest.mark.postgres
def test_a_rebuild_in_two_parts_equals_the_projection_batch_by_batch(
    registry: Registry, postgres_url: str
) -> None:
    early, late = codes_in_part(1, 3), codes_in_part(0, 3)
    # Part 0's first product registers the shared GTIN after part 1's first did.
    for day, code in enumerate([early[0], late[0], *early[1:], *late[1:]], start=1):
        command = make.registration(date(2024, 1, day), code)
        if code in (early[0], late[0]):
            command = dataclasses.replace(command, gtins=(GTIN,))
        registry.register_product(make.office(story.QUANG_NINH), command)
    for code in (*early, *late):
        story.certify(registry, code, 4, date(2024, 3, 1))
    story.suspend(registry, late[0], date(2024, 5, 2), date(2024, 8, 2))
    story.revoke(registry, early[1], 4, date(2024, 6, 3))
    projector = Projector(registry, connections_to(postgres_url), batch_size=2,
                          rebuild_parts=(2, 1))  # fmt: skip
    read_side = ReadSide.open(connections_to(postgres_url))
    try:
        projector.catch_up()
        built = read_side.snapshot()
        report = projector.rebuild()
        assert report.events == read_side.head()
        assert read_side.snapshot() == built
        owners = {row["gtin"]: row["product_id"] for row in built["product_gtins"]}
        assert owners == {GTIN.zfill(14): str(product_id(early[0]))}
    finally:
        projector.stop()
        read_side.close()
