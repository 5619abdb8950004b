"""The Guidance view: the courthouse-safety topics, read on screen in the witness's language.

A topic list (numbered titles in the reading language), search across the topics, and a
reading pane with the topic's text, the office's contacts and local note from the
organisation settings, the jurisdiction section where the topic has its place, and the
sources with the date each was checked. Staff can show the English beside it. Arabic
reads right to left in the pane whatever the interface language.

Above the pane, in the interface language, the view says how far to trust the text: a
draft translation, a translation made from an older English text (stale, with the offer
to show the English beside it), or a topic shown in English for want of a translation.

"Print topic" and "Save as PDF" send the topic through the packet engine
(``companion.packets.topic_sheet``). Nothing on the page opens the network: links are
shown as plain text and never followed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.guidance import (
    DEFAULT_JURISDICTION,
    JURISDICTION_CODES,
    TOPIC_IDS,
    GuidanceDocument,
    GuidanceLibrary,
    SearchHit,
    SlotName,
    Status,
    TranslationState,
    bundled_library,
    normalise_jurisdiction_code,
)
from companion.guidance.search import search_library
from companion.i18n.languages import LANGUAGES, SOURCE_TAG, get_language, language_label
from companion.packets.content import PaperSize
from companion.packets.from_store import packet_language
from companion.packets.output import write_pdf_atomically
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.guidance.guidance_page import (
    PAGE_STYLE,
    PageParts,
    has_slot,
    organisation_has_contacts,
    topic_page_html,
)
from companion.ui.i18n import _, current, ngettext
from companion.ui.packets.pdf_output import PrintFailed, prepare_printer, print_pdf
from companion.ui.widgets.flow_layout import FlowLayout
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.prompts import inform, show_error

log = logging.getLogger(__name__)

TOPIC_ROLE = Qt.ItemDataRole.UserRole
READING_FONT_SCALE = 1.15

_WARNING_STYLE = (
    "QFrame#staleWarning { background: #fff1c2; border: 2px solid #a15c00; border-radius: 4px; }"
    " QLabel { color: #5c3300; font-weight: bold; }"
)
_NOTE_STYLE = "color: #3d3d3d;"

# The least trustworthy state of the texts on the page is the one the status line shows.
_STATE_ORDER = (
    TranslationState.STALE,
    TranslationState.MISSING,
    TranslationState.DRAFT,
    TranslationState.REVIEWED,
    TranslationState.SOURCE,
)


@dataclass(frozen=True)
class ReadingContext:
    """What the window had selected when the view was opened."""

    person_language: str | None = None
    jurisdiction: str | None = None


def _direction(rtl: bool) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight


def _reading_pane() -> QTextBrowser:
    pane = QTextBrowser()
    pane.setOpenLinks(False)
    pane.setOpenExternalLinks(False)
    pane.setReadOnly(True)
    pane.document().setDefaultStyleSheet(PAGE_STYLE)
    font = QFont(pane.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * READING_FONT_SCALE)
    pane.setFont(font)
    return pane


def _set_pane_direction(pane: QTextBrowser, rtl: bool) -> None:
    """Lay the pane out for the text's language: Arabic starts on the right.

    Each paragraph still takes its own direction from its first letter (as on the printed
    page), so a source's Latin citation reads left to right inside an Arabic page.
    """
    pane.setLayoutDirection(_direction(rtl))
    document = pane.document()
    option = document.defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    document.setDefaultTextOption(option)


class GuidanceView(QWidget):
    """The guidance reader. ``library`` defaults to the guidance shipped with the app."""

    status_message = Signal(str)

    def __init__(
        self,
        store: Store,
        library: GuidanceLibrary | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.library = library or bundled_library()
        self.organisation = store.organisation.get()
        self.document: GuidanceDocument | None = None
        self.jurisdiction_document: GuidanceDocument | None = None
        self.english_document: GuidanceDocument | None = None
        self.hits: tuple[SearchHit, ...] | None = None
        self._topic_id = TOPIC_IDS[0]
        # The reading language follows the interface language until a person's language
        # or the user's own choice sets it.
        self._follows_interface = True
        self._context: ReadingContext | None = None
        self._updating = False
        self._printer: QPrinter | None = None

        # --- controls -------------------------------------------------------------------
        self.search_label = QLabel()
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_edit)
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        for language in LANGUAGES:
            self.language_combo.addItem(language.native_name, language.tag)
        self.language_label.setBuddy(self.language_combo)
        self.jurisdiction_label = QLabel()
        self.jurisdiction_combo = QComboBox()
        for code in JURISDICTION_CODES:
            self.jurisdiction_combo.addItem(code, code)
        self.jurisdiction_label.setBuddy(self.jurisdiction_combo)
        self.english_beside = QCheckBox()
        self.save_button = QPushButton()
        self.print_button = QPushButton()

        self.topic_list = QListWidget()
        self.topic_list.setWordWrap(True)
        self.topic_list.setUniformItemSizes(False)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)

        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(_NOTE_STYLE)
        self.fallback_label = QLabel()
        self.fallback_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fallback_label.setWordWrap(True)
        self.fallback_label.setStyleSheet("color: #7a3e00; font-weight: bold;")
        self.contacts_label = QLabel()
        self.contacts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.contacts_label.setWordWrap(True)
        self.contacts_label.setStyleSheet(_NOTE_STYLE)
        self.stale_warning = QFrame()
        self.stale_warning.setObjectName("staleWarning")
        self.stale_warning.setStyleSheet(_WARNING_STYLE)
        self.stale_label = QLabel()
        self.stale_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stale_label.setWordWrap(True)
        self.stale_button = QPushButton()
        stale_row = QHBoxLayout(self.stale_warning)
        stale_row.addWidget(self.stale_label, 1)
        stale_row.addWidget(self.stale_button)
        self.error_label = MessageLabel()

        self.reading_pane = _reading_pane()
        self.english_pane = _reading_pane()
        _set_pane_direction(self.english_pane, rtl=False)
        self.panes = QSplitter(Qt.Orientation.Horizontal)
        self.panes.setChildrenCollapsible(False)
        self.panes.addWidget(self.reading_pane)
        self.panes.addWidget(self.english_pane)

        # --- layout ---------------------------------------------------------------------
        # One line on a wide screen; on a laptop in a wordy language it wraps, each label
        # staying with its list.
        bar = FlowLayout(spacing=12)
        for label, combo in (
            (self.language_label, self.language_combo),
            (self.jurisdiction_label, self.jurisdiction_combo),
        ):
            pair = QWidget()
            pair_row = QHBoxLayout(pair)
            pair_row.setContentsMargins(0, 0, 0, 0)
            pair_row.addWidget(label)
            pair_row.addWidget(combo)
            bar.addWidget(pair)
        bar.addWidget(self.english_beside)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)

        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search_edit, 1)
        left_column.addLayout(search_row)
        left_column.addWidget(self.topic_list, 1)
        left_column.addWidget(self.result_label)

        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.error_label)
        right_column.addWidget(self.stale_warning)
        right_column.addWidget(self.fallback_label)
        right_column.addWidget(self.status_label)
        right_column.addWidget(self.contacts_label)
        right_column.addWidget(self.panes, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        unit = self.fontMetrics().averageCharWidth()
        left.setMinimumWidth(28 * unit)
        self.splitter.setSizes([44 * unit, 110 * unit])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        # --- wiring ---------------------------------------------------------------------
        self.search_edit.textChanged.connect(lambda _text: self._fill_topic_list())
        self.language_combo.currentIndexChanged.connect(self._language_picked)
        self.jurisdiction_combo.currentIndexChanged.connect(lambda _index: self._show_topic())
        self.english_beside.toggled.connect(lambda _on: self._show_panes())
        self.stale_button.clicked.connect(lambda: self.english_beside.setChecked(True))
        self.topic_list.currentItemChanged.connect(self._topic_picked)
        self.save_button.clicked.connect(self.open_save_dialog)
        self.print_button.clicked.connect(self.open_print_dialog)

        self._set_language_quietly(packet_language(current().language.tag))
        self.set_jurisdiction(DEFAULT_JURISDICTION)
        self.retranslate()

    # --- what is shown ------------------------------------------------------------------

    def reading_language(self) -> str:
        return str(self.language_combo.currentData())

    def current_topic_id(self) -> str:
        return self._topic_id

    def jurisdiction(self) -> str:
        return str(self.jurisdiction_combo.currentData())

    def listed_topic_ids(self) -> list[str]:
        return [
            str(self.topic_list.item(row).data(TOPIC_ROLE))
            for row in range(self.topic_list.count())
        ]

    def set_reading_language(self, tag: str) -> None:
        """Read in ``tag`` (as if the user chose it)."""
        index = self.language_combo.findData(get_language(tag).tag)
        self.language_combo.setCurrentIndex(index)

    def select_topic(self, topic_id: str) -> None:
        if topic_id not in TOPIC_IDS:
            return
        self._topic_id = topic_id
        self._select_listed(topic_id)
        self._show_topic()

    def set_jurisdiction(self, code: str | None) -> None:
        wanted = normalise_jurisdiction_code(code)
        if wanted not in JURISDICTION_CODES:
            wanted = DEFAULT_JURISDICTION
        self.jurisdiction_combo.setCurrentIndex(self.jurisdiction_combo.findData(wanted))

    def apply_context(self, context: ReadingContext) -> None:
        """Follow what the window has selected: the person's language and the hearing's
        jurisdiction. A context seen before changes nothing, so a language the user chose
        while reading stays chosen until another person or hearing is selected; with
        nobody or no hearing selected, the language and jurisdiction shown stay."""
        if context == self._context:
            return
        self._context = context
        if context.person_language:
            self._follows_interface = False
            self._set_language_quietly(packet_language(context.person_language))
        if context.jurisdiction:
            self.set_jurisdiction(context.jurisdiction)

    def refresh(self) -> None:
        """Read the organisation settings again and show the topic anew."""
        self.organisation = self.store.organisation.get()
        self._show_topic()

    # --- reacting -----------------------------------------------------------------------

    def _set_language_quietly(self, tag: str) -> None:
        """Change the reading language without counting it as the user's own choice."""
        self._updating = True
        try:
            self.language_combo.setCurrentIndex(self.language_combo.findData(tag))
        finally:
            self._updating = False
        self._fill_topic_list()

    def _language_picked(self, _index: int) -> None:
        if not self._updating:
            self._follows_interface = False
            self._fill_topic_list()

    def _topic_picked(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None or self._updating:
            return
        self._topic_id = str(item.data(TOPIC_ROLE))
        self._show_topic()

    def _select_listed(self, topic_id: str) -> None:
        self._updating = True
        try:
            for row in range(self.topic_list.count()):
                item = self.topic_list.item(row)
                if item.data(TOPIC_ROLE) == topic_id:
                    self.topic_list.setCurrentItem(item)
                    break
        finally:
            self._updating = False

    def _fill_topic_list(self) -> None:
        """The topics in the reading language; only the matching ones while searching."""
        language = self.reading_language()
        query = self.search_edit.text().strip()
        try:
            summaries = {summary.topic_id: summary for summary in self.library.topics(language)}
            self.hits = search_library(self.library, query, language) if query else None
        except CompanionError as error:
            self.error_label.show_error(error)
            return
        numbers = {topic_id: number for number, topic_id in enumerate(TOPIC_IDS, start=1)}
        shown = [hit.topic_id for hit in self.hits] if self.hits is not None else list(TOPIC_IDS)
        snippets = {hit.topic_id: hit.snippet for hit in self.hits or ()}
        self._updating = True
        try:
            self.topic_list.clear()
            self.topic_list.setLayoutDirection(_direction(get_language(language).rtl))
            for topic_id in shown:
                title = f"{numbers[topic_id]}. {summaries[topic_id].title}"
                item = QListWidgetItem(title)
                item.setData(TOPIC_ROLE, topic_id)
                if topic_id in snippets:
                    item.setToolTip(snippets[topic_id])
                self.topic_list.addItem(item)
        finally:
            self._updating = False
        if shown and self._topic_id not in shown:
            self._topic_id = shown[0]
        self._select_listed(self._topic_id)
        self._update_result_label()
        self._show_topic()

    def _update_result_label(self) -> None:
        if self.hits is None:
            self.result_label.clear()
            self.result_label.hide()
            return
        query = self.search_edit.text().strip()
        if self.hits:
            text = ngettext(
                "{count} topic contains “{query}”.",
                "{count} topics contain “{query}”.",
                len(self.hits),
            ).format(count=formatting.number(len(self.hits)), query=query)
        else:
            text = _("No topic contains “{query}”.").format(query=query)
        self.result_label.setText(text)
        self.result_label.show()

    def _show_topic(self) -> None:
        language = self.reading_language()
        try:
            self.document = self.library.topic(self._topic_id, language)
            has_jurisdiction = has_slot(self.document, SlotName.JURISDICTION)
            self.jurisdiction_document = (
                self.library.jurisdiction(self.jurisdiction(), self.document.language)
                if has_jurisdiction
                else None
            )
            self.english_document = self.library.topic(self._topic_id, SOURCE_TAG)
            english_jurisdiction = (
                self.library.jurisdiction(self.jurisdiction(), SOURCE_TAG)
                if has_jurisdiction
                else None
            )
        except CompanionError as error:
            log.warning("guidance topic could not be read: %s", error.code)
            self.error_label.show_error(error)
            return
        self.error_label.clear_message()
        self.jurisdiction_combo.setEnabled(has_jurisdiction)
        self.reading_pane.setHtml(
            topic_page_html(self.document, PageParts(self.organisation, self.jurisdiction_document))
        )
        _set_pane_direction(self.reading_pane, self.document.is_rtl)
        self.english_pane.setHtml(
            topic_page_html(
                self.english_document, PageParts(self.organisation, english_jurisdiction)
            )
        )
        _set_pane_direction(self.english_pane, rtl=False)
        self._show_panes()
        self._update_notes()

    def _show_panes(self) -> None:
        in_english = self.document is not None and self.document.language == SOURCE_TAG
        self.english_beside.setEnabled(not in_english)
        self.english_pane.setVisible(self.english_beside.isChecked() and not in_english)
        self._update_notes()

    def is_stale(self) -> bool:
        """True when the topic, or the jurisdiction section shown in it, is out of date."""
        return any(
            document is not None and document.is_stale
            for document in (self.document, self.jurisdiction_document)
        )

    def _update_notes(self) -> None:
        """The status lines above the page, in the interface language."""
        document = self.document
        if document is None:
            return
        shown = [doc for doc in (document, self.jurisdiction_document) if doc is not None]
        state = min((doc.translation_state for doc in shown), key=_STATE_ORDER.index)
        reviewed = document if document.status is Status.REVIEWED else None
        if state is TranslationState.REVIEWED and reviewed and reviewed.reviewed_on is not None:
            self.status_label.setText(
                _("Reviewed translation (checked by {reviewer} on {date})").format(
                    reviewer=reviewed.reviewer or "",
                    date=formatting.medium_date(reviewed.reviewed_on),
                )
            )
        else:
            self.status_label.setText(_(state.label))
        self.status_label.setVisible(state is not TranslationState.STALE)  # the warning says it
        stale = state is TranslationState.STALE
        self.stale_warning.setVisible(stale)
        self.stale_button.setVisible(stale and not self.english_beside.isChecked())
        wanted = get_language(self.reading_language())
        self.fallback_label.setVisible(document.is_language_fallback)
        self.fallback_label.setText(
            _(
                "This topic has not been translated into {language} yet. It is shown in English."
            ).format(language=wanted.native_name)
            if document.is_language_fallback
            else ""
        )
        missing_contacts = has_slot(
            document, SlotName.ORGANISATION_CONTACTS
        ) and not organisation_has_contacts(self.organisation)
        self.contacts_label.setVisible(missing_contacts)
        self.contacts_label.setText(
            _(
                "This topic lists the office's contacts, but the organisation settings have "
                "none yet (File ▸ Organisation settings)."
            )
            if missing_contacts
            else ""
        )

    # --- printing -----------------------------------------------------------------------

    def paper(self) -> PaperSize:
        return PaperSize(self.organisation.paper)

    def topic_pdf(self) -> bytes:
        """The shown topic (with its jurisdiction section, if it has one) as PDF bytes."""
        from companion.packets.topic_sheet import TopicSheet, render_topic_sheet, topic_sections

        language = self.document.language if self.document is not None else SOURCE_TAG
        sections = topic_sections(self._topic_id, self.jurisdiction(), language, self.organisation)
        return render_topic_sheet(TopicSheet(language, sections, paper=self.paper()))

    def default_file_name(self) -> str:
        number = TOPIC_IDS.index(self._topic_id) + 1
        language = self.document.language if self.document is not None else SOURCE_TAG
        return f"guidance-{number}-{self._topic_id}-{language}.pdf"

    def save_pdf(self, path: str | Path) -> Path | None:
        """Write the topic sheet to ``path``; tells the user and returns ``None`` on error."""
        try:
            written = write_pdf_atomically(path, self.topic_pdf())
        except CompanionError as error:
            show_error(self, error)
            return None
        log.info("saved guidance topic %s as PDF", self._topic_id)
        self.status_message.emit(_("Saved the topic as {file}.").format(file=written.name))
        return written

    def print_on(self, printer: QPrinter) -> int:
        """Print the topic sheet on ``printer``; returns the number of pages."""
        try:
            pages = print_pdf(self.topic_pdf(), printer)
        except CompanionError as error:
            show_error(self, error)
            return 0
        except PrintFailed:
            log.warning("the printer could not be started for guidance topic %s", self._topic_id)
            inform(self, lambda: _("The printer could not be started. Nothing was printed."))
            return 0
        log.info("printed guidance topic %s (%d pages)", self._topic_id, pages)
        self.status_message.emit(
            ngettext(
                "Sent {count} page to the printer.", "Sent {count} pages to the printer.", pages
            ).format(count=formatting.number(pages))
        )
        return pages

    def open_save_dialog(self) -> QFileDialog:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = QFileDialog(self, _("Save topic as PDF"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(_("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(folder)
        dialog.selectFile(self.default_file_name())
        dialog.fileSelected.connect(self.save_pdf)
        dialog.open()
        return dialog

    def open_print_dialog(self) -> QPrintDialog:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.paper())
        printer.setDocName(self.default_file_name())
        self._printer = printer
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(_("Print topic"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self.print_on(printer))
        dialog.show()  # window-modal, like open() (QPrintDialog's open() wants a slot)
        return dialog

    # --- language -----------------------------------------------------------------------

    def retranslate(self) -> None:
        if self._follows_interface:
            self._set_language_quietly(packet_language(current().language.tag))
        self.search_label.setText(_("&Search topics"))
        self.search_edit.setPlaceholderText(_("A word in the reading language"))
        self.search_edit.setAccessibleName(_("Search the guidance topics"))
        self.language_label.setText(_("&Reading language"))
        self.language_combo.setAccessibleName(_("Reading language"))
        self.language_combo.setToolTip(
            _("The language the topic is shown and printed in: the witness's language.")
        )
        for index in range(self.language_combo.count()):
            tag = str(self.language_combo.itemData(index))
            self.language_combo.setItemText(
                index, language_label(get_language(tag), current().language.tag)
            )
            self.language_combo.setItemData(
                index, get_language(tag).english_name, Qt.ItemDataRole.ToolTipRole
            )
        self.jurisdiction_label.setText(_("&Jurisdiction"))
        self.jurisdiction_combo.setAccessibleName(_("Jurisdiction"))
        self.jurisdiction_combo.setToolTip(
            _("Whose laws the topic's state section describes: the courthouse's jurisdiction.")
        )
        interface = packet_language(current().language.tag)
        for index, code in enumerate(JURISDICTION_CODES):
            try:
                title = self.library.jurisdiction(code, interface).title
            except CompanionError:
                title = code
            self.jurisdiction_combo.setItemText(
                index, _("{name} ({code})").format(name=title, code=code)
            )
        self.english_beside.setText(_("Show &English beside it"))
        self.english_beside.setToolTip(
            _("For staff: the English original next to the translation, to compare.")
        )
        self.save_button.setText(_("Save as P&DF…"))
        self.save_button.setAccessibleName(_("Save the topic as a PDF file"))
        self.print_button.setText(_("&Print topic…"))
        self.print_button.setAccessibleName(_("Print the topic"))
        self.topic_list.setAccessibleName(_("Guidance topics"))
        self.reading_pane.setAccessibleName(_("Topic text"))
        self.english_pane.setAccessibleName(_("Topic text in English"))
        self.stale_label.setText(
            _(
                "Out of date: the English text has changed since this translation was made. "
                "Check it against the English before giving it to a witness."
            )
        )
        self.stale_button.setText(_("Show the English beside it"))
        self.error_label.retranslate()
        self._update_result_label()
        self._update_notes()
