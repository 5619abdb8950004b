"""Reading and writing the catalog files under ``translations/`` with Babel.

Babel drops header fields it does not know (such as ``X-Review-Status``) when
it reads a catalog, and writes its own version into every file. ``CompanionCatalog``
keeps our ``X-`` fields in both the ``.po`` and the compiled ``.mo``, and leaves the
Babel version out, so files change only when their content does.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileParser, unescape, write_po

from companion.i18n.catalog import DOMAIN
from companion.i18n.languages import Language

PROJECT = "Court Companion"
COPYRIGHT_HOLDER = "Court Companion developers"
TEMPLATE_NAME = f"{DOMAIN}.pot"
_DROPPED_HEADERS = {"generated-by"}
_PO_WIDTH = 100


class CompanionCatalog(Catalog):
    """A Babel catalog that keeps its ``X-`` header fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.extra_headers: dict[str, str] = {}
        super().__init__(*args, **kwargs)

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        headers = [
            (name, value.strip())
            for name, value in super()._get_mime_headers()
            if name.lower() not in _DROPPED_HEADERS
        ]
        headers += sorted(self.extra_headers.items())
        # Each header line ends with a newline, the last one included.
        name, value = headers[-1]
        headers[-1] = (name, value + "\n")
        return headers

    def _set_mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        headers = list(headers)
        super()._set_mime_headers(headers)
        for name, value in headers:
            if name.lower().startswith("x-"):
                self.extra_headers[_canonical(name)] = value.strip()


def _canonical(name: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))


class _Parser(PoFileParser):
    """Babel's ``.po`` parser, also keeping the previous source text (``#| msgid``)
    that ``update`` writes beside a fuzzy translation. Babel would turn it into a
    translator comment that outlives the fix."""

    def _reset_message_state(self) -> None:
        super()._reset_message_state()
        self.previous: list[str] = []

    def _process_comment(self, line: str) -> None:
        if not line.startswith("#|"):
            super()._process_comment(line)
            return
        self._finish_current_message()
        text = line[2:].strip()
        for keyword in ("msgid_plural", "msgid"):
            if text.startswith(keyword + " "):
                self.previous.append("")
                text = text[len(keyword) :].strip()
                break
        if self.previous and text.startswith('"'):
            self.previous[-1] += unescape(text)

    def _add_message(self) -> None:
        previous = self.previous
        obsolete = self.obsolete
        msgid = (
            self.messages[0].denormalize()
            if len(self.messages) == 1
            else tuple(m.denormalize() for m in self.messages)
        )
        context = self.context.denormalize() if self.context else None
        super()._add_message()
        message = None if obsolete else self.catalog.get(msgid, context)
        if message is not None and previous:
            message.previous_id = previous


def read_catalog(path: Path, locale: str | None = None) -> CompanionCatalog:
    """A ``.po`` or ``.pot`` file, with its ``X-`` header fields and previous source texts."""
    catalog = CompanionCatalog(locale=locale, domain=DOMAIN, fuzzy=False)
    with path.open("rb") as source:
        _Parser(catalog, ignore_obsolete=False).parse(source)
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    """``catalog`` as ``.po`` text: entries in source order, file names without line numbers."""
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=_PO_WIDTH,
        include_lineno=False,
        ignore_obsolete=False,
        include_previous=True,
    )
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """``catalog`` compiled. Fuzzy and incomplete entries are left out, so the app
    shows the English source for them rather than a wrong or empty text."""
    complete = CompanionCatalog(
        locale=catalog.locale_identifier, domain=DOMAIN, fuzzy=False, charset="utf-8"
    )
    complete.mime_headers = catalog.mime_headers
    complete.extra_headers = dict(getattr(catalog, "extra_headers", {}))
    for message in catalog:
        if message.id and is_translated(message) and not message.fuzzy:
            complete[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, complete)
    return buffer.getvalue()


def is_translated(message: Message) -> bool:
    """Every form of ``message`` has a translation."""
    if message.string is None or isinstance(message.string, str):
        return bool(message.string)
    return bool(message.string) and all(message.string)


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless ``path`` already holds exactly that. True if written."""
    if path.exists() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def expected_plural_forms(language: Language) -> str:
    """The ``Plural-Forms`` header for ``language``, from CLDR's rules as Babel has them."""
    plural = get_plural(Locale.parse(language.babel_locale))
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def new_catalog(language: Language, template: Catalog, review_value: str) -> CompanionCatalog:
    """An empty catalog for ``language`` with our header."""
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    catalog = CompanionCatalog(
        locale=language.catalog,
        domain=DOMAIN,
        project=PROJECT,
        version=template.version,
        copyright_holder=COPYRIGHT_HOLDER,
        msgid_bugs_address=template.msgid_bugs_address,
        creation_date=template.creation_date,
        revision_date=now,
        language_team=f"{language.english_name} <none>",
        last_translator="",
        fuzzy=False,
        charset="utf-8",
        header_comment=(
            f"# {language.english_name} ({language.native_name}) translations for "
            f"{PROJECT}.\n"
            f"# Copyright (C) {now.year} {COPYRIGHT_HOLDER}\n"
            "# This file is distributed under the same license as the Court Companion project."
        ),
    )
    catalog.extra_headers["X-Review-Status"] = review_value
    return catalog
