"""The public timeline, the latest changes, the reflected position and the GTIN read model,
on each backend, over the demo register."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pytest

from lifecycle.events import Registered
from projections import Projector, ReadSide, gtins, timeline
from projections.schema import Writes
from registry.service import Registry
from seed.demo import demo_orders
from seed.writing import carry_out
from storage.sql import Database


@pytest.fixture
def demo(registry: Registry, read_side: ReadSide, projector: Projector) -> ReadSide:
    orders = demo_orders()
    carry_out(registry, orders, batch_size=len(orders))
    projector.catch_up()
    return read_side


def test_a_suspension_and_its_reinstatement_are_dated_with_their_references(
    demo: ReadSide,
) -> None:
    changes = demo.ask(lambda db: timeline.of_product(db, "QN-UB-01"))
    assert [(c.kind, str(c.on)) for c in changes] == [
        ("joined", "2019-04-10"),
        ("certificates_issued", "2024-09-10"),
        ("suspensions", "2025-03-18"),
        ("reinstatements", "2025-05-27"),
    ]
    issued, suspended, reinstated = changes[1:]
    assert (issued.certificate_number, issued.stars, issued.reference) == (
        "QN-UB-01-C1", 4, "2318/QĐ-UBND"
    )  # fmt: skip
    assert suspended.reference == "08/BB-KT"
    assert suspended.reason == "Chất lượng sản phẩm không đạt như cam kết"
    assert str(suspended.corrective_deadline) == "2025-06-18"
    assert reinstated.reference == "21/BB-KT" and reinstated.reason.startswith("The breach")


def test_a_revocation_and_a_removal_give_their_decisions_and_public_reasons(
    demo: ReadSide,
) -> None:
    changes = demo.ask(lambda db: timeline.of_product(db, "DT-TM-01"))
    revoked, removed = changes[-2:]
    assert (revoked.kind, revoked.reference) == ("revocations", "412/QĐ-UBND")
    assert revoked.reason == "The certificate expired and was not renewed."
    assert (removed.kind, removed.reference) == ("removals", "680/QĐ-UBND")
    assert removed.reason == "Removed at the owner's request."
    assert demo.ask(lambda db: timeline.of_product(db, "XX-NONE")) == []


def test_the_timelines_of_several_products_read_at_once_are_each_read_alone(
    demo: ReadSide,
) -> None:
    codes = demo.ask(lambda db: [row["code"] for row in db.rows("SELECT code FROM product_status")])
    assert len(codes) >= 10
    asked = [*codes, "XX-NONE", codes[0]]  # one unknown, one asked twice (padded lists)
    each = demo.ask(lambda db: timeline.of_each(db, asked))
    assert "XX-NONE" not in each and set(each) == set(codes)
    alone = {code: demo.ask(partial(timeline.of_product, code=code)) for code in codes}
    assert each == alone


def test_the_latest_changes_come_newest_first(demo: ReadSide) -> None:
    latest = demo.ask(lambda db: timeline.latest(db, 3))
    positions = [change.position for change in latest]
    assert len(latest) == 3 and positions == sorted(positions, reverse=True)
    everything = demo.ask(lambda db: timeline.latest(db, 1000))
    assert latest == everything[:3]


def test_the_reflected_position_is_the_projection_s_with_its_recorded_time(
    demo: ReadSide,
) -> None:
    position, recorded_at = demo.ask(timeline.reflected)
    assert position == demo.head() > 0 and recorded_at is not None


def test_a_registration_s_gtins_lead_to_its_product(registry: Registry, demo: ReadSide) -> None:
    registered = registry.events_of("QN-HL-01")[0]
    assert isinstance(registered, Registered)

    def record(db: Database) -> None:
        writes = Writes(db)
        gtins.apply(writes, 1, replace(registered, gtins=("8934567000017", "not-a-gtin")))
        with db.transaction():
            writes.send()

    demo.ask(record)
    assert demo.ask(lambda db: gtins.code_for(db, "08934567000017")) == "QN-HL-01"
    assert demo.ask(lambda db: gtins.code_for(db, "4006381333931")) is None
    assert demo.ask(lambda db: gtins.code_for(db, "not-a-gtin")) is None
