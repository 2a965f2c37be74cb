"""The witness (C2SP tlog-witness): it cosigns only a checkpoint consistent with the last one
it cosigned, refuses with the spec's statuses (400, 403, 404, 409 with its size, 422), keeps
its record across restarts, and checks-and-records atomically under concurrent requests."""

from __future__ import annotations

import hashlib
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from transparency.cosignature import CosigningKey
from transparency.note import Checkpoint, SigningKey
from transparency.refusals import MalformedKey
from transparency.tree import EMPTY_ROOT, consistency_proof, leaf_hash, root
from transparency.witness import (
    NotConsistent,
    NotSignedByLog,
    OldSizeMismatch,
    UnknownLog,
    Witness,
    WitnessRecord,
    WitnessRefusal,
    request_body,
)
from transparency.witness_http import serve_in_background
from transparency.witnessing import WitnessAddress

ORIGIN = "ocop.example.vn/log"
LOG = SigningKey.generate(ORIGIN)
LEAVES = [leaf_hash(f"entry {index}".encode()) for index in range(40)]
FORKED = [*LEAVES[:7], leaf_hash(b"rewritten"), *LEAVES[8:]]


def note(size: int, leaves: list[bytes] = LEAVES, key: SigningKey = LOG) -> str:
    return key.sign(Checkpoint(ORIGIN, size, root(leaves[:size])).text)


def body(old: int, size: int, leaves: list[bytes] = LEAVES) -> str:
    return request_body(old, consistency_proof(old, leaves[:size]), note(size, leaves))


@pytest.fixture
def witness(tmp_path: Path) -> Witness:
    key = CosigningKey.generate("witness.example.vn/w1")
    return Witness(key, {ORIGIN: LOG.verifier}, WitnessRecord(tmp_path / "w1.json"), lambda: 1e9)


def test_it_cosigns_consistent_growth_and_remembers_it_after_a_restart(
    witness: Witness, tmp_path: Path
) -> None:
    line = witness.add_checkpoint(body(0, 10))
    checkpoint = Checkpoint(ORIGIN, 10, root(LEAVES[:10]))
    assert witness.key.cosigner.timestamp(line, checkpoint.text) == 1e9
    witness.add_checkpoint(body(10, 25))
    witness.add_checkpoint(body(25, 25))  # the same tree again: cosigned again
    restarted = Witness(witness.key, witness.logs, WitnessRecord(tmp_path / "w1.json"))
    assert restarted.record.last(ORIGIN).size == 25
    with pytest.raises(OldSizeMismatch) as caught:
        restarted.add_checkpoint(body(0, 30))
    assert caught.value.body == "25\n"
    assert not list(tmp_path.glob("*.tmp"))  # written aside, then renamed over


def test_a_fork_or_a_bad_proof_is_refused_and_not_recorded(witness: Witness) -> None:
    witness.add_checkpoint(body(0, 20))
    with pytest.raises(NotConsistent, match="fork"):
        witness.add_checkpoint(request_body(20, [], note(20, FORKED)))
    with pytest.raises(NotConsistent):  # a larger forked tree, with its own (honest) proof
        witness.add_checkpoint(body(20, 30, FORKED))
    assert witness.record.last(ORIGIN) == Checkpoint(ORIGIN, 20, root(LEAVES[:20]))
    with pytest.raises(NotConsistent):
        witness.add_checkpoint(request_body(20, consistency_proof(19, LEAVES[:30]), note(30)))


@pytest.mark.parametrize(
    ("request_text", "refusal", "status"),
    [
        (body(0, 5).replace(ORIGIN, "other.example/log"), UnknownLog, 404),
        (request_body(0, [], note(5, key=SigningKey.generate(ORIGIN))), NotSignedByLog, 403),
        (body(0, 5).replace("— ", "— x", 1), NotSignedByLog, 403),  # no line by the log's key
        (body(0, 5)[:-10] + "AAAAAAAAA\n", NotSignedByLog, 403),  # its signature broken
        (body(0, 5).replace("old 0", "old 00"), WitnessRefusal, 400),
        (request_body(6, [], note(5)), WitnessRefusal, 400),  # old size above the size
        (request_body(0, [LEAVES[0]], note(5)), NotConsistent, 422),  # a proof from nothing
        (request_body(0, [], LOG.sign(Checkpoint(ORIGIN, 0, LEAVES[0]).text)), NotConsistent, 422),
    ],
)
def test_each_refusal_has_the_spec_status(
    witness: Witness, request_text: str, refusal: type[WitnessRefusal], status: int
) -> None:
    with pytest.raises(refusal) as caught:
        witness.add_checkpoint(request_text)
    assert type(caught.value) is refusal and caught.value.status == status
    assert witness.record.last(ORIGIN) == Checkpoint(ORIGIN, 0, EMPTY_ROOT)


def test_checking_and_recording_are_one_step_under_concurrent_requests(witness: Witness) -> None:
    """Eight requests from the empty tree at once: one is cosigned, seven learn its size."""
    start, answers = threading.Barrier(8), []

    def submit(size: int) -> None:
        start.wait(timeout=10)
        try:
            answers.append(("cosigned", size, witness.add_checkpoint(body(0, size))))
        except OldSizeMismatch as refusal:
            answers.append(("409", size, refusal.body))

    threads = [threading.Thread(target=submit, args=(size,)) for size in range(10, 18)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    [(_, winner, _)] = [answer for answer in answers if answer[0] == "cosigned"]
    assert sorted(text for kind, _, text in answers if kind == "409") == [f"{winner}\n"] * 7
    assert witness.record.last(ORIGIN).size == winner


@pytest.fixture
def served(witness: Witness) -> Iterator[str]:
    http = serve_in_background(witness)
    yield f"http://127.0.0.1:{http.server_address[1]}"
    http.shutdown()
    http.server_close()


def post(url: str, text: str) -> tuple[int, str, str]:
    request = urllib.request.Request(f"{url}/add-checkpoint", text.encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_over_http_the_statuses_bodies_and_the_monitors_checkpoint(served: str) -> None:
    status, _, line = post(served, body(0, 12))
    assert status == 200 and line.startswith("— witness.example.vn/w1 ") and line.endswith("\n")
    assert post(served, body(0, 13)) == (409, "text/x.tlog.size", "12\n")
    assert post(served, body(12, 13, FORKED))[0] == 422
    assert post(served, body(0, 3).replace(ORIGIN, "x.example/log"))[0] == 404
    assert post(served, "old 1\n")[0] == 400
    origin_hash = hashlib.sha256(ORIGIN.encode()).hexdigest()
    with urllib.request.urlopen(f"{served}/{origin_hash}/checkpoint", timeout=10) as answer:
        assert answer.read().decode() == note(12) + line


def test_a_witness_setting_is_a_url_and_a_cosigner_vkey(witness: Witness) -> None:
    vkey = witness.key.cosigner.vkey
    address = WitnessAddress.parse(f"https://w1.example.edu.vn/witness/ {vkey}")
    assert (address.url, address.cosigner) == (
        "https://w1.example.edu.vn/witness",
        witness.key.cosigner,
    )
    for wrong in (f"w1.example.edu.vn {vkey}", f"https://w1 {LOG.verifier.vkey}", "https://w1"):
        with pytest.raises(MalformedKey):
            WitnessAddress.parse(wrong)
