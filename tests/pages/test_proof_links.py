"""A certificate's page and its product's page link the certificate's ``.tlog-proof``, in the
visitor's language, and the link gives a file that checks with the log's key alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ocop.site import create_site
from tests.api.test_live_server import wait_until
from tests.pages.conftest import caught_up, demo_register
from tests.transparency.test_proofs_http import signed_size
from transparency.note import SigningKey, Verifier
from transparency.proof_check import check_proof

LINK = 'href="/log/proof/certificate/QN-UB-01-C1.tlog-proof"'


@pytest.fixture(scope="module")
def signed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The demo register's site, with a log key."""
    folder = tmp_path_factory.mktemp("signed")
    key = SigningKey.generate("ocop.example.vn/log")
    (folder / "log.key").write_text(key.skey + "\n")
    services = demo_register(
        f"sqlite:///{folder}/ocop.db", log_signing_key_file=Path(folder / "log.key")
    )
    with TestClient(create_site(services), raise_server_exceptions=False) as client:
        caught_up(services)
        head = services.read_side.head()
        wait_until(lambda: signed_size(client, key) == head, timeout=30)
        yield client
    services.close()


@pytest.mark.parametrize("path", ["/p/QN-UB-01", "/certificates/QN-UB-01-C1"])
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("vi", "Bằng chứng trong nhật ký công khai"),
        ("en", "Proof in the public log"),
    ],
)
def test_the_pages_link_the_certificate_s_proof(
    signed_site: TestClient, path: str, lang: str, words: str
) -> None:
    page = signed_site.get(path, params={"lang": lang})
    assert page.status_code == 200
    assert LINK in page.text and words in page.text
    assert "ocop verify --proof QN-UB-01-C1.tlog-proof --vkey KEY" in page.text
    proof = signed_site.get(LINK.removeprefix('href="').removesuffix('"'))
    verifier = Verifier.from_vkey(signed_site.get("/log/key").text)
    report = check_proof(proof.text, verifier)
    assert report[-1].startswith("certificate QN-UB-01-C1:")
