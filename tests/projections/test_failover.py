"""Two ``ocop project`` processes on one PostgreSQL database (issue 14, item 2): exactly one
is active; ``kill -9`` of it, and the standby takes over and projects what was written since.
The takeover time is printed (``pytest -s``): from the kill to the standby recorded as active,
and to the lag back at 0. On SQLite a second process is refused until the first one dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path
from time import monotonic

import psycopg
import pytest

from ocop.cli.projection import ANOTHER_PROJECTOR
from projections import ReadSide
from projections.lease import active_projector
from registry.service import Registry
from storage.event_log import CHANNEL
from storage.session_lock import NAMESPACE
from tests.conftest import sessions_of
from tests.projections import programme as story
from tests.projections.waiting import wait_until


def ocop_project(url: str, log: Path) -> subprocess.Popen[bytes]:
    """``ocop project`` as a process of its own, its log (JSON lines) into ``log``."""
    ocop = Path(sys.executable).with_name("ocop")
    env = {**os.environ, "OCOP_DATABASE_URL": url, "OCOP_LOG_LEVEL": "info"}
    with log.open("wb") as out:
        return subprocess.Popen([str(ocop), "project"], env=env, stdout=out, stderr=out)


def active_pid(read_side: ReadSide) -> int | None:
    """The process the database names as the active projector (host:pid)."""
    holder = read_side.ask(active_projector)
    return None if holder is None else int(holder.holder.rpartition(":")[2])


def locks_held(url: str) -> int:
    """How many sessions hold this register's projector lock (pg_locks)."""
    schema = url.partition("?schema=")[2]
    with psycopg.connect(url.partition("?")[0], autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND classid = %s::int4::oid AND objid = hashtext(%s)::oid AND objsubid = 2",
            (NAMESPACE, f"{schema}.{CHANNEL}"),
        ).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.postgres
def test_one_of_two_projectors_is_active_and_the_other_takes_over_after_kill_9(
    pg_registry: Registry, postgres_url: str, pg_read_side: ReadSide, tmp_path: Path
) -> None:
    registry, read_side = pg_registry, pg_read_side
    first = story.register(registry, "QN-0801", "Nem chua", date(2024, 1, 2)).position
    projectors = {}
    for name in ("one", "two"):
        process = ocop_project(postgres_url, tmp_path / f"{name}.log")
        projectors[process.pid] = (process, tmp_path / f"{name}.log")

    def logs() -> str:
        return "".join(log.read_text() for _, log in projectors.values())

    try:
        assert wait_until(lambda: active_pid(read_side) in projectors, timeout=60), logs()
        assert read_side.wait_for(first, timeout=30)
        active = active_pid(read_side)
        assert active is not None
        (standby,) = set(projectors) - {active}
        assert wait_until(lambda: "projector.standby" in projectors[standby][1].read_text(), 60), (
            logs()
        )
        assert locks_held(postgres_url) == 1
        assert sessions_of(postgres_url, "ocop-projector") == 1  # a standby holds no more

        killed = monotonic()
        os.kill(active, signal.SIGKILL)
        written = [
            story.register(registry, f"QN-08{number}", "Nem chua", date(2024, 1, 2)).position
            for number in range(10, 20)
        ]
        assert wait_until(lambda: active_pid(read_side) == standby, timeout=30), logs()
        took_over = monotonic() - killed
        assert read_side.wait_for(written[-1], timeout=30) and read_side.lag() == 0, logs()
        caught_up = monotonic() - killed
        print(
            f"\nfailover: standby recorded as active {took_over:.2f} s after kill -9 of the "
            f"active projector; lag back to 0 after {caught_up:.2f} s ({len(written)} events "
            "written meanwhile)"
        )
        assert locks_held(postgres_url) == 1
        assert '"projector.active"' in projectors[standby][1].read_text()
    finally:
        for process, _ in projectors.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        exits = {pid: process.wait(timeout=30) for pid, (process, _) in projectors.items()}
    assert exits[standby] == 0 and exits[active] == -signal.SIGKILL


def test_on_sqlite_a_second_ocop_project_is_refused_until_the_first_dies(
    sqlite_url: str, tmp_path: Path
) -> None:
    first = ocop_project(sqlite_url, tmp_path / "first.log")
    try:
        assert wait_until(lambda: '"projector.active"' in (tmp_path / "first.log").read_text(), 60)
        second = ocop_project(sqlite_url, tmp_path / "second.log")
        assert second.wait(timeout=60) == ANOTHER_PROJECTOR
        refusal = (tmp_path / "second.log").read_text()
        assert f"ocop project: a projector already keeps the read models of {sqlite_url}" in refusal
        assert f":{first.pid}, since" in refusal
        os.kill(first.pid, signal.SIGKILL)  # the OS frees its lock
        assert first.wait(timeout=30) == -signal.SIGKILL
        third = ocop_project(sqlite_url, tmp_path / "third.log")
        assert wait_until(lambda: '"projector.active"' in (tmp_path / "third.log").read_text(), 60)
        third.send_signal(signal.SIGTERM)
        assert third.wait(timeout=30) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=30)
