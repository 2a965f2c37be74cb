"""``ocop history``: an auditor replays a product's history from the store on the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ocop.cli import main
from registry.service import Registry
from storage.environment import store_environment
from storage.url import StoreUrl
from tests.conftest import fixed_today
from tests.contract.stories import CODE, LIFE, STATUS_AFTER, record


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite store holding one product's whole life, named by ``OCOP_DATABASE_URL``."""
    url = f"sqlite:///{tmp_path}/register.db"
    registry = Registry(store_environment(StoreUrl.parse(url)), clock=fixed_today)
    try:
        record(registry, LIFE)
    finally:
        registry.close()
    monkeypatch.setenv("OCOP_DATABASE_URL", url)
    return url


def history(capsys: pytest.CaptureFixture[str], *options: str) -> list[dict[str, Any]]:
    assert main(["history", CODE, "--json", *options]) == 0
    lines: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return lines


def test_the_history_prints_every_event_with_the_state_after_it(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = history(capsys)
    assert [line["event"]["version"] for line in lines] == list(range(1, len(LIFE) + 1))
    assert [line["event"]["type"] for line in lines] == [
        "Registered",
        "Evaluated",
        "Forwarded",
        "Evaluated",
        "Starred",
        "Suspended",
        "Reinstated",
        "PlaceRenamed",
        "Evaluated",
        "Forwarded",
        "Evaluated",
        "ProposedAsPotentialFiveStar",
        "Evaluated",
        "Starred",
        "RenewalNoticeGiven",
        "Revoked",
        "Removed",
    ]
    assert [line["state"]["status"] for line in lines] == STATUS_AFTER
    assert [line["event"]["effective_on"] for line in lines] == [
        command.effective_on.isoformat() for _, command in LIFE
    ]
    proposed = lines[11]  # by whom, when, with what score
    assert proposed["event"]["actor"]["level"] == "province"
    assert proposed["event"]["effective_on"] == "2025-09-01"
    assert (proposed["event"]["facts"]["total"], proposed["event"]["facts"]["to_level"]) == (
        95,
        "central",
    )
    assert [h["to_level"] for h in proposed["state"]["handed_to"]] == ["province", "central"]
    assert lines[13]["state"]["handed_to"] == []  # the ministry's 5 stars end the hand-offs
    starred = lines[4]
    assert starred["event"]["facts"]["certificate_number"] == "QN-0123-C1"
    assert starred["event"]["actor"]["role"] == "certifying-authority"
    assert starred["state"]["stars"] == 4
    assert starred["state"]["certificate"]["valid_until"] == "2026-03-19"
    assert lines[7]["state"]["location"] == {
        "province": "Quảng Ninh",
        "district": "",
        "commune": "Yên Tử",
    }
    assert lines[13]["state"]["certificate"]["number"] == "QN-0123-C2"


def test_as_of_cuts_the_history_at_that_date(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = history(capsys, "--as-of", "2024-01-31")
    assert [line["event"]["type"] for line in lines] == [
        "Registered",
        "Evaluated",
        "Forwarded",
        "Evaluated",
        "Starred",
        "Suspended",
    ]
    assert lines[-1]["state"]["status"] == "suspended"
    dates = [date.fromisoformat(line["event"]["effective_on"]) for line in lines]
    assert max(dates) <= date(2024, 1, 31)
    assert history(capsys, "--as-of", "2023-02-28") == []


def test_the_readable_history_names_each_event_and_status(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", CODE]) == 0
    text = capsys.readouterr().out
    for word in ("Registered", "Starred", "Removed", "suspended", "removed", "QN-0123-C2"):
        assert word in text


def test_an_unknown_code_exits_1_with_product_not_found(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "QN-9999", "--json"]) == 1
    captured = capsys.readouterr()
    assert "product-not-found" in captured.err
    assert captured.out == ""
