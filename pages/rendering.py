"""Templates in the page's language: one Jinja2 environment per language, autoescaped, with
the catalog installed (``{% trans %}`` and ``_()``) and dates written as each language does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from babel.core import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import Translations
from jinja2 import BaseLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.ext import Extension
from jinja2.lexer import TOKEN_LPAREN, TOKEN_NAME, TOKEN_PIPE, TOKEN_STRING, Token, TokenStream
from markupsafe import Markup, escape

from lifecycle.values import Status
from pages import words
from pages.language import LANGUAGES, translations

DATE_PATTERN = {"vi": "dd/MM/yyyy", "en": "d MMMM yyyy"}
HERE = Path(__file__).resolve().parent


class ConstantMessages(Extension):
    """Translates each ``_("...")`` of a constant message once, as the template is compiled
    (each language has an environment of its own), instead of on every render: the same
    trusted text the catalog's ``_`` gives, written in as ``"..."|safe``, and the values a
    message takes (``_("...", name=value)``) put in by the ``filled`` filter, called at once
    where a global's call goes through the template's context."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        """The template's tokens, with each constant ``_("...")`` already translated."""
        while not stream.eos:
            token = next(stream)
            if token.test("name:_") and stream.current.test("lparen"):
                ahead = [stream.current, stream.look()]
                if ahead[1].test("string"):
                    opening, message = next(stream), next(stream)
                    if stream.current.test("rparen") or stream.current.test("comma"):
                        # ``_("...", name=value)`` becomes ``"..."|safe|filled(name=value)``
                        with_values = stream.current.test("comma")
                        next(stream)
                        catalog = cast(Callable[[str], str], self.environment.globals["_"])
                        translated = str(catalog(message.value))
                        yield Token(message.lineno, TOKEN_STRING, translated)
                        yield Token(message.lineno, TOKEN_PIPE, "|")
                        yield Token(message.lineno, TOKEN_NAME, "safe")
                        if with_values:
                            yield Token(message.lineno, TOKEN_PIPE, "|")
                            yield Token(message.lineno, TOKEN_NAME, "filled")
                            yield Token(message.lineno, TOKEN_LPAREN, "(")
                        continue
                    yield token
                    yield opening
                    yield message
                    continue
            yield token


class Templates:
    """The pages' templates, rendered in either language."""

    def __init__(
        self,
        loader: BaseLoader | None = None,
        catalogs: dict[str, Translations] | None = None,
    ) -> None:
        """The pages' own templates and catalogs, unless another room (the staff workspace)
        hands in its loader and catalogs, to render its pages the same way."""
        self.catalogs = catalogs or {language: translations(language) for language in LANGUAGES}
        # Part of every page's validator: a new release's pages are never taken for old ones.
        self.version = _version(HERE / "templates", HERE / "locales")
        loader = loader or PackageLoader("pages", "templates")
        self.environments = {
            language: self._environment(language, catalog, loader)
            for language, catalog in self.catalogs.items()
        }

    def render(self, language: str, template: str, context: dict[str, Any]) -> str:
        """The template filled with ``context``, in ``language``."""
        return self.environments[language].get_template(template).render(context)

    def translate(self, language: str, message: str) -> str:
        """One message in ``language`` (the message itself where the catalog has none)."""
        return str(self.catalogs[language].gettext(message))

    @staticmethod
    def _environment(language: str, catalog: Translations, loader: BaseLoader) -> Environment:
        environment = Environment(
            loader=loader,
            autoescape=select_autoescape(default=True, default_for_string=True),
            extensions=["jinja2.ext.i18n", ConstantMessages],
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # templates change only with a release: no stat per page
        )

        known: dict[str, Markup] = {}

        def gettext(message: str, **variables: object) -> Markup:
            """The pages' own message in the page's language: trusted text, so marked safe;
            the values put into it are escaped (``Markup``'s ``%``). Only msgids come here;
            officials' and owners' words go through ``published`` or are printed as text."""
            translated = known.get(message)
            if translated is None:  # the templates' msgids: a bounded set
                translated = known[message] = Markup(catalog.gettext(message))
            return filled(translated, **variables) if variables else translated

        def ngettext(singular: str, plural: str, n: int, **variables: object) -> Markup:
            translated = Markup(catalog.ngettext(singular, plural, n))
            return translated % {"num": n, **variables}

        environment.install_gettext_callables(  # type: ignore[attr-defined]
            gettext, ngettext, newstyle=False
        )
        # ``_()`` calls the catalog itself, not through the extension's alias (a page asks
        # for some sixty messages: the alias's second call was a third of its rendering).
        environment.globals["_"] = gettext
        pattern, locale = DATE_PATTERN[language], Locale.parse(language)

        @lru_cache(maxsize=4096)
        def written(value: date) -> str:
            return format_date(value, pattern, locale=locale)

        def day(value: date | str | None) -> str:
            if value is None:
                return ""
            if isinstance(value, str):
                value = date.fromisoformat(value[:10])
            return written(value)

        def published(text: str | None) -> str:
            """A published reason: the neutral texts are translated, officials' own words
            are shown as written (a plain string, so always escaped)."""
            return catalog.gettext(text) if text else ""

        def word(key: str, vocabulary: dict[str, str]) -> str:
            """The programme's word for ``key`` (the key itself if the vocabulary lacks it)."""
            return catalog.gettext(vocabulary[key]) if key in vocabulary else key

        environment.filters.update(
            filled=filled,
            day=day,
            number=lambda n: format_decimal(n, locale=locale),
            published=published,
            word=word,
        )
        environment.globals.update(
            lang=language,
            STATUSES=[status.value for status in Status],
            **words.IN_TEMPLATES,
        )
        # The macros, made once (they need only the globals above).
        environment.globals["m"] = environment.get_template("macros.html").module
        return environment


def filled(message: Markup, **values: object) -> Markup:
    """A translated message with its ``%(name)s`` placeholders filled by ``values``, each
    escaped (what ``Markup``'s own ``%`` does, without its per-value wrapper objects)."""
    return Markup(str.__mod__(message, {name: escape(value) for name, value in values.items()}))


def _version(*folders: Path) -> str:
    """A short digest of every file under ``folders``."""
    digest = hashlib.sha256()
    for path in sorted(p for folder in folders for p in folder.rglob("*") if p.is_file()):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:8]
