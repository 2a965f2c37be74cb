"""Every word the pages show is in both catalogs: Babel extracts the messages of the
templates and of the pages' Python (as ``pages/babel.cfg`` says), and each catalog must
translate every one of them, keeping its placeholders; the neutral public reasons too."""

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

PAGES = Path(__file__).resolve().parents[2] / "pages"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")


def extracted() -> dict[str, str]:
    """Every message the pages mark, with where it was found first."""
    with (PAGES / "babel.cfg").open(encoding="utf-8") as config:
        methods, options = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    found: dict[str, str] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        str(PAGES), methods, options_map=options
    ):
        text = message[0] if isinstance(message, tuple) else message
        found.setdefault(text, f"{filename}:{line}")
    return found


def catalog(language: str) -> Catalog:
    with catalog_path(language).open("rb") as po:
        return read_po(po, locale=language)


def test_extraction_finds_the_templates_and_the_python() -> None:
    messages = extracted()
    assert "Is this OCOP label valid?" in messages  # a template
    assert "Choose 3, 4 or 5 stars." in messages  # pages/filters.py
    assert "Not certified" in messages  # pages/words.py
    assert len(messages) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_translates_every_message(language: str) -> None:
    translated = catalog(language)
    published = [REINSTATED, *REVOKED.values(), *REMOVED.values()]
    missing = [
        message
        for message in [*extracted(), *published]
        if not (translated.get(message) and translated[message].string)
    ]
    assert missing == [], f"{language} catalog lacks {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language: str) -> None:
    for message in catalog(language):
        if message.id:
            wanted = sorted(PLACEHOLDER.findall(str(message.id)))
            assert sorted(PLACEHOLDER.findall(str(message.string))) == wanted, message.id


def test_no_compiled_catalog_is_kept() -> None:
    assert list(PAGES.rglob("*.mo")) == []


def test_the_vietnamese_catalog_is_vietnamese() -> None:
    vietnamese = catalog("vi")
    assert vietnamese["Valid"].string == "Còn hiệu lực"
    same = [m.id for m in vietnamese if m.id and m.string == m.id]
    assert set(same) <= {"OCOP"}, same
