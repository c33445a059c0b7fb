"""Translation: ``_``, ``N_``, ``ngettext`` and ``set_language``. Pure Python, no Qt.

Message ids are English; Thai is the default language. Catalogs are
``translations/<lang>/LC_MESSAGES/messages.po``, compiled to ``.mo`` by ``make`` (Babel);
when a ``.mo`` is missing (a fresh checkout) the ``.po`` is read directly, so the program
never shows untranslated text because a build step was skipped.
"""

from __future__ import annotations

import gettext
import os
from typing import Any

from complaint_desk.domain.errors import N_, DomainError
from complaint_desk.resources_path import translations_root

LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"
DOMAIN = "messages"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE

__all__ = ["N_", "_", "ngettext", "set_language", "language", "error_text", "language_from_env"]


class _PoTranslations(gettext.GNUTranslations):
    """GNUTranslations filled from a .po file through Babel (no compiled catalog needed)."""

    def __init__(self, po_path: str) -> None:
        gettext.NullTranslations.__init__(self)
        from babel.messages.pofile import read_po

        with open(po_path, "rb") as handle:
            catalog = read_po(handle)
        self._catalog: dict[Any, str] = {}
        self.plural = lambda n: int(n != 1)
        for message in catalog:
            if not message.id or not message.string or message.fuzzy:
                continue
            if isinstance(message.id, tuple):
                for index, text in enumerate(message.string):
                    if text:
                        self._catalog[(message.id[0], index)] = text
            else:
                self._catalog[message.id] = str(message.string)


def _load(lang: str) -> gettext.NullTranslations:
    folder = translations_root() / lang / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with open(mo, "rb") as handle:
            return gettext.GNUTranslations(handle)
    if po.exists():
        return _PoTranslations(str(po))
    return gettext.NullTranslations()


def set_language(lang: str) -> str:
    """Switch the catalog; unknown languages fall back to Thai. Returns the language in use."""
    global _translation, _language
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _translation = _load(lang) if lang != "en" else _load("en")
    _language = lang
    return lang


def language() -> str:
    return _language


def language_from_env(environ: dict[str, str] | None = None) -> str:
    """COMPLAINT_DESK_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG); Thai unless English."""
    env = os.environ if environ is None else environ
    for key in ("COMPLAINT_DESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            if key == "COMPLAINT_DESK_LANG" or code in LANGUAGES:
                return code if code in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def error_text(error: DomainError) -> str:
    """A domain error as one line in the current language; string parameters are translated
    too (statuses, actions, field labels are message ids)."""
    params = {k: _(v) if isinstance(v, str) else v for k, v in error.params.items()}
    try:
        return _(error.message).format(**params)
    except (KeyError, IndexError):
        return _(error.message)
