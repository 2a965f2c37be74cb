"""API keys: created with a role, level and province, shown once, kept only as hashes."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from api.keys import KeyStore
from lifecycle.errors import InvalidPrincipal
from lifecycle.values import Level, Role
from ocop.cli import main as ocop
from tests.conftest import connections_to

# ocop_<12 hex digits of key id>_<43 characters of URL-safe base64>; the secret may hold '_'.
KEY_LAYOUT = re.compile(r"ocop_(?P<key_id>[0-9a-f]{12})_(?P<secret>[A-Za-z0-9_-]{43})")


def parts_of(key: str) -> tuple[str, str]:
    """The key id and the secret of a key, read by the key's known layout."""
    found = KEY_LAYOUT.fullmatch(key)
    assert found is not None, f"{key!r} does not have the layout of a key"
    return found["key_id"], found["secret"]


def test_a_key_is_read_by_its_layout_even_when_the_secret_holds_underscores() -> None:
    key_id, secret = parts_of("ocop_0123456789ab_" + "a_b-" * 10 + "c_d")
    assert (key_id, secret) == ("0123456789ab", "a_b-" * 10 + "c_d")


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
    key_id, secret = parts_of(key)
    store = KeyStore(connections_to(url), remember_for=0)
    actor = store.principal(key)
    assert actor is not None and (actor.role, actor.province) == (Role.INSPECTOR, "Quảng Ninh")
    assert ocop(["keys", "list"]) == 0
    listing = capsys.readouterr().out
    assert "qn-inspector-01" in listing and key_id in listing
    assert key not in listing and secret not in listing
    stored = sqlite3.connect(f"{tmp_path}/ocop.db").execute("SELECT * FROM ocop_api_keys")
    assert all(secret not in str(row) for row in stored.fetchall())
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
    store = KeyStore(connections_to(f"sqlite:///{tmp_path}/ocop.db"))
    with pytest.raises(InvalidPrincipal):
        store.create(role, level=level, province=province)
    assert store.list() == []


class Clock:
    """A clock the test moves by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_revoked_by_another_process_stops_working_within_the_remembered_time(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path}/ocop.db"
    office = KeyStore(connections_to(url))  # where the operator revokes
    clock = Clock()
    api = KeyStore(connections_to(url), remember_for=5.0, clock=clock)  # another process
    key, record = office.create(Role.PROGRAMME_OFFICE, province="Quảng Ninh")
    assert api.principal(key) == record.actor
    assert office.revoke(record.key_id)
    clock.now += 4.9
    assert api.remembered(key) == record.actor  # still within the bound SECURITY.md states
    clock.now += 0.1
    assert api.remembered(key) is None
    assert api.principal(key) is None  # asked again: revoked


def test_a_key_revoked_through_the_same_store_stops_working_at_once(tmp_path: Path) -> None:
    store = KeyStore(connections_to(f"sqlite:///{tmp_path}/ocop.db"), clock=Clock())
    key, record = store.create(Role.PROGRAMME_OFFICE, province="Quảng Ninh")
    assert store.principal(key) == record.actor
    assert store.revoke(record.key_id)
    assert store.remembered(key) is None and store.principal(key) is None


def test_a_key_never_found_is_not_remembered(tmp_path: Path) -> None:
    store = KeyStore(connections_to(f"sqlite:///{tmp_path}/ocop.db"))
    unknown = "ocop_0123456789ab_" + "a" * 43
    assert store.principal(unknown) is None
    assert store.remembered(unknown) is None
