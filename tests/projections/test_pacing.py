"""The background projector's pace: under a steady stream of writes its batches begin at most
once in a ``gather``; the first write after a quiet spell is projected at once, and a read
waiting for a write hurries the next batch (``projections/pacing.py``)."""

from __future__ import annotations

import threading
from datetime import date

from projections import Projector, ReadSide
from projections.pacing import Pacing
from registry.service import Registry
from tests.conftest import connections_to
from tests.projections import programme as story
from tests.projections.waiting import RecordingLogger, wait_until


class FakeClock:
    """Seconds that pass only when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_batch_waits_only_for_what_is_left_of_the_gather_since_the_last_began() -> None:
    clock = FakeClock()
    pacing = Pacing(0.25, clock)
    assert pacing.delay() == 0.0  # nothing began yet
    pacing.before_batch()
    clock.now += 0.1
    assert round(pacing.delay(), 6) == 0.15
    clock.now += 0.2
    assert pacing.delay() == 0.0  # a quiet spell longer than the gather: at once


def test_hurrying_ends_the_wait_and_counts_for_one_batch_only() -> None:
    clock = FakeClock()
    pacing = Pacing(30, clock)
    pacing.before_batch()
    pacing.hurry()
    assert pacing.delay() == 0.0
    pacing.before_batch()  # hurried: does not wait 30 s
    assert pacing.delay() == 30.0


def test_a_batch_held_for_its_pace_does_not_begin_once_the_projector_stops() -> None:
    pacing = Pacing(30)
    pacing.before_batch()
    pacing.hurry()  # as stopping does
    assert pacing.before_batch(lambda: True) is False


def test_a_batch_held_for_its_pace_begins_when_hurried_from_another_thread() -> None:
    pacing = Pacing(30)
    pacing.before_batch()
    began: list[bool] = []
    waiting = threading.Thread(target=lambda: began.append(pacing.before_batch()))
    waiting.start()
    pacing.hurry()
    waiting.join(5)
    assert began == [True]


def test_writes_in_a_stream_wait_for_the_pace_unless_a_read_waits_for_them(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    logger = RecordingLogger()
    runner = Projector(
        registry, connections_to(store_url), poll_interval=30, gather=30, logger=logger
    )
    read_side.when_awaited(runner.pacing.hurry)
    runner.start()
    try:
        first = story.register(registry, "QN-0811", "Chè Đường Hoa", date(2024, 1, 2))
        runner.wake()  # what the API does after a write (PostgreSQL's NOTIFY does too)
        assert wait_until(lambda: read_side.position() >= first.position, 5)  # at once
        second = story.register(registry, "QN-0812", "Mật ong Bình Liêu", date(2024, 1, 3))
        runner.wake()
        assert not wait_until(lambda: read_side.position() >= second.position, 0.3)  # its pace
        assert read_side.wait_for(second.position, timeout=5)  # a read waits: hurried
        third = story.register(registry, "QN-0813", "Sá sùng Vân Đồn", date(2024, 1, 4))
        runner.wake()  # held for its pace again when the projector is stopped
    finally:
        runner.stop(timeout=5)
    assert ("projector.stop_timed_out", "warning") not in logger.events
    assert read_side.position() < third.position
