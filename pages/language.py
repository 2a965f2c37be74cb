"""The pages' two languages: Vietnamese by default, English by the visible switch (a link
setting ``?lang=`` and a cookie) or by the browser's ``Accept-Language``.

The catalogs are the ``.po`` files under ``locales/``, compiled in memory when the pages
are built: no compiled ``.mo`` file is kept beside them.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("vi", "en")
DEFAULT = "vi"
COOKIE = "lang"
LOCALES = Path(__file__).resolve().parent / "locales"


def catalog_path(language: str, locales: Path = LOCALES) -> Path:
    """Where the catalog of ``language`` is kept (under ``locales``: the pages' own, or
    another room's that shares the pages' way of keeping them)."""
    return locales / language / "LC_MESSAGES" / "messages.po"


def translations(language: str, locales: Path = LOCALES) -> Translations:
    """The catalog of ``language``, read from its ``.po`` and compiled in memory."""
    with catalog_path(language, locales).open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def from_accept_language(header: str) -> str | None:
    """The language the browser prefers among ours (highest weight, then first listed)."""
    best: tuple[float, str] | None = None
    for part in header.split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().split("-")[0].lower()
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        if primary in LANGUAGES and weight > 0 and (best is None or weight > best[0]):
            best = (weight, primary)
    return best[1] if best else None


def chosen(asked: str | None, cookie: str | None, accept: str | None) -> str:
    """The page's language: asked in the query, else kept in the cookie, else the browser's
    preference, else Vietnamese."""
    for wanted in (asked, cookie):
        if wanted in LANGUAGES:
            return str(wanted)
    return (from_accept_language(accept) if accept else None) or DEFAULT
