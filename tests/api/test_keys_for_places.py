"""``ocop keys create`` makes keys for the provinces standing today: a merged province is
refused naming its successor, an unknown one is refused, and so is a district principal."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.keys import KeyStore
from ocop.cli import main as ocop
from tests.conftest import connections_to


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--role", "inspector", "--province", "Hà Giang"], "Tuyên Quang"),
        (["--role", "programme-office", "--province", "Bình Dương"], "Hồ Chí Minh"),
        (["--role", "inspector", "--province", "Atlantis"], "'Atlantis'"),
        (
            ["--role", "evaluation-council", "--level", "district", "--province", "Quảng Ninh"],
            "District principals",
        ),
    ],
)
def test_a_key_for_a_province_or_level_that_no_longer_stands_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    said: str,
) -> None:
    url = f"sqlite:///{tmp_path}/ocop.db"
    monkeypatch.setenv("OCOP_DATABASE_URL", url)
    assert ocop(["keys", "create", *arguments]) == 2
    captured = capsys.readouterr()
    assert said in captured.err and captured.out == ""
    assert KeyStore(connections_to(url)).list() == []


@pytest.mark.parametrize("province", ["Tuyên Quang", "Quảng Ninh", "Huế"])
def test_a_key_for_a_province_standing_today_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, province: str
) -> None:
    url = f"sqlite:///{tmp_path}/ocop.db"
    monkeypatch.setenv("OCOP_DATABASE_URL", url)
    assert ocop(["keys", "create", "--role", "inspector", "--province", province]) == 0
    assert [item.actor.province for item in KeyStore(connections_to(url)).list()] == [province]
