"""Tampering is caught at its position: a row of the events table rewritten or deleted in the
database, then the read models rebuilt and the log re-signed, is reported by an auditor
holding the earlier checkpoint (``ocop verify --full --state``, on both backends); so are a
log rolled back and an entry bundle edited on the static host.
The verifier needs nothing but the standard library and ``cryptography``."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import psycopg
import pytest

from ocop.cli.log import write_register
from projections import Projector, ReadSide
from registry.service import Registry
from storage.url import StoreUrl
from tests.conftest import connections_to
from tests.projections import programme as story
from transparency.audit import audit, main
from transparency.note import SigningKey
from transparency.published import export
from transparency.refusals import LogMismatch

ROOT = Path(__file__).resolve().parents[2]


def record(registry: Registry) -> int:
    """Three products join and one is certified; returns the certificate's position."""
    for number in range(3):
        story.register(registry, f"QN-08{number:02}", "Chè", date(2024, 1, 2))
    return story.certify(registry, "QN-0801", 4, date(2024, 3, 1)).position


def published(store_url: str, registry: Registry, key: SigningKey, site: Path) -> int:
    """Projects what is new, then exports the log and the public register to ``site``."""
    projector = Projector(registry, connections_to(store_url))
    projector.catch_up()
    projector.stop()
    side = ReadSide.open(connections_to(store_url))
    try:
        size = side.ask(lambda db: export(db, key, site))
        write_register(side, site / "register.json", size)
        return size
    finally:
        side.close()


def rewrite_decision(store_url: str, position: int) -> None:
    """An operator edits the event at ``position`` directly in the database."""
    url = StoreUrl.parse(store_url)
    if url.kind == "sqlite":
        import sqlite3

        with sqlite3.connect(url.path) as conn:
            [(state,)] = conn.execute("SELECT state FROM stored_events WHERE rowid = ?", [position])
            conn.execute(
                "UPDATE stored_events SET state = ? WHERE rowid = ?", [altered(state), position]
            )
        return
    base, _, schema = store_url.partition("?schema=")
    with psycopg.connect(base, autocommit=True) as conn:
        table = f'"{schema}".ocop_events'
        [(state,)] = conn.execute(
            f"SELECT state FROM {table} WHERE notification_id = %s", [position]
        ).fetchall()
        conn.execute(
            f"UPDATE {table} SET state = %s WHERE notification_id = %s",
            [altered(bytes(state)), position],
        )


def altered(state: bytes) -> bytes:
    facts = json.loads(state)
    facts["decision_ref"] = "999/QĐ-UBND"
    return json.dumps(facts).encode()


def test_a_rewritten_event_is_reported_at_its_position(
    registry: Registry, store_url: str, tmp_path: Path
) -> None:
    key = SigningKey.generate("ocop.example.vn/log")
    certified = record(registry)
    head = story.register(registry, "QN-0809", "Gạo", date(2024, 4, 1)).position
    assert published(store_url, registry, key, tmp_path / "before") == head
    kept = tmp_path / "auditor"
    vkey = key.verifier.vkey
    assert audit(str(tmp_path / "before"), vkey, full=True, positions=[certified], state=kept)
    rewrite_decision(store_url, certified)
    projector = Projector(registry, connections_to(store_url))
    projector.rebuild()
    projector.stop()
    assert published(store_url, registry, key, tmp_path / "after") == head
    with pytest.raises(LogMismatch) as caught:
        audit(str(tmp_path / "after"), vkey, full=True, positions=[], state=kept)
    assert caught.value.position == certified


def test_a_rolled_back_log_or_an_edited_bundle_is_caught(
    registry: Registry, store_url: str, tmp_path: Path
) -> None:
    key = SigningKey.generate("ocop.example.vn/log")
    vkey = key.verifier.vkey
    record(registry)
    size = published(store_url, registry, key, tmp_path / "early")
    story.register(registry, "QN-0809", "Gạo", date(2024, 4, 1))
    published(store_url, registry, key, tmp_path / "late")
    kept = tmp_path / "auditor"
    audit(str(tmp_path / "late"), vkey, full=True, positions=[], state=kept)
    with pytest.raises(LogMismatch, match="went back"):
        audit(str(tmp_path / "early"), vkey, full=False, positions=[], state=kept)
    bundle = tmp_path / "early" / f"tile/entries/000.p/{size}"
    bundle.write_bytes(bundle.read_bytes().replace(b'"position":2', b'"position":7'))
    with pytest.raises(LogMismatch) as caught:
        audit(str(tmp_path / "early"), vkey, full=True, positions=[], state=None)
    assert caught.value.position == 2


def test_the_verifier_loads_only_the_standard_library_and_cryptography() -> None:
    script = (
        "import sys\nbefore = set(sys.modules)\nimport transparency.audit\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print(sorted(new - set(sys.stdlib_module_names)))"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = set(json.loads(found.stdout.replace("'", '"')))
    # ``_openssl`` and ``_cffi_backend`` are cryptography's own compiled parts.
    assert loaded <= {"transparency", "cryptography", "_openssl", "_cffi_backend"}, loaded
    assert "transparency" in loaded and "cryptography" in loaded


def delete_event(store_url: str, position: int) -> None:
    """An operator deletes the event at ``position`` directly in the database."""
    url = StoreUrl.parse(store_url)
    if url.kind == "sqlite":
        import sqlite3

        with sqlite3.connect(url.path) as conn:
            assert conn.execute("DELETE FROM stored_events WHERE rowid = ?", [position]).rowcount
        return
    base, _, schema = store_url.partition("?schema=")
    with psycopg.connect(base, autocommit=True) as conn:
        deleted = conn.execute(
            f'DELETE FROM "{schema}".ocop_events WHERE notification_id = %s', [position]
        )
        assert deleted.rowcount == 1


@pytest.mark.parametrize("which", ["a certificate", "the last event"])
def test_a_deleted_event_is_reported_at_its_position_by_the_full_audit(
    registry: Registry,
    store_url: str,
    tmp_path: Path,
    which: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key = SigningKey.generate("ocop.example.vn/log")
    certified = record(registry)
    head = story.register(registry, "QN-0809", "Gạo", date(2024, 4, 1)).position
    published(store_url, registry, key, tmp_path / "before")
    kept = tmp_path / "auditor"
    verify = ["--vkey", key.verifier.vkey, "--full", "--state", str(kept)]
    assert main([str(tmp_path / "before"), *verify]) == 0
    gone = certified if which == "a certificate" else head
    delete_event(store_url, gone)
    projector = Projector(registry, connections_to(store_url))
    projector.rebuild()
    projector.stop()
    assert published(store_url, registry, key, tmp_path / "after") == head - 1
    capsys.readouterr()
    assert main([str(tmp_path / "after"), *verify]) == 1
    assert f"MISMATCH at position {gone}:" in capsys.readouterr().err
    with pytest.raises(LogMismatch) as caught:
        audit(str(tmp_path / "after"), key.verifier.vkey, full=True, positions=[], state=kept)
    assert caught.value.position == gone
