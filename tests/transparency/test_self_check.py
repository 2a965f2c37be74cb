"""The register checks itself at start, on both backends: an event edited or deleted directly
in the events table is named at its position, and ``ocop serve`` and ``ocop project`` refuse
to start; the projector will not sign a rebuilt tree that differs from the stored checkpoint."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg
import pytest

from ocop.cli import main
from ocop.log_keeping import LogKeeping
from projections import Projector
from projections.log_check import check_log
from registry.service import Registry
from storage.url import StoreUrl
from tests.conftest import connections_to
from tests.projections import programme as story
from tests.transparency.test_checkpoints import Said
from tests.transparency.test_tamper import record, rewrite_decision
from transparency.checkpoints import Checkpointer, ForkRefused
from transparency.note import SigningKey


def projected(registry: Registry, store_url: str) -> Projector:
    projector = Projector(registry, connections_to(store_url))
    projector.catch_up()
    return projector


def delete_event(store_url: str, position: int) -> None:
    """An operator deletes the event at ``position`` directly in the database."""
    url = StoreUrl.parse(store_url)
    if url.kind == "sqlite":
        import sqlite3

        with sqlite3.connect(url.path) as conn:
            conn.execute("DELETE FROM stored_events WHERE rowid = ?", [position])
        return
    base, _, schema = store_url.partition("?schema=")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DELETE FROM "{schema}".ocop_events WHERE notification_id = %s', [position])


def checked(registry: Registry, store_url: str, limit: int = 1000) -> int | None:
    connections = connections_to(store_url)
    try:
        decode = registry.mapper.to_domain_event
        return connections.ask(lambda db: check_log(db, decode, limit)).tampered_at
    finally:
        connections.close()


def test_an_edited_event_is_named_and_the_register_refuses_to_start(
    registry: Registry, store_url: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    certified = record(registry)
    story.register(registry, "QN-0809", "Gạo", date(2024, 4, 1))
    projected(registry, store_url).stop()
    assert checked(registry, store_url) is None
    rewrite_decision(store_url, certified)
    assert checked(registry, store_url) == certified
    assert checked(registry, store_url, limit=1) is None  # bounded: the latest leaf only
    monkeypatch.setenv("OCOP_DATABASE_URL", store_url)
    for command in ("project", "serve"):
        assert main([command]) == 3
        assert f"changed at position {certified}" in capsys.readouterr().err


def test_a_deleted_event_is_named_at_its_position_however_old(
    registry: Registry, store_url: str
) -> None:
    last = record(registry)
    projected(registry, store_url).stop()
    delete_event(store_url, last)
    assert checked(registry, store_url, limit=1) == last  # the last one
    delete_event(store_url, 2)
    assert checked(registry, store_url, limit=1) == 2  # found beyond the bound too


def test_the_projector_will_not_sign_a_rebuilt_tree_that_differs(
    registry: Registry, store_url: str, tmp_path: Path
) -> None:
    certified = record(registry)
    projector = projected(registry, store_url)
    keeping = LogKeeping(projector.connections, Said())
    keeping.checkpointer = Checkpointer(SigningKey.generate("ocop.example.vn/log"), 0)
    genuine = keeping.checkpoint()
    assert genuine is not None and genuine.checkpoint.size == certified
    rewrite_decision(store_url, certified)
    projector.rebuild()
    with pytest.raises(ForkRefused):
        projector.connections.ask(keeping.checkpointer.after_batch)
    assert keeping.checkpoint() is None
    assert [event for level, event, _ in keeping.logger.events] == ["log.fork_refused"]
    projector.stop()
    projector.connections.close()


def test_a_rewritten_history_rebuilt_into_the_read_models_is_caught_by_the_signed_root(
    registry: Registry, store_url: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    certified = record(registry)
    story.register(registry, "QN-0809", "Gạo", date(2024, 4, 1))
    projector = projected(registry, store_url)
    keeping = LogKeeping(projector.connections, Said())
    keeping.checkpointer = Checkpointer(SigningKey.generate("ocop.example.vn/log"), 0)
    assert keeping.checkpoint() is not None
    rewrite_decision(store_url, certified)
    projector.rebuild()  # the leaves now agree with the rewritten event
    projector.stop()
    projector.connections.close()
    assert checked(registry, store_url) is None  # no leaf differs from its event any more...
    monkeypatch.setenv("OCOP_DATABASE_URL", store_url)
    assert main(["project"]) == 3  # ...but the tree is not the one signed
    assert "is not the one signed" in capsys.readouterr().err
