"""The pages show a merged province's place under the province it lies in today, with its
former name beside it, in either language; the register's province filter takes both."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_hà_giang_product_reads_as_tuyên_quang_formerly_hà_giang(site: TestClient) -> None:
    vietnamese = site.get("/p/HG-QB-01").text
    assert "Tuyên Quang (trước đây Hà Giang)" in vietnamese
    english = site.get("/p/HG-QB-01?lang=en").text
    assert "Tuyên Quang (formerly Hà Giang)" in english


def test_a_renamed_place_and_an_unmerged_one_read_as_they_are(site: TestClient) -> None:
    renamed = site.get("/p/HG-HSP-01?lang=en").text
    assert "Thông Nguyên, Tuyên Quang" in renamed and "formerly" not in renamed
    assert "formerly" not in site.get("/p/QN-UB-01?lang=en").text


def test_the_register_finds_hà_giangs_products_under_tuyên_quang(site: TestClient) -> None:
    page = site.get("/register?province=tuyen+quang&lang=en").text
    assert "HG-QB-01" in page and "HG-HSP-01" in page and "HG-DV-01" in page
    assert "QN-UB-01" not in page
    only_hà_giang = site.get("/register?province=Hà+Giang&lang=en").text
    assert "HG-QB-01" in only_hà_giang and "HG-HSP-01" in only_hà_giang  # renamed since
    assert "TN-TP-01" not in only_hà_giang
