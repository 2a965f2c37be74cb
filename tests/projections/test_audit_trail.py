"""An auditor reads every event of every product in log order, with its full account."""

from __future__ import annotations

import json
from datetime import date

from lifecycle.describe import describe_event
from projections import Projector, ReadSide, questions
from registry.service import Registry
from tests.projections import programme as story


def test_every_event_has_one_row_in_log_order_with_its_full_account(
    registry: Registry, read_side: ReadSide, projecting: Projector
) -> None:
    story.register(registry, "QN-0401", "Bánh gai Tứ Trụ", date(2024, 1, 2))
    story.register(registry, "QN-0402", "Rượu mơ Yên Tử", date(2024, 1, 3))
    story.certify(registry, "QN-0401", 3, date(2024, 2, 1))
    last = story.suspend(registry, "QN-0401", date(2024, 9, 1), date(2024, 10, 1))

    rows = read_side.ask(questions.audit_trail(after=0, limit=100), wait_for=last.position)
    assert [row["position"] for row in rows] == list(range(1, last.position + 1))
    assert [(row["code"], row["version"], row["type"]) for row in rows] == [
        ("QN-0401", 1, "Registered"),
        ("QN-0402", 1, "Registered"),
        ("QN-0401", 2, "Evaluated"),
        ("QN-0401", 3, "Starred"),
        ("QN-0401", 4, "Suspended"),
    ]
    events = registry.events_of("QN-0401")
    mine = [row for row in rows if row["code"] == "QN-0401"]
    for row, event in zip(mine, events, strict=True):
        assert row["payload"] == json.loads(json.dumps(describe_event(event)))
        assert (row["effective_on"], row["recorded_at"]) == (event.effective_on, event.timestamp)
        assert row["actor"]["principal_id"] == event.actor.principal_id
    starred, suspended = mine[2], mine[3]
    assert starred["refs"] == {"certificate_number": "QN-0401-C1", "decision_ref": "1/QĐ-UBND"}
    assert suspended["refs"] == {"inspection_ref": "KT-QN-0401-20240901"}
    assert suspended["actor"] == {
        "principal_id": "inspector:Quảng Ninh",
        "role": "inspector",
        "province": "Quảng Ninh",
        "level": None,
    }


def test_the_trail_is_read_page_by_page_after_a_position(
    registry: Registry, read_side: ReadSide, projector: Projector
) -> None:
    for number in range(1, 6):
        story.register(registry, f"QN-041{number}", f"Sản phẩm {number}", date(2024, 1, number))
    projector.catch_up()
    first = read_side.ask(questions.audit_trail(after=0, limit=2))
    second = read_side.ask(questions.audit_trail(after=first[-1]["position"], limit=2))
    rest = read_side.ask(questions.audit_trail(after=second[-1]["position"], limit=10))
    assert [row["code"] for row in first + second + rest] == [f"QN-041{n}" for n in range(1, 6)]


def test_a_products_events_come_in_version_order(
    registry: Registry, read_side: ReadSide, projecting: Projector
) -> None:
    story.register(registry, "QN-0421", "Hải sâm Cô Tô", date(2024, 1, 2))
    story.register(registry, "QN-0422", "Nếp cái hoa vàng", date(2024, 1, 2))
    last = story.certify(registry, "QN-0421", 4, date(2024, 3, 1))
    rows = read_side.ask(questions.product_events("QN-0421"), wait_for=last.position)
    assert [(row["version"], row["type"]) for row in rows] == [
        (1, "Registered"),
        (2, "Evaluated"),  # by the district council (148), which forwards it
        (3, "Forwarded"),
        (4, "Evaluated"),
        (5, "Starred"),
    ]
    assert read_side.ask(questions.product_events("QN-0000")) == []
