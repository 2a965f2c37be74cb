"""The renewal read model: the audit trail keeps each notice with its references, and the
certificates due for notice are listed per province until they are re-recognised."""

from __future__ import annotations

from datetime import date

from projections import Projector, ReadSide, questions
from registry.service import Registry
from tests.projections import programme as story

ON = date(2026, 11, 29)


def test_a_notice_is_in_the_audit_trail_and_the_due_list_until_re_recognition(
    registry: Registry, read_side: ReadSide, projecting: Projector
) -> None:
    """Certified 4★ on 20/12/2023 under 148: notice due by 19/11/2026 (148: 30 days)."""
    story.register(registry, "QN-0901", "Nước mắm Cái Rồng", date(2023, 3, 1))
    story.register(registry, "HG-0902", "Chè Shan tuyết", date(2023, 3, 1), province="Hà Giang")
    story.certify(registry, "QN-0901", 4, date(2023, 12, 20))
    story.certify(registry, "HG-0902", 4, date(2024, 6, 3), province="Hà Giang")
    notice = story.give_notice(registry, "QN-0901", 4, date(2026, 11, 2))
    trail = read_side.ask(questions.audit_trail(after=0, limit=100), wait_for=notice.position)
    assert (trail[-1]["type"], trail[-1]["refs"]) == (
        "RenewalNoticeGiven",
        {"notice_ref": "TB-QN-0901-20261102", "certificate_number": "QN-0901-C1"},
    )
    due = read_side.ask(questions.due_for_notice(on=ON, within_days=30, province="quang ninh"))
    assert [(r["code"], r["notice_by"], r["days_left"]) for r in due] == [
        ("QN-0901", date(2026, 11, 19), 20)
    ]
    assert due[0]["notices"] == [{"notice_ref": "TB-QN-0901-20261102", "on": date(2026, 11, 2)}]
    assert read_side.ask(questions.due_for_notice(on=ON, within_days=30, province="Hà Giang")) == []
    # Hà Giang's certificate ends on 2/6/2027: its notice is due by 3/5/2027.
    far = read_side.ask(questions.due_for_notice(on=ON, within_days=160, province=None))
    assert [r["code"] for r in far] == ["QN-0901", "HG-0902"]
    renewed = story.certify(registry, "QN-0901", 4, date(2026, 11, 25))
    read_side.ask(questions.audit_trail(after=0, limit=1), wait_for=renewed.position)
    assert read_side.ask(questions.due_for_notice(on=ON, within_days=30, province=None)) == []
