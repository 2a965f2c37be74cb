"""Each event is applied exactly once: a projector stopped between batches, or failing in
the middle of one, resumes after restart without applying any event twice or skipping one.
"""

from __future__ import annotations

from datetime import date

from projections import Projector, ReadSide, questions
from registry.service import Registry
from tests.conftest import connections_to
from tests.projections import programme as story
from tests.projections.waiting import RecordingLogger, wait_until


def record_a_season(registry: Registry) -> int:
    """Ten products join and five are certified: 20 events. Returns the last position."""
    for number in range(10):
        story.register(registry, f"QN-05{number:02}", f"Đặc sản {number}", date(2024, 1, 2))
    for number in range(0, 10, 2):
        last = story.certify(registry, f"QN-05{number:02}", 3, date(2024, 3, 1))
    return last.position


def assert_each_event_applied_once(registry: Registry, read_side: ReadSide) -> None:
    """Every position has its one audit row and milestone, each product its latest version."""
    head = read_side.head()
    assert read_side.position() == head and read_side.lag() == 0
    positions = [
        row["position"] for row in read_side.ask(questions.audit_trail(after=0, limit=1000))
    ]
    assert positions == list(range(1, head + 1))
    tables = read_side.snapshot()
    assert len(tables["programme_milestones"]) == 15  # 10 joined, 5 certificates issued
    assert len(tables["certificates"]) == 5
    for row in tables["product_status"]:
        assert row["version"] == registry.product(row["code"]).version


def test_a_projector_stopped_between_batches_resumes_where_it_stopped(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    head = record_a_season(registry)
    first = Projector(registry, connections_to(store_url), batch_size=3)
    assert first.catch_up(max_batches=2) == 6
    first.stop()
    assert (
        read_side.position() == 6
        and len(read_side.ask(questions.audit_trail(after=0, limit=100))) == 6
    )

    second = Projector(registry, connections_to(store_url), batch_size=3)
    assert second.catch_up() == head - 6
    second.stop()
    assert_each_event_applied_once(registry, read_side)


def test_a_background_projector_stopped_and_started_again_applies_the_rest(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    runner = Projector(registry, connections_to(store_url), batch_size=2, poll_interval=0.05)
    runner.start()
    story.register(registry, "QN-0550", "Trứng vịt biển", date(2024, 1, 2))
    assert read_side.wait_for(1)
    runner.stop()
    head = record_a_season(registry)
    assert read_side.position() == 1
    again = Projector(registry, connections_to(store_url), batch_size=2, poll_interval=0.05)
    again.start()
    try:
        assert read_side.wait_for(head)
    finally:
        again.stop()
    positions = [
        row["position"] for row in read_side.ask(questions.audit_trail(after=0, limit=1000))
    ]
    assert positions == list(range(1, head + 1))


def test_a_view_write_failing_mid_batch_rolls_the_batch_back_and_is_retried(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    record_a_season(registry)
    # A stray audit row at position 5 makes the second batch (4-6) fail on its second event,
    # after the batch's status rows were already written in the same transaction.
    with read_side.connections.borrowed() as db:
        db.run(
            "INSERT INTO audit_trail (position, product_id, code, version, event_type, "
            "effective_on, recorded_at, actor_id, actor_role, refs, payload) "
            "VALUES (5, 'x', 'STRAY', 1, 'Stray', ?, ?, 'x', 'x', ?, ?)",
            (date(2024, 1, 1), registry.events_of("QN-0500")[0].timestamp, {}, {}),
        )
    log = RecordingLogger()
    runner = Projector(
        registry,
        connections_to(store_url),
        batch_size=3,
        poll_interval=0.05,
        logger=log,
        max_backoff=0.2,
    )
    runner.start()
    try:
        assert wait_until(lambda: len(log.failures()) >= 2)
        assert runner.failure.text is not None and runner.running
        # after the failed batch it goes one event at a time: the one before the stray applies
        assert wait_until(lambda: read_side.position() == 4)
        assert runner.failure.position == 5
        assert runner.failure.code in {"IntegrityError", "UniqueViolation"}
        assert read_side.ask(questions.product_status("QN-0503", on=date(2024, 6, 1))) is not None
        assert read_side.ask(questions.product_status("QN-0504", on=date(2024, 6, 1))) is None
        with read_side.connections.borrowed() as db:
            db.run("DELETE FROM audit_trail WHERE code = 'STRAY'")
        assert read_side.wait_for(read_side.head())
        assert wait_until(lambda: runner.failure.text is None)
    finally:
        runner.stop()
    assert_each_event_applied_once(registry, read_side)
    assert ("projector.recovered", "info") in log.events


def test_two_projectors_running_at_once_never_apply_an_event_twice(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    """As when several API processes each run their own projector on one database: between
    them they apply each event once (their counts add up to the log), and neither ever ran
    into a row the other had written (no failure, e.g. a duplicate key, is logged)."""
    logs = [RecordingLogger() for _ in "ab"]
    runners = [
        Projector(registry, connections_to(store_url), batch_size=2, poll_interval=0.01, logger=log)
        for log in logs
    ]
    for runner in runners:
        runner.start()
    try:
        head = record_a_season(registry)
        assert read_side.wait_for(head, timeout=10)
    finally:
        for runner in runners:
            runner.stop()
    assert [log.failures() for log in logs] == [[], []]
    assert sum(runner.applied for runner in runners) == head == read_side.position()
    assert_each_event_applied_once(registry, read_side)
