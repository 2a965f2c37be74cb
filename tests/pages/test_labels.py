"""QR labels: the PNG decodes to the product page's absolute URL, the label carries what a
shelf needs, and GS1 Digital Link resolves a GTIN to the product's page."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ocop.site import create_site
from projections import gtins
from seed import builders as make
from seed.demo_stories import TRAU_TIEN, TRAU_TIEN_GTIN
from tests.pages.conftest import caught_up, demo_register

ZBARIMG = shutil.which("zbarimg")


def decoded(png: bytes, folder: Path) -> str:
    """What zbarimg reads in a PNG image."""
    if ZBARIMG is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs zbarimg (apt-get install -y zbar-tools)")
        pytest.skip("zbarimg (zbar-tools) is not installed")
    image = folder / "qr.png"
    image.write_bytes(png)
    result = subprocess.run(
        [ZBARIMG, "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The site over the demo register, published at a base URL of its own."""
    folder = tmp_path_factory.mktemp("published")
    services = demo_register(
        f"sqlite:///{folder}/ocop.db", public_base_url="https://ocop.example.gov.vn"
    )
    with TestClient(create_site(services)) as client:
        caught_up(services)
        client.services = services
        yield client
    services.close()


def test_the_png_qr_code_opens_the_product_page(site: TestClient, tmp_path: Path) -> None:
    answer = site.get("/p/QN-UB-01/qr.png")
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/png"
    assert decoded(answer.content, tmp_path) == "http://testserver/p/QN-UB-01"


def test_the_qr_code_uses_the_public_base_url_when_set(
    published: TestClient, tmp_path: Path
) -> None:
    png = published.get("/p/HG-HSP-01/qr.png").content
    assert decoded(png, tmp_path) == "https://ocop.example.gov.vn/p/HG-HSP-01"
    svg = published.get("/p/HG-HSP-01/qr.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.startswith("<svg") and "<script" not in svg.text


def test_the_label_shows_the_mark_stars_number_and_valid_until(published: TestClient) -> None:
    label = published.get("/p/QN-UB-01/label?lang=en").text
    for text in ("OCOP", "4 stars", "Certificate QN-UB-01-C1", "Valid until 9 September 2027"):
        assert text in label
    assert 'src="/p/QN-UB-01/qr.svg"' in label
    assert 'alt="QR code opening https://ocop.example.gov.vn/p/QN-UB-01"' in label
    assert published.get("/p/QN-BC-01/label").status_code == 409  # revoked: no label
    published.cookies.clear()


def test_unknown_products_have_no_qr_code(site: TestClient) -> None:
    assert site.get("/p/QN-NONE-01/qr.png").status_code == 404
    assert site.get("/p/QN-UB-01/qr.gif").status_code == 404


@pytest.mark.parametrize(
    ("gtin", "padded"),
    [("8934567000017", "08934567000017"), ("08934567000017", "08934567000017"),
     ("4006381333931", "04006381333931"), ("96385074", "00000096385074"),
     ("8934567000014", None), ("12345", None), ("89345670000\uff117", None)],
)  # fmt: skip
def test_a_gtin_is_read_as_14_digits_with_its_check_digit(gtin: str, padded: str | None) -> None:
    assert gtins.as_gtin14(gtin) == padded


def test_gs1_digital_link_resolves_the_demo_labels_gtin(site: TestClient) -> None:
    for asked in (TRAU_TIEN_GTIN, f"0{TRAU_TIEN_GTIN}"):
        moved = site.get(f"/01/{asked}", follow_redirects=False)
        assert moved.status_code == 308 and moved.headers["location"] == f"/p/{TRAU_TIEN}"
    assert site.get("/01/4006381333931", follow_redirects=False).status_code == 404


def test_gs1_digital_link_resolves_a_gtin_once_its_registration_is_projected(
    published: TestClient,
) -> None:
    services = published.services
    assert published.get("/01/8934567000017", follow_redirects=False).status_code == 404
    joins = replace(make.registration(code="QN-GT-01"), gtins=("8934567000017", "96385074"))
    recorded = services.registry.register_product(make.office(), joins)
    assert services.read_side.wait_for(recorded.position, timeout=10)
    for asked in ("8934567000017", "08934567000017", "96385074"):
        moved = published.get(f"/01/{asked}", follow_redirects=False)
        assert moved.status_code == 308 and moved.headers["location"] == "/p/QN-GT-01"
    assert published.get("/01/8934567000014", follow_redirects=False).status_code == 404
