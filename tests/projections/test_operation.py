"""Running the projector: in the API process on a thread, as its own process (``ocop
project``), rebuilt from zero (``ocop rebuild``), and how far behind the log it is."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import structlog

from ocop.cli import main
from projections import ProjectionBehind, Projector, ReadSide, questions
from registry.service import Registry
from tests.conftest import TODAY, connections_to
from tests.projections import programme as story


def test_the_lag_is_the_log_head_minus_the_tracked_position(
    registry: Registry, read_side: ReadSide, projector: Projector
) -> None:
    assert (read_side.head(), read_side.position(), read_side.lag()) == (0, 0, 0)
    story.register(registry, "QN-0801", "Nấm lim xanh", date(2024, 1, 2))
    last = story.certify(registry, "QN-0801", 3, date(2024, 2, 1))
    assert (read_side.head(), read_side.position(), read_side.lag()) == (last.position, 0, 3)
    projector.catch_up()
    assert (read_side.position(), read_side.lag()) == (last.position, 0)


def test_a_read_that_must_see_a_write_says_so_when_the_projection_is_behind(
    registry: Registry, read_side: ReadSide
) -> None:
    joined = story.register(registry, "QN-0802", "Miến dong Bình Liêu", date(2024, 1, 2))
    assert not read_side.wait_for(joined.position, timeout=0.05)
    with pytest.raises(ProjectionBehind) as behind:
        read_side.ask(
            questions.public_product("QN-0802", on=TODAY), wait_for=joined.position, timeout=0.05
        )
    assert behind.value.position == joined.position
    assert (
        read_side.ask(questions.public_product("QN-0802", on=TODAY)) is None
    )  # without waiting: not yet


def test_the_background_projector_is_woken_by_a_write(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    runner = Projector(
        registry, connections_to(store_url), poll_interval=30
    )  # polling alone would be too slow
    runner.start()
    try:
        assert read_side.wait_for(0)
        joined = story.register(registry, "QN-0803", "Sâm Bình Liêu", date(2024, 1, 2))
        if store_url.startswith("sqlite"):
            runner.wake()  # what the API does after a write; PostgreSQL's NOTIFY wakes it
        assert read_side.wait_for(joined.position, timeout=5)
    finally:
        runner.stop()


def test_opening_the_read_side_twice_keeps_what_it_holds(
    registry: Registry, store_url: str, read_side: ReadSide, projector: Projector
) -> None:
    story.register(registry, "QN-0804", "Ba kích tím", date(2024, 1, 2))
    projector.catch_up()
    again = ReadSide.open(connections_to(store_url))
    try:
        assert (
            again.position() == 1
            and again.ask(questions.product_status("QN-0804", on=TODAY)) is not None
        )
    finally:
        again.close()


@pytest.fixture
def logging_restored() -> Iterator[None]:
    """The command line configures structlog for its process; a test puts it back after."""
    saved = structlog.get_config()
    yield
    structlog.configure(**saved)


@pytest.mark.usefixtures("logging_restored")
def test_ocop_rebuild_refills_every_read_model_and_reports_events_per_second(
    registry: Registry, store_url: str, read_side: ReadSide, projector: Projector,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    for number in range(1, 4):
        story.register(registry, f"QN-081{number}", f"Sản vật {number}", date(2024, 1, number))
    projector.catch_up()
    before = read_side.snapshot()
    monkeypatch.setenv("OCOP_DATABASE_URL", store_url)
    assert main(["rebuild", "--batch-size", "2"]) == 0
    printed = capsys.readouterr().out
    assert "from 3 events" in printed and "events/s" in printed
    assert read_side.snapshot() == before and read_side.lag() == 0


def test_ocop_project_runs_as_its_own_process_until_sigterm(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    ocop = Path(sys.executable).with_name("ocop")
    env = {**os.environ, "OCOP_DATABASE_URL": store_url, "OCOP_LOG_LEVEL": "warning"}
    process = subprocess.Popen([str(ocop), "project"], env=env)
    try:
        joined = story.register(registry, "QN-0820", "Rượu Mơ Yên Tử", date(2024, 1, 2))
        assert read_side.wait_for(joined.position, timeout=20)
        later = story.certify(registry, "QN-0820", 3, date(2024, 2, 1))
        assert read_side.wait_for(later.position, timeout=10)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
