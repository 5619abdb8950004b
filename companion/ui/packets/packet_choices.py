"""What goes into a packet: language, second language, print options and guidance topics.

Shared by the packet dialog and the docket dialog. ``choice()`` gives the
``PacketChoice`` the packet builder reads; ``changed`` fires on every edit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.guidance import DEFAULT_PACKET_TOPICS, TOPIC_IDS, list_topics
from companion.i18n.languages import LANGUAGES, language_for_tag, language_label
from companion.packets.content import PaperSize
from companion.packets.from_store import PacketChoice
from companion.ui.i18n import _, current
from companion.ui.shell.language import status_note

# Item data is a string, never None (PySide6 6.12 on Python 3.11 drops a reference to
# None each time Qt hands one back).
NO_SECOND_LANGUAGE = ""


def _language_text(tag: str) -> str:
    language = language_for_tag(tag)
    if language is None:
        return tag
    note = status_note(language.tag, current())
    name = language_label(language, current().language.tag)
    return _("{language} — {status}").format(language=name, status=note) if note else name


class PacketChoicesForm(QWidget):
    changed = Signal()

    def __init__(
        self,
        paper: PaperSize,
        language: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``language`` None: no language field (each person's own, as in a docket)."""
        super().__init__(parent)
        self.language_label = QLabel()
        self.language_combo: QComboBox | None = None
        if language is not None:
            self.language_combo = QComboBox()
            for entry in LANGUAGES:
                self.language_combo.addItem("", entry.tag)
            self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))
            self.language_label.setBuddy(self.language_combo)
        self.second_label = QLabel()
        self.second_combo = QComboBox()
        self.second_label.setBuddy(self.second_combo)
        self._fill_second_languages()
        self.large_print = QCheckBox()
        self.duplex = QCheckBox()
        self.short = QCheckBox()
        self.paper_label = QLabel()
        self.paper_combo = QComboBox()
        for size in PaperSize:
            self.paper_combo.addItem("", size.value)
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(paper.value)))
        self.paper_label.setBuddy(self.paper_combo)
        self.topics_label = QLabel()
        self.topics_label.setWordWrap(True)
        self.topics = QListWidget()
        for topic_id in TOPIC_IDS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, topic_id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            checked = topic_id in DEFAULT_PACKET_TOPICS
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.topics.addItem(item)
        self.topics_label.setBuddy(self.topics)

        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if self.language_combo is not None:
            form.addRow(self.language_label, self.language_combo)
        form.addRow(self.second_label, self.second_combo)
        form.addRow(self.paper_label, self.paper_combo)
        form.addRow(self.large_print)
        form.addRow(self.duplex)
        form.addRow(self.short)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.topics_label)
        layout.addWidget(self.topics, 1)

        if self.language_combo is not None:
            self.language_combo.currentIndexChanged.connect(self._emit_changed)
        self.second_combo.currentIndexChanged.connect(self._emit_changed)
        self.paper_combo.currentIndexChanged.connect(self._emit_changed)
        self.large_print.toggled.connect(self._emit_changed)
        self.duplex.toggled.connect(self._emit_changed)
        self.short.toggled.connect(self._short_toggled)
        self.topics.itemChanged.connect(self._emit_changed)
        self.retranslate()

    def _emit_changed(self, *_args: object) -> None:
        self.changed.emit()

    def _short_toggled(self, short: bool) -> None:
        # A short packet prints no guidance: the topics wait until it is unticked.
        self.topics.setEnabled(not short)
        self.changed.emit()

    def _fill_second_languages(self) -> None:
        """None first, then the staff member's interface language, then the others."""
        interface = language_for_tag(current().language.tag)
        ordered = [entry.tag for entry in LANGUAGES]
        if interface is not None:
            ordered.remove(interface.tag)
            ordered.insert(0, interface.tag)
        self.second_combo.blockSignals(True)
        chosen = (
            self.second_combo.currentData() if self.second_combo.count() else NO_SECOND_LANGUAGE
        )
        self.second_combo.clear()
        self.second_combo.addItem("", NO_SECOND_LANGUAGE)
        for tag in ordered:
            self.second_combo.addItem("", tag)
        self.second_combo.setCurrentIndex(max(0, self.second_combo.findData(chosen)))
        self.second_combo.blockSignals(False)

    # --- the choice -----------------------------------------------------------------------

    def language(self) -> str | None:
        if self.language_combo is None:
            return None
        return str(self.language_combo.currentData())

    def set_language(self, tag: str) -> None:
        if self.language_combo is not None:
            self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(tag)))

    def second_language(self) -> str | None:
        data = self.second_combo.currentData()
        return str(data) if data else None

    def set_second_language(self, tag: str | None) -> None:
        wanted = tag or NO_SECOND_LANGUAGE
        self.second_combo.setCurrentIndex(max(0, self.second_combo.findData(wanted)))

    def chosen_topics(self) -> tuple[str, ...]:
        chosen: list[str] = []
        for row in range(self.topics.count()):
            item = self.topics.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(chosen)

    def set_topics(self, topic_ids: tuple[str, ...]) -> None:
        self.topics.blockSignals(True)
        for row in range(self.topics.count()):
            item = self.topics.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in topic_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        self.topics.blockSignals(False)
        self.changed.emit()

    def paper(self) -> PaperSize:
        return PaperSize(str(self.paper_combo.currentData()))

    def choice(self) -> PacketChoice:
        return PacketChoice(
            language=self.language(),
            second_language=self.second_language(),
            topics=self.chosen_topics(),
            large_print=self.large_print.isChecked(),
            duplex=self.duplex.isChecked(),
            paper=self.paper(),
            short=self.short.isChecked(),
        )

    # --- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.language_label.setText(_("Packet &language:"))
        if self.language_combo is not None:
            for index in range(self.language_combo.count()):
                tag = str(self.language_combo.itemData(index))
                self.language_combo.setItemText(index, _language_text(tag))
            self.language_combo.setAccessibleName(_("Packet language"))
        self.second_label.setText(_("&Second language:"))
        self._fill_second_languages()
        self.second_combo.setItemText(0, current().pgettext("second language", "None"))
        for index in range(1, self.second_combo.count()):
            self.second_combo.setItemText(
                index, _language_text(str(self.second_combo.itemData(index)))
            )
        self.second_combo.setAccessibleName(_("Second language, printed next to the first"))
        self.second_combo.setToolTip(
            _("Each section is also printed in this language, so you can explain it.")
        )
        self.paper_label.setText(_("Paper si&ze:"))
        self.paper_combo.setItemText(
            self.paper_combo.findData(PaperSize.LETTER.value),
            current().pgettext("paper size", "Letter"),
        )
        self.paper_combo.setItemText(self.paper_combo.findData(PaperSize.A4.value), _("A4"))
        self.paper_combo.setAccessibleName(_("Paper size"))
        self.large_print.setText(_("La&rge print"))
        self.large_print.setToolTip(_("Body text at 16 points or more"))
        self.duplex.setText(_("T&wo-sided printing"))
        self.duplex.setToolTip(
            _("Adds a blank page where needed so that each packet starts on a front side")
        )
        self.short.setText(_("S&hort packet: page 1 and the checklist"))
        self.short.setToolTip(
            _("Two pages: the court date, where, who to call, and the checklist. No guidance.")
        )
        self.topics_label.setText(_("&Guidance in the packet:"))
        self.topics.setAccessibleName(_("Guidance topics in the packet"))
        titles = {
            summary.topic_id: summary.title for summary in list_topics(current().language.tag)
        }
        self.topics.blockSignals(True)
        for row in range(self.topics.count()):
            item = self.topics.item(row)
            topic_id = str(item.data(Qt.ItemDataRole.UserRole))
            item.setText(titles.get(topic_id, topic_id))
        self.topics.blockSignals(False)
