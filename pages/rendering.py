"""Templates in the page's language: one Jinja2 environment per language, autoescaped, with
the catalog installed (``{% trans %}`` and ``_()``) and dates written as each language does.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import Translations
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from lifecycle.values import Status
from pages import words
from pages.language import LANGUAGES, translations

DATE_PATTERN = {"vi": "dd/MM/yyyy", "en": "d MMMM yyyy"}


class Templates:
    """The pages' templates, rendered in either language."""

    def __init__(self) -> None:
        self.catalogs = {language: translations(language) for language in LANGUAGES}
        self.environments = {
            language: self._environment(language, catalog)
            for language, catalog in self.catalogs.items()
        }

    def render(self, language: str, template: str, context: dict[str, Any]) -> str:
        """The template filled with ``context``, in ``language``."""
        return self.environments[language].get_template(template).render(context)

    def translate(self, language: str, message: str) -> str:
        """One message in ``language`` (the message itself where the catalog has none)."""
        return str(self.catalogs[language].gettext(message))

    @staticmethod
    def _environment(language: str, catalog: Translations) -> Environment:
        environment = Environment(
            loader=PackageLoader("pages", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            extensions=["jinja2.ext.i18n"],
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        environment.install_gettext_translations(  # type: ignore[attr-defined]
            catalog, newstyle=True
        )
        pattern = DATE_PATTERN[language]

        def day(value: date | str | None) -> str:
            if value is None:
                return ""
            if isinstance(value, str):
                value = date.fromisoformat(value[:10])
            return format_date(value, pattern, locale=language)

        def published(text: str | None) -> str:
            """A published reason: the neutral texts are translated, officials' own words
            are shown as written (a plain string, so always escaped)."""
            return catalog.gettext(text) if text else ""

        def word(key: str, vocabulary: dict[str, str]) -> str:
            """The programme's word for ``key`` (the key itself if the vocabulary lacks it)."""
            return catalog.gettext(vocabulary[key]) if key in vocabulary else key

        environment.filters.update(
            day=day,
            number=lambda n: format_decimal(n, locale=language),
            published=published,
            word=word,
        )
        environment.globals.update(
            lang=language,
            STATUSES=[status.value for status in Status],
            STATUS=words.STATUS,
            SYMBOL=words.SYMBOL,
            ANSWER=words.ANSWER,
            CERTIFICATE_ANSWER=words.CERTIFICATE_ANSWER,
            CHANGE=words.CHANGE,
            MILESTONE=words.MILESTONE,
            GROUP=words.GROUP,
            OWNER_KIND=words.OWNER_KIND,
        )
        return environment
