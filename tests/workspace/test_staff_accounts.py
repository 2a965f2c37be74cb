"""``ocop staff``: accounts are made for principals that stand today, exactly as keys are
(a merged province is refused naming its successor; a district principal after 1 July 2025
is refused), with a password shown once or read from standard input; disabling an account
and resetting its password end its sessions."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ocop.cli import main
from ocop.cli.serve import introduce_demo_staff
from ocop.services import build_services
from ocop.settings import Settings
from storage.connections import open_connections
from storage.url import StoreUrl
from workspace import open_desk

GOOD_PASSWORD = "a long enough password"
DEMO_LINE = re.compile(r"^  (demo-[a-z-]+) +(\S+)$", re.M)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path}/register.db"
    monkeypatch.setenv("OCOP_DATABASE_URL", url)
    return url


def signs_in(url: str, name: str, password: str) -> bool:
    database = open_connections(StoreUrl.parse(url))
    try:
        accounts, _sessions = open_desk(database)
        accounts.sign_in(name, password, datetime.now(UTC))
        return True
    except Exception:
        return False
    finally:
        database.close()


def test_an_inspectors_account_is_made_with_a_password_shown_once(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["staff", "create", "lan", "--role", "inspector", "--province", "Quảng Ninh"]) == 0
    password = capsys.readouterr().out.strip().splitlines()[-1]
    assert signs_in(store, "lan", password)
    assert not signs_in(store, "lan", password + "x")
    assert main(["staff", "create", "lan", "--role", "inspector", "--province", "Quảng Ninh"]) == 2
    assert main(["staff", "create", "lan; drop", "--role", "auditor"]) == 2


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--role", "inspector", "--province", "Hà Giang"], "Tuyên Quang"),
        (["--role", "inspector", "--province", "Atlantis"], "Atlantis"),
        (
            ["--role", "evaluation-council", "--level", "district", "--province", "Quảng Ninh"],
            "District",
        ),
        (["--role", "inspector"], "province"),
    ],
)
def test_a_principal_that_does_not_stand_today_gets_no_account(
    store: str, capsys: pytest.CaptureFixture[str], options: list[str], named: str
) -> None:
    assert main(["staff", "create", "someone", *options]) == 2
    assert named in capsys.readouterr().err
    assert not signs_in(store, "someone", "")


def test_a_password_read_from_stdin_disable_and_reset(
    store: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["staff", "create", "an", "--role", "auditor", "--password-stdin"]) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD_PASSWORD + "\n"))
    assert main(["staff", "create", "an", "--role", "auditor", "--password-stdin"]) == 0
    assert GOOD_PASSWORD not in capsys.readouterr().out
    assert signs_in(store, "an", GOOD_PASSWORD)
    assert main(["staff", "disable", "an"]) == 0
    assert not signs_in(store, "an", GOOD_PASSWORD)
    assert main(["staff", "reset", "an"]) == 0
    new = capsys.readouterr().out.strip().splitlines()[-1]
    assert signs_in(store, "an", new) and not signs_in(store, "an", GOOD_PASSWORD)
    assert main(["staff", "disable", "nobody"]) == 1


def test_the_demo_gives_its_staff_accounts_new_passwords_on_every_start(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    services = build_services(Settings(database_url=store))
    try:
        introduce_demo_staff(services, "http://127.0.0.1:8000")
        first = dict(DEMO_LINE.findall(capsys.readouterr().out))
        introduce_demo_staff(services, "http://127.0.0.1:8000")
        second = dict(DEMO_LINE.findall(capsys.readouterr().out))
    finally:
        services.close()
    assert first.keys() == second.keys() >= {"demo-qn-inspector", "demo-auditor"}
    assert all(signs_in(store, name, password) for name, password in second.items())
    assert not any(signs_in(store, name, password) for name, password in first.items())
