"""The public log through HTTP and as exported files: an auditor with only the vkey checks
the checkpoint, fetches tiles, recomputes the root and proves an event's inclusion."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ocop.cli import main
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from tests.conftest import fixed_today
from tests.projections import programme as story
from transparency.note import Checkpoint, SigningKey, Verifier
from transparency.tiles import unbundle
from transparency.tree import check_inclusion, inclusion_proof, leaf_hash, root

ORIGIN = "ocop.example.vn/log"
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass
class Log:
    client: TestClient
    services: ServedRegister
    vkey: str
    head: int


def keygen(key_file: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """``ocop log keygen``'s printed vkey."""
    assert main(["log", "keygen", ORIGIN, "--key-file", str(key_file)]) == 0
    return capsys.readouterr().out.strip()


@pytest.fixture
def log(store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Log]:
    """The served register with a log key, after a few products' stories were projected."""
    vkey = keygen(tmp_path / "log.key", capsys)
    settings = Settings(
        database_url=store_url, log_signing_key_file=tmp_path / "log.key", log_checkpoint_seconds=0
    )
    services = build_services(settings, clock=fixed_today)
    with TestClient(create_app(services), raise_server_exceptions=False) as client:
        for number in range(3):
            story.register(services.registry, f"QN-07{number:02}", "Mắm", date(2024, 1, 2))
        head = story.certify(services.registry, "QN-0701", 4, date(2024, 3, 1)).position
        assert services.read_side.wait_for(head, timeout=10)
        services.log.checkpoint()  # the projector may be about to; either way, head is signed
        yield Log(client, services, vkey, head)
    services.close()


def test_an_auditor_checks_the_checkpoint_and_proves_an_event_from_tiles(log: Log) -> None:
    assert log.client.get("/log/key").text == log.vkey + "\n"
    answer = log.client.get("/log/checkpoint")
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-cache"
    checkpoint = Checkpoint.from_text(Verifier.from_vkey(log.vkey).open(answer.text))
    assert (checkpoint.origin, checkpoint.size) == (ORIGIN, log.head)
    tile = log.client.get(f"/log/tile/0/000.p/{log.head}")
    bundle = log.client.get(f"/log/tile/entries/000.p/{log.head}")
    assert tile.headers["cache-control"] == bundle.headers["cache-control"] == IMMUTABLE
    assert tile.headers["content-type"] == "application/octet-stream"
    hashes = [tile.content[i : i + 32] for i in range(0, len(tile.content), 32)]
    entries = unbundle(bundle.content)
    assert [leaf_hash(entry) for entry in entries] == hashes
    assert root(hashes) == checkpoint.root
    last = log.head - 1
    check_inclusion(
        last, log.head, leaf_hash(entries[last]), inclusion_proof(last, hashes), checkpoint.root
    )
    assert b'"kind":"certified"' in entries[last] and b'"product":"QN-0701"' in entries[last]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/log/tile/0/1", 400, "malformed-tile-path"),
        ("/log/tile/99/000", 400, "malformed-tile-path"),
        ("/log/tile/entries/x001", 400, "malformed-tile-path"),
        ("/log/tile/0/000.p/0", 400, "malformed-tile-path"),
        ("/log/tile/0/000", 404, "tile-not-found"),
        ("/log/tile/1/000.p/1", 404, "tile-not-found"),
        ("/log/tile/entries/x001/000", 404, "tile-not-found"),
    ],
)
def test_a_malformed_or_missing_tile_is_a_problem_never_a_500(
    log: Log, path: str, status: int, code: str
) -> None:
    answer = log.client.get(path)
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == code


def test_the_export_is_the_same_tree_of_files(
    log: Log, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_url: str
) -> None:
    monkeypatch.setenv("OCOP_DATABASE_URL", store_url)
    monkeypatch.setenv("OCOP_LOG_SIGNING_KEY_FILE", str(tmp_path / "log.key"))
    assert main(["log", "export", str(tmp_path / "site")]) == 0
    site = tmp_path / "site"
    written = sorted(str(path.relative_to(site)) for path in site.rglob("*") if path.is_file())
    tiles = [f"tile/0/000.p/{log.head}", f"tile/entries/000.p/{log.head}"]
    assert written == ["checkpoint", "register.json", *tiles]
    for path in tiles:
        assert (site / path).read_bytes() == log.client.get(f"/log/{path}").content
    exported = Verifier.from_vkey(log.vkey).open((site / "checkpoint").read_text())
    assert Checkpoint.from_text(exported).size == log.head
    verify = ["verify", str(site), "--vkey", log.vkey, "--full", "--position", str(log.head)]
    assert main(verify) == 0
    assert main([*verify[:-1], str(log.head + 1)]) == 1  # not in the log: named, non-zero
    other = SigningKey.generate(ORIGIN).verifier.vkey
    assert main(["verify", str(site), "--vkey", other]) == 2  # not signed by that key


def test_without_a_key_the_checkpoint_is_a_problem_and_keygen_keeps_an_existing_key(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = build_services(Settings(database_url=sqlite_url), clock=fixed_today)
    with TestClient(create_app(services, run_projector=False)) as client:
        answer = client.get("/log/checkpoint")
        assert answer.status_code == 503 and answer.json()["code"] == "log-not-signed"
    services.close()
    keygen(tmp_path / "log.key", capsys)
    before = (tmp_path / "log.key").read_text()
    assert main(["log", "keygen", ORIGIN, "--key-file", str(tmp_path / "log.key")]) == 2
    assert (tmp_path / "log.key").read_text() == before
