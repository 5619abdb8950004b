"""File ▸ Organisation settings: who the office is, who meets witnesses, and what it tells them.

Four tabs: the office (name, address, arrival advice, paper size), its advocates, the
hotlines it lists, and local notes per guidance topic with their translations. Packets
and the Guidance view read everything from here. Problems are shown next to the field
they concern (on its tab) and nothing is saved until every field is right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.domain.organisation import (
    DEFAULT_ARRIVE_MINUTES,
    AdvocateContact,
    Hotline,
    LocalNote,
    Organisation,
)
from companion.domain.validation import display_phone
from companion.errors import ValidationError
from companion.guidance import TOPIC_IDS, GuidanceLibrary, bundled_library
from companion.i18n.languages import LANGUAGES, SOURCE_TAG, language_label
from companion.packets.content import PaperSize
from companion.packets.from_store import packet_language
from companion.store.store import Store
from companion.ui.i18n import _, current
from companion.ui.records.dialogs.common import ErrorLabel, FieldGrid, RecordDialog

MAX_ARRIVE_MINUTES = 240
_ROW_FIELD = re.compile(r"^(advocates|hotlines)\[(\d+)\](?:\.(\w+))?$")
_TRANSLATION_MARK = "✓"

TextSource = Callable[[], str]


def _text_edit(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class ContactRow(QGroupBox):
    """One advocate (name, phone) or hotline (name, phone, note), with its error line."""

    remove_requested = Signal(object)

    def __init__(self, title: Callable[[int], str], with_note: bool) -> None:
        super().__init__()
        self.number = 1
        self._title = title
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.note: QLineEdit | None = QLineEdit() if with_note else None
        self.name_label = QLabel()
        self.phone_label = QLabel()
        self.note_label = QLabel()
        self.name_label.setBuddy(self.name)
        self.phone_label.setBuddy(self.phone)
        self.remove_button = QPushButton()
        self.remove_button.setAutoDefault(False)  # Enter is the dialog's main action
        self.error = ErrorLabel()
        grid = QGridLayout(self)
        grid.addWidget(self.name_label, 0, 0)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(self.phone_label, 0, 2)
        grid.addWidget(self.phone, 0, 3)
        grid.addWidget(self.remove_button, 0, 4)
        if self.note is not None:
            self.note_label.setBuddy(self.note)
            grid.addWidget(self.note_label, 1, 0)
            grid.addWidget(self.note, 1, 1, 1, 3)
        grid.addWidget(self.error, 2, 0, 1, 5)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    def focus_for(self, part: str | None) -> QWidget:
        if part == "phone":
            return self.phone
        if part == "note" and self.note is not None:
            return self.note
        return self.name

    def retranslate(self) -> None:
        self.setTitle(self._title(self.number))
        self.name_label.setText(_("Name"))
        self.name.setAccessibleName(_("Name"))
        self.phone_label.setText(_("Phone"))
        self.phone.setAccessibleName(_("Phone"))
        self.phone.setPlaceholderText(_("Like 212 555 0100"))
        if self.note is not None:
            self.note_label.setText(_("Note"))
            self.note.setAccessibleName(_("Note about this hotline"))
            self.note.setPlaceholderText(_("For example, the hours it answers"))
        self.remove_button.setText(_("Remove"))


class ContactRows(QWidget):
    """Advocate or hotline rows in order, with a button to add one."""

    def __init__(
        self,
        title: Callable[[int], str],
        empty_text: TextSource,
        add_text: TextSource,
        with_note: bool = False,
    ) -> None:
        super().__init__()
        self.rows: list[ContactRow] = []
        self._title = title
        self._empty_text = empty_text
        self._add_text = add_text
        self._with_note = with_note
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.add_button = QPushButton()
        self.add_button.setAutoDefault(False)  # Enter is the dialog's main action
        self.add_button.clicked.connect(self.add_row)
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.empty_label)
        inner.addLayout(self._column)
        inner.addLayout(buttons)
        inner.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        self.error = ErrorLabel()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.error)
        outer.addWidget(self.scroll_area, 1)

    def add_row(self) -> ContactRow:
        row = ContactRow(self._title, self._with_note)
        row.remove_requested.connect(self.remove_row)
        self.rows.append(row)
        self._column.addWidget(row)
        row.show()
        self._renumber()
        row.name.setFocus()
        self.scroll_area.ensureWidgetVisible(row)
        return row

    def remove_row(self, row: ContactRow) -> None:
        self.rows.remove(row)
        self._column.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._renumber()

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.number = number
            row.retranslate()
        self.empty_label.setVisible(not self.rows)

    def retranslate(self) -> None:
        self.empty_label.setText(self._empty_text())
        self.add_button.setText(self._add_text())
        for row in self.rows:
            row.retranslate()


class LocalNotesEditor(QWidget):
    """A note per guidance topic: the English original and translations into our languages."""

    def __init__(self, library: GuidanceLibrary, notes: list[LocalNote]) -> None:
        super().__init__()
        self.library = library
        self.notes: dict[str, dict[str, str]] = {note.topic_id: dict(note.texts) for note in notes}
        self._loading = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.topic_label = QLabel()
        self.topic = QComboBox()
        for topic_id in TOPIC_IDS:
            self.topic.addItem(topic_id, topic_id)
        self.topic_label.setBuddy(self.topic)
        self.english_label = QLabel()
        self.english = _text_edit(3)
        self.english_label.setBuddy(self.english)
        self.language_label = QLabel()
        self.language = QComboBox()
        for language in LANGUAGES:
            if language.tag != SOURCE_TAG:
                self.language.addItem(language.native_name, language.tag)
        self.language_label.setBuddy(self.language)
        self.translation_label = QLabel()
        self.translation = _text_edit(3)
        self.translation_label.setBuddy(self.translation)
        self.translated_into = QLabel()
        self.translated_into.setWordWrap(True)
        self.translated_into.setTextFormat(Qt.TextFormat.PlainText)
        self.error = ErrorLabel()

        grid = FieldGrid()
        grid.add_row(self.topic_label, self.topic)
        grid.add_row(self.english_label, self.english)
        grid.add_row(self.language_label, self.language)
        grid.add_row(self.translation_label, self.translation)
        grid.add_row(None, self.translated_into)
        grid.add_row(None, self.error)
        outer = QVBoxLayout(self)
        outer.addWidget(self.intro)
        outer.addLayout(grid)
        outer.addStretch(1)

        self.topic.currentIndexChanged.connect(lambda _index: self._load_editors())
        self.language.currentIndexChanged.connect(lambda _index: self._load_editors())
        self.english.textChanged.connect(self._edited)
        self.translation.textChanged.connect(self._edited)
        self._load_editors()

    def topic_id(self) -> str:
        return str(self.topic.currentData())

    def translation_tag(self) -> str:
        return str(self.language.currentData())

    def select_topic(self, topic_id: str) -> None:
        index = self.topic.findData(topic_id)
        if index >= 0:
            self.topic.setCurrentIndex(index)

    def select_language(self, tag: str) -> None:
        index = self.language.findData(tag)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def _load_editors(self) -> None:
        texts = self.notes.get(self.topic_id(), {})
        self._loading = True
        try:
            self.english.setPlainText(texts.get(SOURCE_TAG, ""))
            self.translation.setPlainText(texts.get(self.translation_tag(), ""))
        finally:
            self._loading = False
        self._show_marks()

    def _edited(self) -> None:
        if self._loading:
            return
        texts = self.notes.setdefault(self.topic_id(), {})
        for tag, edit in (
            (SOURCE_TAG, self.english),
            (self.translation_tag(), self.translation),
        ):
            text = edit.toPlainText()
            if text.strip():
                texts[tag] = text
            else:
                texts.pop(tag, None)
        self._show_marks()

    def translated_tags(self, topic_id: str) -> list[str]:
        texts = self.notes.get(topic_id, {})
        return [
            language.tag
            for language in LANGUAGES
            if language.tag != SOURCE_TAG and texts.get(language.tag, "").strip()
        ]

    def _show_marks(self) -> None:
        """Mark the languages the chosen topic's note is translated into, and the topics
        that have a note."""
        translated = self.translated_tags(self.topic_id())
        for index in range(self.language.count()):
            tag = str(self.language.itemData(index))
            language = next(item for item in LANGUAGES if item.tag == tag)
            mark = f"{_TRANSLATION_MARK} " if tag in translated else ""
            self.language.setItemText(
                index, mark + language_label(language, current().language.tag)
            )
        names = [
            next(item.native_name for item in LANGUAGES if item.tag == tag) for tag in translated
        ]
        has_note = bool(self.notes.get(self.topic_id()))
        if not has_note:
            text = _("This topic has no note.")
        elif names:
            text = _("Translated into: {languages}").format(languages=", ".join(names))
        else:
            text = _("Not translated yet: witnesses reading another language see the English.")
        self.translated_into.setText(text)
        self._retitle_topics()

    def _retitle_topics(self) -> None:
        interface = packet_language(current().language.tag)
        for index, topic_id in enumerate(TOPIC_IDS):
            title = f"{index + 1}. {self.library.topic(topic_id, interface).title}"
            if any(text.strip() for text in self.notes.get(topic_id, {}).values()):
                title = _("{topic} (has a note)").format(topic=title)
            self.topic.setItemText(index, title)

    def local_notes(self) -> list[LocalNote]:
        """Every topic's note that has any text, topics in their order."""
        order = [*TOPIC_IDS, *(topic for topic in self.notes if topic not in TOPIC_IDS)]
        notes: list[LocalNote] = []
        for topic_id in order:
            texts = {tag: text.strip() for tag, text in self.notes.get(topic_id, {}).items()}
            texts = {tag: text for tag, text in texts.items() if text}
            if texts:
                notes.append(LocalNote(topic_id, texts))
        return notes

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "A note is printed under its topic and shown in the Guidance view, for "
                "example: “Use the east entrance; the victim-witness office is room 204.” "
                "Where a note has no translation into the witness's language, the English "
                "is shown and marked as not translated."
            )
        )
        self.topic_label.setText(_("&Topic"))
        self.topic.setAccessibleName(_("Guidance topic"))
        self.english_label.setText(_("Note in &English"))
        self.english.setAccessibleName(_("Note in English"))
        self.language_label.setText(_("Translation &into"))
        self.language.setAccessibleName(_("Language of the translation"))
        self.translation_label.setText(_("T&ranslated note"))
        self.translation.setAccessibleName(_("Translated note"))
        self._show_marks()


class OrganisationDialog(RecordDialog):
    """Edit the organisation settings; ``saved_id`` is 0 after a save (there is one)."""

    def __init__(
        self,
        store: Store,
        library: GuidanceLibrary | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, parent)
        organisation = store.organisation.get()
        self.name = QLineEdit()
        self.address = _text_edit(2)
        self.arrive_minutes = QSpinBox()
        self.arrive_minutes.setRange(0, MAX_ARRIVE_MINUTES)
        self.arrive_minutes.setSingleStep(5)
        self.paper = QComboBox()
        for paper in PaperSize:
            self.paper.addItem(paper.value, paper.value)
        self.advocates = ContactRows(
            lambda number: _("Advocate {number}").format(number=number),
            lambda: _("No advocates yet. Packets name the case's advocate from this list."),
            lambda: _("Add advocate"),
        )
        self.hotlines = ContactRows(
            lambda number: _("Hotline {number}").format(number=number),
            lambda: _("No hotlines listed. Add only lines your office has checked."),
            lambda: _("Add hotline"),
            with_note=True,
        )
        self.notes = LocalNotesEditor(library or bundled_library(), organisation.local_notes)

        office = QWidget()
        form = FieldGrid(office)
        self.name_label = self.add_field(form, "name", self.name)
        self.address_label = self.add_field(form, "address", self.address)
        self.arrive_label = self.add_field(form, "arrive_minutes_before", self.arrive_minutes)
        self.paper_label = self.add_field(form, "paper", self.paper)
        form.setRowStretch(form.rowCount(), 1)
        self.register_error("advocates", self.advocates.error, self.advocates.add_button)
        self.register_error("hotlines", self.hotlines.error, self.hotlines.add_button)
        self.register_error("local_notes", self.notes.error, self.notes.english)

        self.tabs = QTabWidget()
        self.tabs.addTab(office, "")
        self.tabs.addTab(self.advocates, "")
        self.tabs.addTab(self.hotlines, "")
        self.tabs.addTab(self.notes, "")
        self.finish_layout(self.tabs)
        self.resize(720, 560)
        self._load(organisation)
        self.retranslate()

    def _load(self, organisation: Organisation) -> None:
        self.name.setText(organisation.name)
        self.address.setPlainText(organisation.address)
        self.arrive_minutes.setValue(organisation.arrive_minutes_before)
        paper = self.paper.findData(organisation.paper)
        self.paper.setCurrentIndex(paper if paper >= 0 else 0)
        for advocate in organisation.advocates:
            row = self.advocates.add_row()
            row.name.setText(advocate.name)
            row.phone.setText(display_phone(advocate.phone) if advocate.phone else "")
        for hotline in organisation.hotlines:
            row = self.hotlines.add_row()
            row.name.setText(hotline.name)
            row.phone.setText(display_phone(hotline.phone) if hotline.phone else "")
            if row.note is not None:
                row.note.setText(hotline.note)
        self.tabs.setCurrentIndex(0)
        self.name.setFocus()

    def read_organisation(self) -> Organisation:
        return Organisation(
            name=self.name.text().strip(),
            address=self.address.toPlainText().strip(),
            advocates=[
                AdvocateContact(row.name.text(), row.phone.text().strip())
                for row in self.advocates.rows
            ],
            hotlines=[
                Hotline(
                    row.name.text(),
                    row.phone.text().strip(),
                    row.note.text().strip() if row.note is not None else "",
                )
                for row in self.hotlines.rows
            ],
            arrive_minutes_before=self.arrive_minutes.value(),
            paper=str(self.paper.currentData()),
            local_notes=self.notes.local_notes(),
        )

    def save(self) -> int:
        self.store.organisation.save(self.read_organisation())
        return 0

    # --- where problems are shown --------------------------------------------------------

    def error_target(self, field: str) -> tuple[ErrorLabel, QWidget] | None:
        match = _ROW_FIELD.match(field)
        if match:
            rows = self.advocates if match.group(1) == "advocates" else self.hotlines
            index = int(match.group(2))
            if index < len(rows.rows):
                row = rows.rows[index]
                return row.error, row.focus_for(match.group(3))
        return super().error_target(field)

    def error_targets(self) -> list[tuple[ErrorLabel, QWidget]]:
        rows = [(row.error, row.name) for row in (*self.advocates.rows, *self.hotlines.rows)]
        return super().error_targets() + rows

    def show_validation(self, errors: Iterable[ValidationError]) -> None:
        found = list(errors)
        super().show_validation(found)
        first = next(
            (target for error in found if (target := self.error_target(error.field))),
            None,
        )
        if first is None:
            return
        label, focus = first
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(label):
                self.tabs.setCurrentIndex(index)
                focus.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    # --- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Organisation settings"))
        self.tabs.setTabText(0, _("Office"))
        self.tabs.setTabText(1, _("Advocates"))
        self.tabs.setTabText(2, _("Hotlines"))
        self.tabs.setTabText(3, _("Local notes"))
        fields: tuple[tuple[QLabel, QWidget, str], ...] = (
            (self.name_label, self.name, _("Organisation name")),
            (self.address_label, self.address, _("Office address")),
            (self.arrive_label, self.arrive_minutes, _("Arrive this many minutes early")),
            (self.paper_label, self.paper, _("Paper size")),
        )
        for label, widget, text in fields:
            label.setText(text)
            widget.setAccessibleName(text)
        self.arrive_minutes.setToolTip(
            _(
                "Packets ask the witness to arrive this long before the hearing, for "
                "security screening. Usually {minutes} minutes."
            ).format(minutes=DEFAULT_ARRIVE_MINUTES)
        )
        paper_names = {PaperSize.LETTER: _("US Letter"), PaperSize.A4: _("A4")}
        for index, paper in enumerate(PaperSize):
            self.paper.setItemText(index, paper_names[paper])
        self.advocates.retranslate()
        self.hotlines.retranslate()
        self.notes.retranslate()
        super().retranslate()
