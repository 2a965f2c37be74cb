"""What the status and certificate views show as a product goes through the programme.

Each story is told through the register's commands; the projector runs in the background
and every read waits for the position the last write answered (read your writes).
"""

from __future__ import annotations

from datetime import date

from projections import Projector, ReadSide, questions
from registry.service import Registry
from tests.conftest import TODAY
from tests.projections import programme as story


def test_a_registered_product_takes_part_until_it_is_certified(
    registry: Registry, read_side: ReadSide, projecting: Projector
) -> None:
    joined = story.register(registry, "QN-0101", "Mắm chả mực Hạ Long", date(2025, 9, 1))
    status = read_side.ask(questions.product_status("QN-0101", on=TODAY), wait_for=joined.position)
    assert status is not None
    assert (status["status"], status["stars"], status["version"]) == ("participating", None, 1)
    assert status["position"] == joined.position and status["last_event"] == "Registered"

    starred = story.certify(registry, "QN-0101", 4, date(2025, 10, 2))
    status = read_side.ask(questions.product_status("QN-0101", on=TODAY), wait_for=starred.position)
    assert status is not None
    assert (status["status"], status["stars"]) == ("certified", 4)
    assert status["certificate_number"] == "QN-0101-C1"
    assert (status["valid_from"], status["valid_until"]) == (date(2025, 10, 2), date(2028, 10, 1))
    assert (status["version"], status["position"]) == (starred.version, starred.position)


def test_an_inspector_suspends_a_four_star_product_and_the_public_page_shows_why(
    registry: Registry, read_side: ReadSide, projecting: Projector
) -> None:
    story.register(registry, "QN-0102", "Chả mực giã tay", date(2024, 1, 5))
    story.certify(registry, "QN-0102", 4, date(2024, 2, 1))
    suspended = story.suspend(
        registry, "QN-0102", date(2025, 3, 3), date(2025, 5, 1), reason="Bao bì ghi sai hạn dùng"
    )
    page = read_side.ask(questions.public_product("QN-0102", on=TODAY), wait_for=suspended.position)
    assert page is not None
    assert (page["status"], page["stars"], page["certificate_number"]) == (
        "suspended",
        4,
        "QN-0102-C1",
    )
    assert page["owner_name"] == "HTX Nông nghiệp Đồng Tâm" and "owner_id" not in page
    assert page["reasons"] == [
        {
            "on": date(2025, 3, 3),
            "kind": "suspended",
            "reason": "Bao bì ghi sai hạn dùng",
            "inspection_ref": "KT-QN-0102-20250303",
            "corrective_deadline": date(2025, 5, 1),
        }
    ]
    by_number = read_side.ask(questions.public_certificate("QN-0102-C1", on=TODAY))
    assert by_number is not None
    assert (by_number["status"], by_number["code"]) == ("suspended", "QN-0102")
    assert by_number["reasons"] == page["reasons"]


def test_a_reinstated_certificate_keeps_its_valid_until(
    registry: Registry, read_side: ReadSide, projecting: Projector
) -> None:
    story.register(registry, "QN-0103", "Rượu ba kích", date(2024, 1, 5))
    story.certify(registry, "QN-0103", 3, date(2024, 2, 1))
    story.suspend(registry, "QN-0103", date(2024, 6, 1), date(2024, 7, 1))
    back = story.reinstate(registry, "QN-0103", date(2024, 6, 20))
    page = read_side.ask(questions.public_product("QN-0103", on=TODAY), wait_for=back.position)
    assert page is not None
    assert (page["status"], page["valid_until"]) == ("certified", date(2027, 1, 31))
    assert [reason["kind"] for reason in page["reasons"]] == ["suspended", "reinstated"]
    assert page["reasons"][1]["reinspection_ref"] == "TKT-QN-0103-20240620"


def test_a_certificate_past_its_valid_until_reads_expired_on_later_days_only(
    registry: Registry, read_side: ReadSide, projecting: Projector
) -> None:
    story.register(registry, "QN-0104", "Trà hoa vàng Ba Chẽ", date(2020, 1, 10))
    starred = story.certify(registry, "QN-0104", 4, date(2020, 3, 2))
    status = read_side.ask(questions.product_status("QN-0104", on=TODAY), wait_for=starred.position)
    assert status is not None and status["status"] == "expired"
    last_day = read_side.ask(questions.public_product("QN-0104", on=date(2023, 3, 1)))
    day_after = read_side.ask(questions.public_product("QN-0104", on=date(2023, 3, 2)))
    assert last_day is not None and day_after is not None
    assert (last_day["status"], day_after["status"]) == ("certified", "expired")
    certificate = read_side.ask(questions.public_certificate("QN-0104-C1", on=TODAY))
    assert certificate is not None and certificate["status"] == "expired"


def test_a_renewal_supersedes_the_earlier_certificate(
    registry: Registry, read_side: ReadSide, projecting: Projector
) -> None:
    story.register(registry, "QN-0105", "Ngán Hạ Long", date(2023, 3, 1))
    story.certify(registry, "QN-0105", 3, date(2023, 4, 1))
    renewed = story.certify(registry, "QN-0105", 4, date(2025, 8, 1))
    old = read_side.ask(
        questions.public_certificate("QN-0105-C1", on=TODAY), wait_for=renewed.position
    )
    new = read_side.ask(questions.public_certificate("QN-0105-C2", on=TODAY))
    assert old is not None and new is not None
    assert (old["status"], old["stars"], old["last_stars"], old["current_certificate"]) == (
        "superseded",
        None,
        3,
        "QN-0105-C2",
    )
    assert (new["status"], new["stars"]) == ("certified", 4)
    product = read_side.ask(questions.public_product("QN-0105", on=TODAY))
    assert product is not None and product["certificate_number"] == "QN-0105-C2"


def test_a_revoked_certificate_shows_its_reason_and_the_product_can_then_be_removed(
    registry: Registry, read_side: ReadSide, projecting: Projector
) -> None:
    story.register(registry, "QN-0106", "Nước mắm Cái Rồng", date(2024, 1, 5))
    story.certify(registry, "QN-0106", 3, date(2024, 2, 1))
    revoked = story.revoke(registry, "QN-0106", 3, date(2025, 11, 3))
    page = read_side.ask(questions.public_product("QN-0106", on=TODAY), wait_for=revoked.position)
    assert page is not None and page["status"] == "revoked"
    assert page["reasons"][-1] == {
        "on": date(2025, 11, 3),
        "kind": "revoked",
        "reason": "A breach of the programme's regulations.",
        "reason_code": "breach-of-regulation",
        "decision_ref": "THU-QN-0106",
    }
    removed = story.remove(registry, "QN-0106", date(2025, 12, 1))
    status = read_side.ask(questions.product_status("QN-0106", on=TODAY), wait_for=removed.position)
    assert status is not None
    assert (status["status"], status["removed_on"]) == ("removed", date(2025, 12, 1))
    certificate = read_side.ask(questions.public_certificate("QN-0106-C1", on=TODAY))
    assert certificate is not None
    assert (certificate["status"], certificate["product_status"]) == ("revoked", "removed")


def test_unknown_codes_and_numbers_are_not_found(read_side: ReadSide, projector: Projector) -> None:
    projector.catch_up()
    assert read_side.ask(questions.product_status("QN-9999", on=TODAY)) is None
    assert read_side.ask(questions.public_product("QN-9999", on=TODAY)) is None
    assert read_side.ask(questions.public_certificate("QN-9999-C1", on=TODAY)) is None
