"""A certificate's proof, from its public answer to an auditor's offline check: the public
JSON links the ``.tlog-proof`` of the event that issued it, the file carries the served
checkpoint verbatim, and ``ocop verify --proof`` checks it with the log's key alone. Every
event has its proof; a malformed request is a 400 problem, a missing one a 404."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.app import create_app
from lifecycle.events import Starred
from ocop.cli import main
from ocop.services import ServedRegister, build_services
from ocop.settings import Settings
from tests.api.test_live_server import free_port, wait_until
from tests.conftest import fixed_today
from tests.projections import programme as story
from transparency.audit import audit
from transparency.entry import payload
from transparency.note import Checkpoint, SigningKey
from transparency.proof import TlogProof
from transparency.proof_check import check_proof
from transparency.refusals import LogMismatch

ORIGIN = "ocop.example.vn/log"


@dataclass
class Log:
    client: TestClient
    services: ServedRegister
    key: SigningKey
    head: int
    marks: dict[str, int]


def signed_size(client: httpx.Client, key: SigningKey) -> int | None:
    """The size of the checkpoint ``/log/checkpoint`` serves now (None before there is one):
    proofs are made against it, so the tests wait until it covers the head."""
    answer = client.get("/log/checkpoint")
    if answer.status_code != 200:
        return None
    return Checkpoint.from_text(key.verifier.open(answer.text)).size


@pytest.fixture
def log(store_url: str, tmp_path: Path) -> Iterator[Log]:
    """The served register with a log key, after a few products' public stories."""
    key = SigningKey.generate(ORIGIN)
    (tmp_path / "log.key").write_text(key.skey + "\n")
    settings = Settings(database_url=store_url, log_signing_key_file=tmp_path / "log.key")
    services = build_services(settings, clock=fixed_today)
    registry = services.registry
    with TestClient(create_app(services), raise_server_exceptions=False) as client:
        for number in range(5):
            story.register(registry, f"QN-06{number:02}", "Nấm", date(2020, 1, 2))
        story.certify(registry, "QN-0600", 3, date(2020, 3, 2))  # long expired by now
        story.certify(registry, "QN-0601", 4, date(2024, 3, 1))
        story.certify(registry, "QN-0602", 3, date(2024, 3, 1))
        suspended = story.suspend(registry, "QN-0602", date(2024, 5, 1), date(2024, 7, 1))
        story.certify(registry, "QN-0603", 3, date(2024, 3, 1))
        story.suspend(registry, "QN-0603", date(2024, 5, 1), date(2024, 7, 1))
        reinstated = story.reinstate(registry, "QN-0603", date(2024, 6, 1))
        story.revoke(registry, "QN-0601", 4, date(2024, 9, 1))
        head = story.remove(registry, "QN-0604", date(2024, 10, 1)).position
        assert services.read_side.wait_for(head, timeout=10)
        wait_until(lambda: signed_size(client, key) == head, timeout=30)
        marks = {"QN-0602": suspended.position, "QN-0603": reinstated.position}
        yield Log(client, services, key, head, marks)
    services.close()


def test_a_certificate_links_the_proof_of_the_event_that_issued_it(
    log: Log, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    certificate = log.client.get("/v1/public/certificates/QN-0603-C1").json()
    assert certificate["proof"] == f"/log/proof/{certificate['issued_position']}.tlog-proof"
    answer = log.client.get(certificate["proof"])
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-cache"
    assert answer.text.endswith(log.client.get("/log/checkpoint").text)
    by_number = log.client.get("/log/proof/certificate/QN-0603-C1.tlog-proof")
    assert by_number.text == answer.text
    proof = TlogProof.from_text(answer.text)
    assert proof.index == certificate["issued_position"] - 1
    assert json.loads(proof.extra or b"")["fields"]["certificate_number"] == "QN-0603-C1"
    report = check_proof(answer.text, log.key.verifier)
    assert f"size {log.head} signed by {ORIGIN}" in report[0]
    assert report[2].startswith("certificate QN-0603-C1: 3 stars, valid 2024-03-01 to")
    printed = tmp_path / "QN-0603-C1.tlog-proof"
    printed.write_text(answer.text)
    capsys.readouterr()
    assert main(["verify", "--proof", str(printed), "--vkey", log.key.verifier.vkey]) == 0
    assert "certified of QN-0603" in capsys.readouterr().out
    other = SigningKey.generate(ORIGIN).verifier.vkey
    assert main(["verify", "--proof", str(printed), "--vkey", other]) == 2


def test_the_full_event_is_the_one_its_proof_commits_to(log: Log, tmp_path: Path) -> None:
    events = log.services.registry.events_of("QN-0603")
    issued = next(event for event in events if isinstance(event, Starred))
    position = log.client.get("/v1/public/certificates/QN-0603-C1").json()["issued_position"]
    text = log.client.get(f"/log/proof/{position}.tlog-proof").text
    full = payload(issued)
    (tmp_path / "event.json").write_text(json.dumps(full, ensure_ascii=False))
    (tmp_path / "proof").write_text(text)
    verify = ["verify", "--proof", str(tmp_path / "proof"), "--vkey", log.key.verifier.vkey]
    assert main([*verify, "--event", str(tmp_path / "event.json")]) == 0
    field = next(key for key, value in full.items() if value == issued.decision_ref)
    (tmp_path / "event.json").write_text(json.dumps({**full, field: "999/QĐ-UBND"}))
    assert main([*verify, "--event", str(tmp_path / "event.json")]) == 1


def test_every_event_has_its_proof(log: Log) -> None:
    for position in range(1, log.head + 1):
        text = log.client.get(f"/log/proof/{position}.tlog-proof").text
        assert f"position {position} is included" in check_proof(text, log.key.verifier)[1]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/log/proof/0.tlog-proof", 400, "malformed-proof"),
        ("/log/proof/01.tlog-proof", 400, "malformed-proof"),
        ("/log/proof/7", 400, "malformed-proof"),
        ("/log/proof/-3.tlog-proof", 400, "malformed-proof"),
        ("/log/proof/99999999999999999999999.tlog-proof", 400, "malformed-proof"),
        ("/log/proof/certificate/qn 1.tlog-proof", 400, "malformed-proof"),
        ("/log/proof/999.tlog-proof", 404, "not-in-checkpoint"),
        ("/log/proof/certificate/QN-0699-C1.tlog-proof", 404, "certificate-not-found"),
    ],
)
def test_a_malformed_or_missing_proof_is_a_problem_never_a_500(
    log: Log, path: str, status: int, code: str
) -> None:
    answer = log.client.get(path)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == code


def test_the_full_audit_replays_every_status_and_names_a_register_that_lies(
    log: Log, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_url: str
) -> None:
    monkeypatch.setenv("OCOP_DATABASE_URL", store_url)
    monkeypatch.setenv("OCOP_LOG_SIGNING_KEY_FILE", str(tmp_path / "log.key"))
    site = tmp_path / "site"
    assert main(["log", "export", str(site)]) == 0
    rows = json.loads((site / "register.json").read_text())
    statuses = {row["code"]: row["status"] for row in rows}
    assert statuses == {"QN-0600": "expired", "QN-0601": "revoked", "QN-0602": "suspended",
                        "QN-0603": "certified", "QN-0604": "removed"}  # fmt: skip
    vkey = log.key.verifier.vkey
    assert main(["verify", str(site), "--vkey", vkey, "--full"]) == 0
    lying = [{**row, "stars": 5} if row["code"] == "QN-0603" else row for row in rows]
    (tmp_path / "lying.json").write_text(json.dumps(lying))
    full = ["verify", str(site), "--vkey", vkey, "--full", "--register"]
    assert main([*full, str(tmp_path / "lying.json")]) == 1
    with pytest.raises(LogMismatch, match="QN-0603: the public register says stars 5") as lie:
        audit(
            str(site),
            vkey,
            full=True,
            positions=[],
            state=None,
            register=str(tmp_path / "lying.json"),
        )
    assert lie.value.position == log.marks["QN-0603"]
    forgotten = [row for row in rows if row["code"] != "QN-0602"]
    (tmp_path / "forgotten.json").write_text(json.dumps(forgotten))
    with pytest.raises(LogMismatch, match="QN-0602 is in the log but not in") as missing:
        audit(
            str(site),
            vkey,
            full=True,
            positions=[],
            state=None,
            register=str(tmp_path / "forgotten.json"),
        )
    assert missing.value.position == log.marks["QN-0602"]


def test_without_a_key_a_proof_is_a_problem(sqlite_url: str) -> None:
    services = build_services(Settings(database_url=sqlite_url), clock=fixed_today)
    with TestClient(create_app(services, run_projector=False)) as client:
        answer = client.get("/log/proof/1.tlog-proof")
        assert answer.status_code == 503 and answer.json()["code"] == "log-not-signed"
    services.close()


def test_the_full_audit_of_a_served_log_compares_the_served_register(
    sqlite_url: str, tmp_path: Path
) -> None:
    key = SigningKey.generate(ORIGIN)
    (tmp_path / "log.key").write_text(key.skey + "\n")
    settings = Settings(database_url=sqlite_url, log_signing_key_file=tmp_path / "log.key")
    services = build_services(settings, clock=fixed_today)
    story.register(services.registry, "QN-0650", "Mật ong", date(2024, 1, 2))
    head = story.certify(services.registry, "QN-0650", 3, date(2024, 3, 1)).position
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(services), port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started)
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base) as client:
            wait_until(lambda: signed_size(client, key) == head, timeout=30)
        report = audit(f"{base}/log", key.verifier.vkey, full=True, positions=[head], state=None)
        assert (
            f"the public register at {base}/v1/public/register.json (position {head}"
            in (report[-2])
        )
        assert report[-1] == f"position {head} is included"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        services.close()
