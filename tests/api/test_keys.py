"""API keys: created with a role, level and province, shown once, kept only as hashes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from api.cli import main as ocop
from api.database import open_database
from api.keys import InvalidPrincipal, KeyStore
from lifecycle.values import Level, Role


def test_a_key_is_shown_once_listed_without_its_secret_and_can_be_revoked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path}/ocop.db"
    monkeypatch.setenv("OCOP_DATABASE_URL", url)
    assert (
        ocop(
            [
                "keys",
                "create",
                "--role",
                "inspector",
                "--province",
                "Quảng Ninh",
                "--principal-id",
                "qn-inspector-01",
            ]
        )
        == 0
    )
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert key.startswith("ocop_")
    store = KeyStore(open_database(url), remember_for=0)
    actor = store.principal(key)
    assert actor is not None and (actor.role, actor.province) == (Role.INSPECTOR, "Quảng Ninh")
    assert ocop(["keys", "list"]) == 0
    listing = capsys.readouterr().out
    assert "qn-inspector-01" in listing and key not in listing and key.split("_")[2] not in listing
    stored = sqlite3.connect(f"{tmp_path}/ocop.db").execute("SELECT * FROM ocop_api_keys")
    assert all(key not in str(row) for row in stored.fetchall())
    key_id = key.split("_")[1]
    assert ocop(["keys", "revoke", key_id]) == 0
    assert store.principal(key) is None
    assert ocop(["keys", "revoke", key_id]) == 1


@pytest.mark.parametrize(
    ("role", "level", "province"),
    [
        (Role.CERTIFYING_AUTHORITY, None, "Quảng Ninh"),
        (Role.INSPECTOR, Level.PROVINCE, "Quảng Ninh"),
        (Role.INSPECTOR, None, None),
        (Role.EVALUATION_COUNCIL, Level.CENTRAL, "Quảng Ninh"),
    ],
)
def test_a_key_that_does_not_fit_the_programme_is_refused(
    tmp_path: Path, role: Role, level: Level | None, province: str | None
) -> None:
    store = KeyStore(open_database(f"sqlite:///{tmp_path}/ocop.db"))
    with pytest.raises(InvalidPrincipal):
        store.create(role, level=level, province=province)
    assert store.list() == []
