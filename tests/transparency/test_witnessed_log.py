"""The register and three witnesses, one of them down: each stored checkpoint is pushed to
them, the two that answer cosign it, and ``/log/checkpoint`` serves it with their lines, so
a 2-of-3 policy is met. An operator who then rewrites an event, rebuilds the tree and
re-signs it is refused by both witnesses (422), which keep the genuine checkpoint."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from tests.conftest import fixed_today
from tests.projections import programme as story
from tests.projections.waiting import wait_until
from tests.transparency.test_checkpoints import Said
from tests.transparency.test_tamper import rewrite_decision
from transparency import checkpoints
from transparency.cosignature import Cosigner, CosigningKey
from transparency.note import Checkpoint, SigningKey
from transparency.published import export, write_signing_key
from transparency.witness import Witness, WitnessRecord
from transparency.witness_http import serve_in_background

ORIGIN = "ocop.example.vn/log"


@dataclass
class Witnessed:
    services: ServedRegister
    client: TestClient
    witnesses: list[Witness]
    cosigners: list[Cosigner]  # the two that run, then the one that is down
    said: Said
    head: int


def free_port() -> int:
    """A port nothing listens on (the witness that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cosigners_of(note: str, cosigners: list[Cosigner]) -> list[str]:
    """The names of the cosigners whose valid cosignature the served note carries."""
    text = note.partition("\n\n")[0] + "\n"
    found = []
    for cosigner in cosigners:
        for line in note.splitlines():
            try:
                cosigner.timestamp(line, text)
            except ValueError:
                continue
            found.append(cosigner.name)
    return found


@pytest.fixture
def witnessed(store_url: str, tmp_path: Path) -> Iterator[Witnessed]:
    log_key = SigningKey.generate(ORIGIN)
    write_signing_key(tmp_path / "log.key", log_key)
    keys = [CosigningKey.generate(f"witness.example.vn/w{n}") for n in range(3)]
    witnesses = [
        Witness(key, {ORIGIN: log_key.verifier}, WitnessRecord(tmp_path / f"w{n}.json"))
        for n, key in enumerate(keys[:2])
    ]
    servers = [serve_in_background(witness) for witness in witnesses]
    urls = [f"http://127.0.0.1:{server.server_address[1]}" for server in servers]
    urls.append(f"http://127.0.0.1:{free_port()}")  # the third is down
    settings = Settings(
        database_url=store_url,
        log_signing_key_file=tmp_path / "log.key",
        log_checkpoint_seconds=0,
        log_witnesses=tuple(
            f"{url} {key.cosigner.vkey}" for url, key in zip(urls, keys, strict=True)
        ),
    )
    services = build_services(settings, clock=fixed_today)
    said = Said()
    services.log.logger = said
    assert services.log.pusher is not None
    services.log.pusher.log = said
    with TestClient(create_app(services), raise_server_exceptions=False) as client:
        for number in range(3):
            story.register(services.registry, f"QN-06{number:02}", "Trà", date(2024, 1, 2))
        head = story.certify(services.registry, "QN-0601", 4, date(2024, 3, 1)).position
        assert services.read_side.wait_for(head, timeout=10)
        services.log.checkpoint()  # the projector may be about to; either way, head is signed
        cosigners = [key.cosigner for key in keys]
        yield Witnessed(services, client, witnesses, cosigners, said, head)
    services.close()
    for server in servers:
        server.shutdown()
        server.server_close()


def stored_cosignatures(witnessed: Witnessed) -> tuple[str, ...]:
    """The cosignature lines the stored latest checkpoint holds now."""
    stored = witnessed.services.read_side.ask(lambda db: checkpoints.latest(db, ORIGIN))
    return stored.cosignatures if stored else ()


def test_two_of_three_witnesses_cosign_while_one_is_down(witnessed: Witnessed) -> None:
    pusher = witnessed.services.log.pusher
    assert pusher is not None
    # The down witness is skipped, not waited for; the register's own pusher thread may be
    # asking the same witnesses meanwhile, so the two cosignatures are waited for, not counted
    # from this one call.
    pusher.push_latest()
    assert wait_until(lambda: len(stored_cosignatures(witnessed)) == 2)
    note = witnessed.client.get("/log/checkpoint").text
    running = [cosigner.name for cosigner in witnessed.cosigners[:2]]
    assert cosigners_of(note, witnessed.cosigners) == running  # 2 of 3: the policy is met
    assert Checkpoint.from_text(note.partition("\n\n")[0] + "\n").size == witnessed.head
    for witness in witnessed.witnesses:
        assert witness.record.last(ORIGIN).size == witnessed.head
    key = SigningKey.from_skey(
        Path(str(witnessed.services.settings.log_signing_key_file)).read_text()
    )
    site = Path(str(witnessed.services.settings.log_signing_key_file)).parent / "site"
    witnessed.services.read_side.ask(lambda db: export(db, key, site))
    assert (site / "checkpoint").read_text() == note  # the export carries the cosignatures too
    unreachable = [f for level, event, f in witnessed.said.events if event == "witness.refused"]
    assert unreachable and all(found["status"] == 0 for found in unreachable)


def test_a_rewritten_rebuilt_and_resigned_log_is_refused_by_the_witnesses(
    witnessed: Witnessed, store_url: str
) -> None:
    services, pusher = witnessed.services, witnessed.services.log.pusher
    assert pusher is not None
    pusher.push_latest()  # beside the register's own pusher thread: waited for, not counted
    assert wait_until(lambda: len(stored_cosignatures(witnessed)) == 2)
    genuine = [witness.record.last(ORIGIN) for witness in witnessed.witnesses]
    services.projector.stop()
    rewrite_decision(store_url, witnessed.head)  # the certificate's decision, rewritten
    services.projector.rebuild()
    with services.database.transaction() as db:  # the operator drops the stored checkpoint
        db.run(f"DELETE FROM {checkpoints.TABLE}")
    forged = services.log.checkpoint()  # and the register signs the rewritten tree
    assert forged is not None and forged.checkpoint.size == witnessed.head
    assert forged.checkpoint.root != genuine[0].root
    assert pusher.push_latest() == 0  # nobody cosigns it
    refused = [f for _, event, f in witnessed.said.events if event == "witness.refused"]
    assert {found["status"] for found in refused if found["status"]} == {422}
    running = {witness.url for witness in pusher.witnesses[:2]}
    assert {found["witness"] for found in refused if found["status"] == 422} == running
    assert [witness.record.last(ORIGIN) for witness in witnessed.witnesses] == genuine
    note = witnessed.client.get("/log/checkpoint").text
    assert cosigners_of(note, witnessed.cosigners) == []
