"""Every word the pages and the staff workspace show is in both catalogs: Babel extracts the
messages of each room's templates and Python (as its ``babel.cfg`` says), and each catalog
must translate every one of them, keeping its placeholders; the neutral public reasons too.
The workspace's catalog is merged over the pages' (it renders with their macros), so a
workspace message may be translated by either."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from lifecycle.publication import REINSTATED, REMOVED, REVOKED
from pages.language import LANGUAGES, catalog_path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("pages", "workspace")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")


def extracted(room: str = "pages") -> dict[str, str]:
    """Every message the room marks, with where it was found first."""
    with (ROOT / room / "babel.cfg").open(encoding="utf-8") as config:
        methods, options = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    found: dict[str, str] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        str(ROOT / room), methods, options_map=options
    ):
        text = message[0] if isinstance(message, tuple) else message
        found.setdefault(text, f"{filename}:{line}")
    return found


def catalog(language: str, room: str = "pages") -> Catalog:
    with catalog_path(language, ROOT / room / "locales").open("rb") as po:
        return read_po(po, locale=language)


def translates(catalogs: list[Catalog], message: str) -> bool:
    return any(c.get(message) and c[message].string for c in catalogs)


def test_extraction_finds_the_templates_and_the_python() -> None:
    messages = extracted()
    assert "Is this OCOP label valid?" in messages  # a template
    assert "Choose 3, 4 or 5 stars." in messages  # pages/filters.py
    assert "Not certified" in messages  # pages/words.py
    assert len(messages) > 100
    staff = extracted("workspace")
    assert "Sign in" in staff and "Suspend the certificate" in staff  # a template, the Python
    assert "The new deadline must be later than the current one." in staff  # refusals.py


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_translates_every_message(language: str) -> None:
    translated = catalog(language)
    published = [REINSTATED, *REVOKED.values(), *REMOVED.values()]
    missing = [
        message for message in [*extracted(), *published] if not translates([translated], message)
    ]
    assert missing == [], f"{language} catalog lacks {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workspace_catalog_with_the_pages_translates_every_message(language: str) -> None:
    catalogs = [catalog(language, "workspace"), catalog(language)]
    missing = [message for message in extracted("workspace") if not translates(catalogs, message)]
    assert missing == [], f"{language} workspace catalog lacks {missing}"


@pytest.mark.parametrize("room", ROOMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language: str, room: str) -> None:
    for message in catalog(language, room):
        if message.id:
            wanted = sorted(PLACEHOLDER.findall(str(message.id)))
            assert sorted(PLACEHOLDER.findall(str(message.string))) == wanted, message.id


@pytest.mark.parametrize("room", ROOMS)
def test_no_compiled_catalog_is_kept(room: str) -> None:
    assert list((ROOT / room).rglob("*.mo")) == []


@pytest.mark.parametrize("room", ROOMS)
def test_the_vietnamese_catalog_is_vietnamese(room: str) -> None:
    vietnamese = catalog("vi", room)
    assert catalog("vi")["Valid"].string == "Còn hiệu lực"
    same = [m.id for m in vietnamese if m.id and m.string == m.id]
    assert set(same) <= {"OCOP"}, same
