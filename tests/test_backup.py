"""``ocop backup`` and ``ocop restore``: a backup taken while the register writes restores to
the register as it stood at the backup's head, proved as a migration is; a tampered restore
is named; nothing is ever overwritten."""

from __future__ import annotations

import re
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest

from ocop.cli import main
from registry.answer_store import answering_environment
from registry.service import Order, Registry
from seed import builders as make
from storage.url import StoreUrl
from tests.conftest import ADMIN_URL
from tests.test_migrate import demo_in

WAIT = 60  # seconds any condition is waited for, at most


class Writer(threading.Thread):
    """Registers one product after another in the store at ``url`` until stopped."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.registry = Registry(answering_environment(StoreUrl.parse(url)))
        self.written, self.stopping, self.news = 0, threading.Event(), threading.Condition()

    def run(self) -> None:
        while not self.stopping.is_set():
            order = Order(make.office(), make.registration(date(2020, 1, 2), f"QN-W{self.written}"))
            self.registry.carry_out(order)
            with self.news:
                self.written += 1
                self.news.notify_all()

    def wait_for(self, written: int) -> None:
        """Returns once ``written`` products are recorded."""
        with self.news:
            assert self.news.wait_for(lambda: self.written >= written, timeout=WAIT)

    def stop(self) -> None:
        self.stopping.set()
        self.join(WAIT)
        self.registry.close()


def ran(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The exit status, output and errors of ``ocop`` with ``argv``."""
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def head_said(out: str) -> int:
    """The head an ``ocop backup`` or ``ocop restore`` printed."""
    found = re.search(r"head (\d+)", out)
    assert found, out
    return int(found.group(1))


def test_a_backup_taken_while_the_register_writes_restores_as_it_stood_then(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = Writer(sqlite_url)
    writer.start()
    try:
        writer.wait_for(20)
        code, out, err = ran(["backup", str(tmp_path / "b.db"), "--from", sqlite_url], capsys)
        assert code == 0, err
        written = writer.written
        writer.wait_for(written + 10)  # the register goes on past the backup
    finally:
        writer.stop()
    backup_head = head_said(out)
    assert 20 <= backup_head < writer.written
    restored = f"sqlite:///{tmp_path}/restored.db"
    code, out, err = ran(["restore", str(tmp_path / "b.db"), "--to", restored,
                          "--against", sqlite_url], capsys)  # fmt: skip
    assert code == 0, err
    assert f"as it stood at position {backup_head}: head {backup_head}," in out
    assert f"history of {backup_head} products equal" in out
    code, out, err = ran(["restore", str(tmp_path / "b.db"), "--to",
                          f"sqlite:///{tmp_path}/again.db"], capsys)  # fmt: skip
    assert code == 0, err
    assert f"equal to sqlite:///{tmp_path}/b.db: head {backup_head}," in out


def test_a_tampered_backup_restores_as_not_equal_naming_the_event(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_in(sqlite_url)
    backup = tmp_path / "b.db"
    assert ran(["backup", str(backup), "--from", sqlite_url], capsys)[0] == 0
    with sqlite3.connect(backup) as db:
        db.execute("UPDATE stored_events SET state = CAST(state || x'20' AS BLOB) WHERE rowid = 7")
    code, _, err = ran(["restore", str(backup), "--to", f"sqlite:///{tmp_path}/r.db",
                        "--against", sqlite_url], capsys)  # fmt: skip
    assert code == 1
    assert "not equal: the events at position 7 differ" in err


def test_nothing_is_overwritten(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_in(sqlite_url)
    existing = tmp_path / "existing"
    existing.write_text("kept")
    code, _, err = ran(["backup", str(existing), "--from", sqlite_url], capsys)
    assert code == 2 and "exists: a backup never overwrites a file" in err
    assert existing.read_text() == "kept"
    assert ran(["backup", str(tmp_path / "b.db"), "--from", sqlite_url], capsys)[0] == 0
    code, _, err = ran(["restore", str(tmp_path / "b.db"), "--to", sqlite_url], capsys)
    assert code == 2 and "is not empty: a restore never overwrites a store" in err
    code, _, err = ran(["restore", str(existing), "--to", f"sqlite:///{tmp_path}/r.db"], capsys)
    assert code == 2 and "neither a SQLite file nor a pg_dump archive" in err


@pytest.fixture
def fresh_databases(postgres_database: str) -> Iterator[Callable[[], str]]:
    """Makes databases of this test's own on the PostgreSQL server, dropped afterwards."""
    names: list[str] = []

    def fresh() -> str:
        names.append(f"ocop_restore_{secrets.token_hex(6)}")
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{names[-1]}"')
        return f"{ADMIN_URL.rpartition('/')[0]}/{names[-1]}"

    yield fresh
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_a_postgres_dump_restores_into_a_fresh_database_equal_to_its_source(
    postgres_url: str, fresh_databases: Callable[[], str], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    demo_in(postgres_url)
    dump = tmp_path / "register.dump"
    code, out, err = ran(["backup", str(dump), "--from", postgres_url], capsys)
    assert code == 0, err
    assert dump.read_bytes().startswith(b"PGDMP") and dump.stat().st_mode & 0o077 == 0
    fresh_database, schema = fresh_databases(), postgres_url.partition("?")[2]
    target = f"{fresh_database}?{schema}"
    code, out, err = ran(["restore", str(dump), "--to", target, "--against", postgres_url],
                         capsys)  # fmt: skip
    assert code == 0, err
    assert "every event and the history of" in out and "log root" in out
    code, _, err = ran(["restore", str(dump), "--to", target], capsys)
    assert code == 2 and "is not empty" in err
    with psycopg.connect(target.partition("?")[0], autocommit=True) as conn:  # tampered
        conn.execute(f"UPDATE {schema.partition('=')[2]}.ocop_events "
                     "SET state = state || '\\x20'::bytea WHERE notification_id = 7")  # fmt: skip
    again = tmp_path / "tampered.dump"
    assert ran(["backup", str(again), "--from", target], capsys)[0] == 0
    with psycopg.connect(fresh_database, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA other")
    code, _, err = ran(["restore", str(again), "--to", f"{fresh_database}?schema=other"], capsys)
    assert code == 2 and "restore it to a URL naming one" in err
    code, _, err = ran(["restore", str(again), "--to", f"{fresh_databases()}?{schema}",
                        "--against", postgres_url], capsys)  # fmt: skip
    assert code == 1
    assert "not equal: the events at position 7 differ" in err


@pytest.mark.postgres
def test_a_whole_database_dump_restores_and_is_checked_against_itself_without_a_source(
    fresh_databases: Callable[[], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, dump = fresh_databases(), tmp_path / "whole.dump"
    demo_in(source)  # in the database's public schema: the URL names none
    assert ran(["backup", str(dump), "--from", source], capsys)[0] == 0
    target = fresh_databases()
    code, _, err = ran(["restore", str(dump), "--to", f"{target}?schema=elsewhere"], capsys)
    assert code == 2 and "the dump holds tables in public;" in err
    code, out, err = ran(["restore", str(dump), "--to", target], capsys)
    assert code == 0, err
    assert "checked against itself only (no --against): head" in out
