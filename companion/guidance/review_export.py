"""Write the guidance as HTML for a content reviewer: one file per language, English beside it.

``make guidance-review`` runs ``python -m companion.guidance.review_export [--out DIR]``.
Each ``<lang>.html`` shows every topic and jurisdiction section with its review status;
stale and missing translations are marked. ``index.html`` gives the overview. All text
from the files is escaped.

A stamp is not a review: for each translation the page also lists the English sentences
that changed since the translation's own text was last edited (read from the git history
of the checkout, see ``companion.guidance.history``), so a translator sees what to re-read
even after a re-stamp made the file look up to date.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

from companion.guidance.errors import GuidanceFormatError
from companion.guidance.history import GitHistory, changed_sentences
from companion.guidance.html import blocks_to_html
from companion.guidance.library import JURISDICTION_CODES, TOPIC_IDS, GuidanceLibrary
from companion.guidance.model import (
    DocumentKind,
    GuidanceDocument,
    Slot,
    SlotName,
    Source,
    TranslationState,
)
from companion.i18n.languages import LANGUAGES, SOURCE_TAG, Language

DEFAULT_OUT = Path("build") / "guidance-review"

_SLOT_TEXT = {
    SlotName.ORGANISATION_CONTACTS: "The app inserts the contacts from settings here.",
    SlotName.JURISDICTION: "The app inserts the courthouse's jurisdiction section here.",
}

_STYLE = """
body { font-family: "Noto Sans", sans-serif; margin: 1.5em; color: #1a1a1a; }
table.pair { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.pair td { vertical-align: top; border: 1px solid #bbb; padding: 0.5em 1em; }
.state { display: inline-block; padding: 0.1em 0.5em; border-radius: 0.3em; font-weight: bold; }
.state-source { background: #dde; } .state-reviewed { background: #cec; }
.state-draft { background: #fe9; } .state-stale { background: #f99; }
.state-missing { background: #ddd; }
.notice { border-left: 4px solid #555; padding-left: 0.5em; }
.slot { border: 1px dashed #777; padding: 0.5em; font-style: italic; }
.error { color: #a00; font-weight: bold; }
.warning { background: #fdd; padding: 0.3em 0.5em; }
ol.sources { font-size: 90%; }
.changes { border: 1px solid #c90; background: #fff8e6; padding: 0.3em 0.8em; }
.changes mark { background: #fd6; }
"""


@dataclass(frozen=True)
class DocumentRef:
    kind: DocumentKind
    doc_id: str


def all_documents() -> Iterator[DocumentRef]:
    for topic_id in TOPIC_IDS:
        yield DocumentRef(DocumentKind.TOPIC, topic_id)
    for code in JURISDICTION_CODES:
        yield DocumentRef(DocumentKind.JURISDICTION, code)


def _slot_html(slot: Slot) -> str:
    return f'<p class="slot">[{escape(_SLOT_TEXT[slot.name], quote=False)}]</p>'


def _sources_html(sources: tuple[Source, ...]) -> str:
    if not sources:
        return "<p><i>No legal sources cited.</i></p>"
    items = []
    for source in sources:
        details = [f"checked {source.checked.isoformat()}"]
        if source.effective is not None:
            note = " (date from news reports only)" if source.effective_news_only else ""
            details.append(f"effective {source.effective.isoformat()}{note}")
        elif source.effective_unconfirmed:
            details.append("effective date unconfirmed")
        url = escape(source.url, quote=True)
        items.append(
            f'<li value="{source.number}">{escape(source.citation, quote=False)}. '
            f'<a href="{url}">{escape(source.url, quote=False)}</a> '
            f"({escape(', '.join(details), quote=False)})</li>"
        )
    return '<ol class="sources">' + "".join(items) + "</ol>"


def _state_badge(state: TranslationState) -> str:
    return f'<span class="state state-{state.value}">{escape(state.label, quote=False)}</span>'


def _document_column(document: GuidanceDocument, language: Language) -> str:
    direction = "rtl" if language.rtl else "ltr"
    return (
        f'<td width="50%" lang="{escape(language.tag)}" dir="{direction}">'
        f"<h3>{escape(document.title, quote=False)}</h3>"
        f"{blocks_to_html(document.blocks, _slot_html)}</td>"
    )


def changes_html(library: GuidanceLibrary, history: GitHistory, ref: DocumentRef, tag: str) -> str:
    """The English sentences changed since this translation's text was last edited."""
    translation = library.file_path(ref.kind, ref.doc_id, tag)
    english = library.file_path(ref.kind, ref.doc_id, SOURCE_TAG)
    edit = history.last_edit(translation, english)
    if edit is None:
        return (
            '<div class="changes"><p>Edit history not available (not a git checkout): '
            "compare the whole text with the English.</p></div>"
        )
    when = (
        "in the working copy (not committed yet)"
        if edit.commit is None
        else f"in commit {edit.commit[:10]} of {edit.date}"
    )
    if edit.english_then is None:
        return (
            f'<div class="changes"><p>This text was last edited {escape(when, quote=False)}, '
            "before the English file existed: compare the whole text.</p></div>"
        )
    changed = changed_sentences(
        edit.english_then, english.read_text(encoding="utf-8"), str(english)
    )
    if not changed:
        return (
            f'<div class="changes"><p>No English sentence changed since this text was last '
            f"edited ({escape(when, quote=False)}).</p></div>"
        )
    items = "".join(
        f"<li><mark>{escape(sentence, quote=False)}</mark></li>" for sentence in changed
    )
    return (
        f'<div class="changes"><p><b>{len(changed)} English sentence(s) changed or are new '
        f"since this text was last edited ({escape(when, quote=False)}).</b> A stamp does "
        f'not mean they were translated: re-read them.</p><ul class="changed">{items}</ul></div>'
    )


def _translation_cell(
    library: GuidanceLibrary, ref: DocumentRef, language: Language, english: GuidanceDocument
) -> tuple[str, str]:
    """The translation's table cell and the status line above the pair."""
    state = library.translation_state(ref.kind, ref.doc_id, language.tag)
    if state is TranslationState.MISSING:
        cell = '<td width="50%"><p class="error">Not translated yet.</p></td>'
        return cell, _state_badge(state)
    document = (
        library.topic(ref.doc_id, language.tag)
        if ref.kind is DocumentKind.TOPIC
        else (library.jurisdiction(ref.doc_id, language.tag))
    )
    status = [_state_badge(state)]
    if document.reviewer and document.reviewed_on is not None:
        status.append(
            escape(
                f"Reviewed by {document.reviewer} on {document.reviewed_on.isoformat()}.",
                quote=False,
            )
        )
    if document.is_stale:
        status.append(
            '<span class="warning">The English text changed after this translation was '
            "made. Compare it with the English and update it.</span>"
        )
    if document.sources != english.sources:
        status.append(
            '<span class="warning">Its sources differ from the English sources; run '
            "python -m companion.guidance.stamp after updating.</span>"
        )
    return _document_column(document, language), " ".join(status)


def _document_section(
    library: GuidanceLibrary, history: GitHistory, ref: DocumentRef, language: Language
) -> str:
    anchor = f"{ref.kind.value}-{ref.doc_id}"
    heading = (
        f'<h2 id="{escape(anchor)}">{escape(ref.kind.value.title())}: {escape(ref.doc_id)}</h2>'
    )
    try:
        english = (
            library.topic(ref.doc_id, SOURCE_TAG)
            if ref.kind is DocumentKind.TOPIC
            else library.jurisdiction(ref.doc_id, SOURCE_TAG)
        )
    except GuidanceFormatError as error:
        return heading + f'<p class="error">{escape(str(error), quote=False)}</p>'
    english_cell = _document_column(english, LANGUAGES[0])
    changes = ""
    if language.tag == SOURCE_TAG:
        status, row = _state_badge(TranslationState.SOURCE), english_cell
    else:
        try:
            cell, status = _translation_cell(library, ref, language, english)
        except GuidanceFormatError as error:
            cell = f'<td width="50%"><p class="error">{escape(str(error), quote=False)}</p></td>'
            status = '<span class="state state-stale">Format error</span>'
        row = english_cell + cell
        if library.file_path(ref.kind, ref.doc_id, language.tag).is_file():
            try:
                changes = changes_html(library, history, ref, language.tag)
            except GuidanceFormatError as error:
                changes = f'<p class="error">{escape(str(error), quote=False)}</p>'
    return (
        f"{heading}<p>{status}</p>{changes}"
        f'<table class="pair"><tr>{row}</tr></table>'
        f"<h4>Sources</h4>{_sources_html(english.sources)}"
    )


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title, quote=False)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def language_page(
    library: GuidanceLibrary, language: Language, history: GitHistory | None = None
) -> str:
    title = f"Guidance review: {language.english_name} ({language.tag})"
    intro = (
        f"<h1>{escape(title, quote=False)}</h1>"
        "<p>English on the left, this language on the right. Check each translation "
        "against the English, and its legal sources against the sources listed.</p>"
    )
    history = history or GitHistory()
    sections = "".join(
        _document_section(library, history, ref, language) for ref in all_documents()
    )
    return _page(title, intro + sections)


def index_page(library: GuidanceLibrary) -> str:
    header = "".join(
        f'<th><a href="{escape(language.tag)}.html">{escape(language.tag)}</a></th>'
        for language in LANGUAGES
    )
    rows = []
    for ref in all_documents():
        cells = []
        for language in LANGUAGES:
            try:
                state = library.translation_state(ref.kind, ref.doc_id, language.tag)
                cells.append(f"<td>{_state_badge(state)}</td>")
            except GuidanceFormatError:
                cells.append('<td><span class="error">format error</span></td>')
        rows.append(f"<tr><th>{escape(ref.doc_id)}</th>{''.join(cells)}</tr>")
    table = f"<table><tr><th></th>{header}</tr>{''.join(rows)}</table>"
    return _page("Guidance review", "<h1>Guidance review</h1>" + table)


def write_review(library: GuidanceLibrary, out_dir: Path) -> tuple[Path, ...]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    history = GitHistory()
    for language in LANGUAGES:
        path = out_dir / f"{language.tag}.html"
        path.write_text(language_page(library, language, history), encoding="utf-8")
        written.append(path)
    index = out_dir / "index.html"
    index.write_text(index_page(library), encoding="utf-8")
    written.append(index)
    return tuple(written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m companion.guidance.review_export",
        description="Write one HTML review file per language, with the English beside it.",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    write_review(GuidanceLibrary.bundled(), args.out)
    print(args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
