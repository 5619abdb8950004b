"""Catalog maintenance: ``python -m companion.i18n.tools <command>``.

extract         scan ``companion/`` for marked strings into ``translations/companion.pot``
update          merge the template into every language's ``.po`` (English included)
compile         compile every ``.po`` into the ``.mo`` the app loads
status          per-language counts and review status, then every witness-facing
                string whose back-translation does not match the English
mark-reviewed   record that a qualified translator checked a catalog
mark-draft      record that a catalog is not (or no longer) checked

``update`` never throws a translation away. When an English source string
changes, its old translation is kept and marked fuzzy (with the old English
beside it), so the catalog tests fail until a translator confirms or fixes it.
A translation whose English is gone from the code stays at the end of the
file as an obsolete ``#~`` entry until ``update --drop-obsolete``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import check_and_call_extract_file
from babel.messages.frontend import parse_mapping_cfg

from companion.i18n.back_translation import (
    ReviewFinding,
    read_review,
    review_findings,
    review_path,
    witness_facing_msgids,
)
from companion.i18n.catalog import mo_path, po_path
from companion.i18n.catalog_files import (
    COPYRIGHT_HOLDER,
    PROJECT,
    TEMPLATE_NAME,
    CompanionCatalog,
    expected_plural_forms,
    is_translated,
    mo_bytes,
    new_catalog,
    po_bytes,
    read_catalog,
    write_if_changed,
)
from companion.i18n.languages import LANGUAGES, SOURCE_TAG, Language, get_language
from companion.i18n.review import REVIEW_HEADER, ReviewStatus

SOURCE_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "companion"
MAPPING_FILE = "babel.cfg"

# Functions whose string arguments are messages (Babel's keyword specification).
KEYWORDS: dict[str, tuple[int | tuple[int, str], ...] | None] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "N_": None,
}
# A comment starting with this, just above a message, is shown to translators.
COMMENT_TAGS = ("Translators:",)


def translations_dir() -> Path:
    return SOURCE_ROOT / "translations"


# --- extract -----------------------------------------------------------------


def extract_messages(source_root: Path = SOURCE_ROOT) -> CompanionCatalog:
    """Every marked string in ``<source_root>/companion``, in file order."""
    package = source_root / PACKAGE
    with (source_root / MAPPING_FILE).open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(  # type: ignore[no-untyped-call]
            mapping, filename=MAPPING_FILE
        )
    catalog = CompanionCatalog(
        project=PROJECT,
        version=_version(),
        copyright_holder=COPYRIGHT_HOLDER,
        msgid_bugs_address="",
        last_translator="",
        language_team="",
        charset="utf-8",
        fuzzy=False,
        header_comment=(
            f"# Messages of {PROJECT}, extracted from the source code.\n"
            "# Do not edit: run `make update-catalogs` (see translations/README.md)."
        ),
    )
    for path in sorted(package.rglob("*.py")):
        location = path.relative_to(source_root).as_posix()
        extracted = check_and_call_extract_file(
            str(path),
            method_map,
            options_map,
            callback=None,
            keywords=KEYWORDS,
            comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
            dirpath=str(package),
        )
        for _filename, lineno, message, comments, context in extracted:
            catalog.add(
                message, None, [(location, lineno)], auto_comments=comments, context=context
            )
    return catalog


def write_template(catalog: Catalog, path: Path) -> bool:
    """Write the template, keeping its creation date when nothing else changed."""
    if path.exists():
        catalog.creation_date = read_catalog(path).creation_date
        if path.read_bytes() == po_bytes(catalog):
            return False
        catalog.creation_date = _now()
    return write_if_changed(path, po_bytes(catalog))


# --- update ------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogCounts:
    language: Language
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    review: str
    plural_forms_ok: bool

    @property
    def complete(self) -> bool:
        return self.translated == self.total and self.fuzzy == 0 and self.plural_forms_ok


def update_catalogs(
    root: Path | None = None,
    languages: Sequence[Language] = LANGUAGES,
    drop_obsolete: bool = False,
) -> list[CatalogCounts]:
    """Merge ``<root>/companion.pot`` into each language's catalog (created if missing)."""
    root = translations_dir() if root is None else root
    results = []
    for language in languages:
        # Babel puts the template's own message objects into the catalog it
        # updates, so each catalog gets a template of its own.
        template = read_catalog(root / TEMPLATE_NAME)
        path = po_path(language.catalog, root)
        is_source = language.tag == SOURCE_TAG
        if path.exists():
            catalog = read_catalog(path, locale=language.catalog)
        else:
            catalog = new_catalog(language, template, "source" if is_source else "draft")
        _merge_template(catalog, template)
        catalog.version = template.version
        _set_plural_forms(catalog, language)
        if is_source:
            _copy_source_text(catalog)
            catalog.obsolete.clear()
        if drop_obsolete:
            catalog.obsolete.clear()
        counts = count(catalog, language)
        if counts.review.startswith("reviewed") and (counts.fuzzy or counts.untranslated):
            # New or changed strings have not been checked by the reviewer.
            catalog.extra_headers[REVIEW_HEADER] = ReviewStatus("draft").header_value()
            counts = count(catalog, language)
        write_if_changed(path, po_bytes(catalog))
        results.append(counts)
    return results


def _merge_template(catalog: CompanionCatalog, template: Catalog) -> None:
    """Merge the template into ``catalog``.

    Entries whose English is unchanged keep their translation. A new English
    string that closely resembles one that is gone from the code (an edited
    source string) inherits that translation, marked fuzzy, with the old
    English beside it. Unlike Babel's own fuzzy matching, a new string is never
    matched against a string that is still in use, which would only offer the
    translator an unrelated text ("&Next" getting the translation of "Texts").
    """
    previous = {
        _key(message): message.previous_id
        for message in catalog
        if message.id and message.fuzzy and message.previous_id
    }
    catalog.update(template, no_fuzzy_matching=True)
    for message in catalog:
        if message.id and message.fuzzy and not message.previous_id:
            message.previous_id = previous.get(_key(message), [])

    # Translations whose English is gone from the code (just now, or earlier).
    gone = {
        _match_text(message): key
        for key, message in catalog.obsolete.items()
        if message.string and any(_forms(message))
    }
    for message in catalog:
        if not gone or not message.id or message.fuzzy or any(_forms(message)):
            continue
        matches = get_close_matches(_match_text(message), list(gone), n=1, cutoff=0.6)
        if not matches:
            continue
        old = catalog.obsolete.pop(gone.pop(matches[0]))
        message.string = _reshape(_forms(old), message, catalog.num_plurals)
        message.flags.add("fuzzy")
        message.previous_id = [old.id] if isinstance(old.id, str) else list(old.id)


def _key(message: Message) -> tuple[str, str | None]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return msgid, message.context


def _match_text(message: Message) -> str:
    return _key(message)[0].strip().lower()


def _forms(message: Message) -> tuple[str, ...]:
    if message.string is None:
        return ()
    if isinstance(message.string, str):
        return (message.string,)
    return tuple(message.string)


def _reshape(forms: tuple[str, ...], message: Message, num_plurals: int) -> str | tuple[str, ...]:
    """Old translation forms fitted to the new entry (singular, or plural forms)."""
    if not message.pluralizable:
        return forms[0] if forms else ""
    padded = list(forms[:num_plurals]) + [""] * (num_plurals - len(forms))
    return tuple(padded)


def _set_plural_forms(catalog: CompanionCatalog, language: Language) -> None:
    expected = expected_plural_forms(language)
    if catalog.plural_forms == expected:
        return
    catalog.mime_headers = [("Plural-Forms", expected)]
    for message in catalog:
        if message.id and message.pluralizable and isinstance(message.string, (tuple, list)):
            message.flags.add("fuzzy")
            forms = list(message.string)[: catalog.num_plurals]
            message.string = tuple(forms + [""] * (catalog.num_plurals - len(forms)))


def _copy_source_text(catalog: Catalog) -> None:
    """The English catalog says what the source says."""
    for message in catalog:
        if not message.id:
            continue
        message.string = message.id
        message.flags.discard("fuzzy")
        message.previous_id = []


def count(catalog: CompanionCatalog, language: Language) -> CatalogCounts:
    messages = [message for message in catalog if message.id]
    fuzzy = sum(1 for message in messages if message.fuzzy)
    translated = sum(1 for message in messages if is_translated(message) and not message.fuzzy)
    untranslated = sum(1 for message in messages if not is_translated(message))
    return CatalogCounts(
        language=language,
        total=len(messages),
        translated=translated,
        fuzzy=fuzzy,
        untranslated=untranslated,
        obsolete=len(catalog.obsolete),
        review=catalog.extra_headers.get(REVIEW_HEADER, "(missing)"),
        plural_forms_ok=catalog.plural_forms == expected_plural_forms(language),
    )


# --- compile -----------------------------------------------------------------


def compile_catalogs(
    root: Path | None = None, languages: Sequence[Language] = LANGUAGES
) -> list[tuple[Language, bool]]:
    """Compile each ``.po`` to its ``.mo``; returns (language, written) pairs."""
    root = translations_dir() if root is None else root
    results = []
    for language in languages:
        catalog = read_catalog(po_path(language.catalog, root), locale=language.catalog)
        written = write_if_changed(mo_path(language.catalog, root), mo_bytes(catalog))
        results.append((language, written))
    return results


# --- review status -----------------------------------------------------------


def set_review_status(tag: str, status: ReviewStatus, root: Path | None = None) -> None:
    """Record ``status`` in the header of the catalog for ``tag``."""
    root = translations_dir() if root is None else root
    language = get_language(tag)
    if language.tag == SOURCE_TAG:
        raise ValueError("English is the source language; it is not reviewed")
    path = po_path(language.catalog, root)
    catalog = read_catalog(path, locale=language.catalog)
    counts = count(catalog, language)
    if status.state == "reviewed" and not counts.complete:
        raise ValueError(
            f"{language.english_name} has {counts.untranslated} untranslated and "
            f"{counts.fuzzy} fuzzy entries; a reviewer can only sign off a complete catalog"
        )
    catalog.extra_headers[REVIEW_HEADER] = status.header_value()
    write_if_changed(path, po_bytes(catalog))


# --- back-translation review ---------------------------------------------------


def back_translation_findings(
    root: Path | None = None, languages: Sequence[Language] = LANGUAGES
) -> list[tuple[Language, int, list[ReviewFinding]]]:
    """Per translated language: the number of witness-facing strings, and the findings."""
    root = translations_dir() if root is None else root
    witness = witness_facing_msgids(read_catalog(root / TEMPLATE_NAME))
    results = []
    for language in languages:
        if language.tag == SOURCE_TAG:
            continue
        catalog = read_catalog(po_path(language.catalog, root), locale=language.catalog)
        path = review_path(language.catalog, root)
        rows = read_review(path) if path.exists() else []
        results.append((language, len(witness), review_findings(catalog, rows, witness)))
    return results


def _print_back_translations(results: Sequence[tuple[Language, int, list[ReviewFinding]]]) -> None:
    print()
    print("Back-translation review of the witness-facing strings (review.tsv beside each catalog;")
    print("not a qualified translator's review: the catalogs stay draft)")
    total = 0
    for language, count_witness, findings in results:
        name = f"{language.english_name} ({language.catalog})"
        print(f"{name:<32} {count_witness - len(findings):>3}/{count_witness} match")
        for finding in findings:
            print(f"    {finding}")
        total += len(findings)
    print(f"{total} witness-facing strings need attention")


# --- command line ------------------------------------------------------------


def _print_status(results: Sequence[CatalogCounts]) -> None:
    header = f"{'language':<32} {'done':>9} {'fuzzy':>6} {'empty':>6} {'obsolete':>9}  review"
    print(header)
    print("-" * len(header))
    for item in results:
        name = f"{item.language.english_name} ({item.language.catalog})"
        done = f"{item.translated}/{item.total}"
        plural = "" if item.plural_forms_ok else "  WRONG Plural-Forms"
        print(
            f"{name:<32} {done:>9} {item.fuzzy:>6} {item.untranslated:>6} {item.obsolete:>9}"
            f"  {item.review}{plural}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m companion.i18n.tools",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--dir", type=Path, default=None, help="translations folder")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help="extract marked strings into the template")
    update = commands.add_parser("update", help="merge the template into every catalog")
    update.add_argument(
        "--drop-obsolete",
        action="store_true",
        help="delete translations whose English is gone from the code",
    )
    commands.add_parser("compile", help="compile every catalog")
    commands.add_parser("status", help="per-language counts and review status")
    reviewed = commands.add_parser("mark-reviewed", help="record a translator's review")
    reviewed.add_argument("tag", help="language tag, e.g. es, zh-Hant")
    reviewed.add_argument("--by", required=True, help="the reviewer's name")
    reviewed.add_argument(
        "--on",
        type=dt.date.fromisoformat,
        default=None,
        help="date of the review, YYYY-MM-DD (default: today)",
    )
    draft = commands.add_parser("mark-draft", help="record that a catalog is not checked")
    draft.add_argument("tag")
    args = parser.parse_args(argv)
    root: Path = translations_dir() if args.dir is None else args.dir

    if args.command == "extract":
        template = extract_messages()
        written = write_template(template, root / TEMPLATE_NAME)
        state = "written" if written else "unchanged"
        print(f"{root / TEMPLATE_NAME}: {len(template)} messages ({state})")
    elif args.command == "update":
        _print_status(update_catalogs(root, drop_obsolete=args.drop_obsolete))
    elif args.command == "compile":
        for language, written in compile_catalogs(root):
            print(f"{mo_path(language.catalog, root)}: {'written' if written else 'unchanged'}")
    elif args.command == "status":
        _print_status(
            [
                count(read_catalog(po_path(lang.catalog, root), lang.catalog), lang)
                for lang in LANGUAGES
            ]
        )
        _print_back_translations(back_translation_findings(root))
    elif args.command == "mark-reviewed":
        status = ReviewStatus("reviewed", args.by, args.on or dt.date.today())
        set_review_status(args.tag, status, root)
        print(f"{args.tag}: {status.header_value()}; run `make compile-catalogs`")
    elif args.command == "mark-draft":
        set_review_status(args.tag, ReviewStatus("draft"), root)
        print(f"{args.tag}: draft; run `make compile-catalogs`")
    return 0


def _version() -> str:
    try:
        return importlib.metadata.version("court-companion")
    except importlib.metadata.PackageNotFoundError:
        return "0"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)


if __name__ == "__main__":
    sys.exit(main())
