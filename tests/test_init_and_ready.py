"""``ocop init``, compose's one-shot service: every table and the log's key, idempotent; and
``ocop ready``, the projectors' healthcheck: the store answers and the projection keeps up."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocop.cli import main
from projections.progress import now, record_failure
from tests.conftest import connections_to

TABLES = (
    "ocop_api_keys", "ocop_idempotency_claims", "log_checkpoints", "projection_tracking",
    "product_status", "log_leaves",
)  # fmt: skip


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A new SQLite store and a key file not yet written, named by the settings."""
    url = f"sqlite:///{tmp_path}/ocop.db"
    monkeypatch.setenv("OCOP_DATABASE_URL", url)
    monkeypatch.setenv("OCOP_LOG_SIGNING_KEY_FILE", str(tmp_path / "log.key"))
    return url


def tables_of(url: str) -> set[str]:
    database = connections_to(url)
    try:
        rows = database.ask(lambda db: db.rows("SELECT name FROM sqlite_master"))
    finally:
        database.close()
    return {row["name"] for row in rows}


def test_init_creates_every_table_and_the_logs_key_once(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--log-origin", "ocop.test/log"]) == 0
    first = capsys.readouterr().out
    key = (tmp_path / "log.key").read_text()
    assert set(TABLES) <= tables_of(store)
    assert (tmp_path / "log.key").stat().st_mode & 0o077 == 0
    assert main(["init", "--log-origin", "ocop.test/log"]) == 0  # a restarted deployment
    assert capsys.readouterr().out == first and "ocop.test/log+" in first
    assert (tmp_path / "log.key").read_text() == key


def test_init_refuses_to_guess_the_logs_name(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 2
    assert "--log-origin" in capsys.readouterr().err
    assert not (tmp_path / "log.key").exists()


def test_ready_while_the_projection_keeps_up_and_not_once_it_fails(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--log-origin", "ocop.test/log"]) == 0
    assert main(["ready"]) == 0
    assert "ready, projected 0 of 0" in capsys.readouterr().out
    database = connections_to(store)
    try:
        database.ask(lambda db: record_failure(db, 1, "undecodable-event", "boom", now()))
    finally:
        database.close()
    assert main(["ready"]) == 1
    assert "projector-failing" in capsys.readouterr().out


def test_not_ready_while_the_store_does_not_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OCOP_DATABASE_URL", "postgresql://ocop@127.0.0.1:1/ocop?connect_timeout=1")
    assert main(["ready"]) == 1
    assert "the store does not answer" in capsys.readouterr().err
