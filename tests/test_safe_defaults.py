"""Safe defaults: the SQLite store is private to its owner, and the demo (with its live keys)
goes only into a new, empty store, printing its keys as the last thing before the server's log.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from ocop.cli import main
from ocop.cli.serve import introduce_demo
from ocop.services import build_services
from ocop.settings import Settings
from registry.service import Registry
from storage.environment import store_environment
from storage.url import StoreUrl
from tests.conftest import fixed_today
from tests.contract.stories import LIFE, record

KEY_LINE = re.compile(r"^  \S+ +.+ ocop_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_store_and_its_journal_are_readable_by_their_owner_alone(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path}/var/ocop.db"
    registry = Registry(store_environment(StoreUrl.parse(url)), clock=fixed_today)
    try:
        record(registry, LIFE[:2])
        modes = {f.name: mode(f) for f in (tmp_path / "var").iterdir()}
    finally:
        registry.close()
    assert "ocop.db" in modes and "ocop.db-wal" in modes
    assert modes == dict.fromkeys(modes, 0o600)


def test_an_existing_file_keeps_the_mode_its_owner_gave_it(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    path.touch(mode=0o640)
    path.chmod(0o640)
    store_environment(StoreUrl.parse(f"sqlite:///{path}"))
    assert mode(path) == 0o640


def test_the_demo_refuses_a_store_that_holds_another_register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path}/real.db"
    registry = Registry(store_environment(StoreUrl.parse(url)), clock=fixed_today)
    record(registry, LIFE[:3])
    head = registry.recorder.max_notification_id()
    monkeypatch.setenv("OCOP_DATABASE_URL", url)

    assert main(["serve", "--demo", "--port", "1"]) == 2

    refusal = capsys.readouterr()
    assert "new, empty store" in refusal.err and "ocop_" not in refusal.out
    assert registry.recorder.max_notification_id() == head
    services = build_services(Settings(database_url=url))
    try:
        assert services.keys.list() == []
    finally:
        services.close()
        registry.close()


def test_the_demo_keys_are_the_last_lines_and_a_restart_revokes_the_earlier_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = build_services(Settings(database_url=f"sqlite:///{tmp_path}/demo.db"))
    try:
        introduce_demo(services, "http://127.0.0.1:8000")
        first = capsys.readouterr().out.rstrip().splitlines()
        introduce_demo(services, "http://127.0.0.1:8000")
        second = capsys.readouterr().out.rstrip().splitlines()
        live = [r for r in services.keys.list() if r.revoked_at is None]
        old_keys = [line.split()[-1] for line in first[-len(live) :]]
        still_valid = [key for key in old_keys if services.keys.principal(key) is not None]
    finally:
        services.close()
    assert "demo register loaded" in "\n".join(first)
    assert "demo register already present" in "\n".join(second)
    for printed in (first, second):
        tail = printed[-len(live) :]
        assert all(KEY_LINE.match(line) for line in tail), tail
        assert not KEY_LINE.match(printed[-len(live) - 1])
    assert len(old_keys) == len(live) > 10 and still_valid == []
