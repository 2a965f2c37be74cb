"""``ocop witness`` as another province would run it: a key from ``keygen``, then ``serve``
in a process of its own, cosigning a log's checkpoint over HTTP. The witness itself loads
nothing but the standard library, ``cryptography`` and ``transparency``."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ocop.cli import main
from transparency.cosignature import Cosigner
from transparency.note import Checkpoint, SigningKey
from transparency.tree import leaf_hash, root
from transparency.witness import request_body

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def post(url: str, text: str) -> tuple[int, str]:
    request = urllib.request.Request(url, text.encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return int(answer.status), answer.read().decode()
    except urllib.error.HTTPError as error:
        return int(error.code), error.read().decode()


def test_keygen_then_serve_cosigns_a_checkpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key_file = tmp_path / "witness.key"
    assert main(["witness", "keygen", "witness.example.vn/w1", "--key-file", str(key_file)]) == 0
    cosigner = Cosigner.from_vkey(capsys.readouterr().out.strip())
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert main(["witness", "keygen", "w", "--key-file", str(key_file)]) == 2  # kept, not over
    log = SigningKey.generate("ocop.example.vn/log")
    port = free_port()
    ocop = Path(sys.executable).with_name("ocop")
    command = [str(ocop), "witness", "serve", "--key-file", str(key_file), "--port", str(port)]
    command += ["--log", log.verifier.vkey, "--state", str(tmp_path / "state.json")]
    witness = subprocess.Popen(command, env=os.environ, stdout=subprocess.PIPE, text=True)
    try:
        checkpoint = Checkpoint(
            log.name, 3, root([leaf_hash(b"a"), leaf_hash(b"b"), leaf_hash(b"c")])
        )
        body = request_body(0, [], log.sign(checkpoint.text))
        deadline = time.monotonic() + 30
        while True:  # until the process listens
            try:
                status, line = post(f"http://127.0.0.1:{port}/add-checkpoint", body)
                break
            except OSError:
                assert time.monotonic() < deadline and witness.poll() is None
                threading.Event().wait(0.05)
        assert status == 200 and cosigner.timestamp(line.strip(), checkpoint.text) > 0
        assert post(f"http://127.0.0.1:{port}/add-checkpoint", body) == (409, "3\n")
        saved = json.loads((tmp_path / "state.json").read_text())
        assert saved[log.name]["size"] == 3
    finally:
        witness.terminate()
        witness.communicate(timeout=30)


def test_the_witness_loads_only_the_standard_library_and_cryptography() -> None:
    script = (
        "import sys\nbefore = set(sys.modules)\n"
        "import transparency.witness, transparency.witness_http\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print(sorted(new - set(sys.stdlib_module_names)))"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = set(json.loads(found.stdout.replace("'", '"')))
    assert loaded <= {"transparency", "cryptography", "_openssl", "_cffi_backend"}, loaded
