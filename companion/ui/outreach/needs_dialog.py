"""What a person needs to come to one hearing: an interpreter (and for which language),
transport, childcare, someone to go with them, accessibility, time off work, a safety
plan (a separate waiting area, an escort). Each is open until it is arranged.

Ticking a need records it; unticking one that was recorded takes it off (to the Trash).
All of it is saved in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QWidget

from companion.errors import NotFoundError
from companion.outreach.model import HearingNeed, NeedKind, NeedStatus
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.records.dialogs.common import DraftState, FieldGrid, RecordDialog
from companion.ui.records.dialogs.fields import (
    EnumCombo,
    LanguageCombo,
    format_local_start,
    native_name_font,
)
from companion.ui.records.dialogs.people_picker import person_item_text


class NeedRow:
    """One kind of need: ticked or not, open or arranged, a note (and a language for an
    interpreter, shown by name as every language list shows it: "Vietnamese · Tiếng
    Việt"; any other language tag can be typed)."""

    def __init__(self, kind: NeedKind, stored: HearingNeed | None, default_language: str) -> None:
        self.kind = kind
        self.stored = stored
        self.needed = QCheckBox()
        self.status = EnumCombo(list(NeedStatus))
        self.language = LanguageCombo() if kind is NeedKind.INTERPRETER else None
        self.note = QLineEdit()
        self.needed.setChecked(stored is not None)
        if stored is not None:
            self.status.set_member(stored.status)
            self.note.setText(stored.note)
        if self.language is not None:
            self.language.set_tag(stored.language if stored else default_language)
        self.needed.toggled.connect(lambda _on: self._enable())
        self._enable()

    def inputs(self) -> list[QWidget]:
        return [w for w in (self.status, self.language, self.note) if w is not None]

    def _enable(self) -> None:
        for widget in self.inputs():
            widget.setEnabled(self.needed.isChecked())

    def changed(self) -> bool:
        """Ticked and different from what is stored (an unchanged need is not written
        again, so the audit trail records only real changes)."""
        if self.stored is None:
            return True
        return (
            self.stored.status is not self.status.current_member()
            or self.stored.language != self.language_tag()
            or self.stored.note != self.note.text().strip()
        )

    def language_tag(self) -> str:
        """The interpreter's language tag as chosen or typed; "" for other needs."""
        return self.language.tag() if self.language is not None else ""

    def state(self) -> dict[str, object]:
        return {
            "needed": self.needed.isChecked(),
            "status": self.status.current_member().value,
            "language": self.language_tag(),
            "note": self.note.text(),
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        self.needed.setChecked(bool(state.get("needed")))
        self.status.set_value(state.get("status"))
        if self.language is not None and isinstance(state.get("language"), str):
            self.language.set_tag(str(state["language"]))
        if isinstance(state.get("note"), str):
            self.note.setText(str(state["note"]))

    def retranslate(self) -> None:
        self.needed.setText(_(self.kind.label))
        self.status.retranslate()
        self.status.setAccessibleName(_("Open or arranged: {need}").format(need=_(self.kind.label)))
        if self.language is not None:
            self.language.retranslate()
            editor = self.language.lineEdit()
            if editor is not None:  # the combo is editable: it always has one
                editor.setPlaceholderText(_("Language"))
            self.language.setToolTip(
                _("Choose a language, or type a language tag such as so or es-MX.")
            )
            self.language.setAccessibleName(_("Language for the interpreter"))
        self.note.setPlaceholderText(_("Note"))
        self.note.setAccessibleName(_("Note: {need}").format(need=_(self.kind.label)))


class NeedsDialog(RecordDialog):
    """``saved_id`` is the hearing's id."""

    def __init__(
        self, store: Store, person_id: int, hearing_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, parent)
        self.person_id = person_id
        self.hearing_id = hearing_id
        self.person = store.people.get(person_id)
        self.hearing = store.hearings.get(hearing_id)
        if not any(e.person_id == person_id for e in store.hearings.attendance_for(hearing_id)):
            raise NotFoundError("hearing", hearing_id)
        stored = {need.kind: need for need in store.outreach.needs(person_id, hearing_id)}
        self.rows = [NeedRow(kind, stored.get(kind), self.person.language) for kind in NeedKind]

        self.person_name = QLabel(
            person_item_text(self.person.display_name, self.person.native_name)
        )
        self.person_name.setFont(native_name_font(self.person_name.font()))
        self.hearing_text = QLabel()
        self.hearing_text.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        body = QWidget()
        form = FieldGrid(body)
        self.person_label = QLabel()
        form.add_row(self.person_label, self.person_name)
        self.hearing_label = QLabel()
        form.add_row(self.hearing_label, self.hearing_text)
        form.add_full_row(self.intro)
        table = QWidget()
        grid = QGridLayout(table)
        grid.setContentsMargins(0, 0, 0, 0)
        for number, row in enumerate(self.rows):
            grid.addWidget(row.needed, number, 0)
            grid.addWidget(row.status, number, 1)
            if row.language is not None:
                grid.addWidget(row.language, number, 2)
                grid.addWidget(row.note, number, 3)
            else:
                grid.addWidget(row.note, number, 2, 1, 2)
        grid.setColumnStretch(3, 1)
        form.add_full_row(table)
        self.finish_layout(body)
        self.resize(720, 0)
        self.retranslate()

    def first_field(self) -> QWidget | None:
        return self.rows[0].needed

    def opened_for(self) -> dict[str, int | None]:
        return {"person_id": self.person_id, "hearing_id": self.hearing_id}

    def draft_state(self) -> DraftState:
        return {row.kind.value: row.state() for row in self.rows}

    def restore_draft(self, state: Mapping[str, Any]) -> None:
        for row in self.rows:
            kept = state.get(row.kind.value)
            if isinstance(kept, Mapping):
                row.restore(kept)

    def save(self) -> int:
        outreach = self.store.outreach
        with self.store.db.atomic():
            for row in self.rows:
                if not row.needed.isChecked():
                    if row.stored is not None:
                        outreach.remove_need(self.person_id, self.hearing_id, row.kind)
                elif row.changed():
                    outreach.set_need(
                        HearingNeed(
                            self.person_id,
                            self.hearing_id,
                            row.kind,
                            row.status.current_member(),
                            language=row.language_tag(),
                            note=row.note.text(),
                            row_version=row.stored.row_version if row.stored else 0,
                        )
                    )
        return self.hearing_id

    def retranslate(self) -> None:
        self.setWindowTitle(_("Needs for this hearing"))
        self.person_label.setText(_("Person"))
        self.hearing_label.setText(_("Hearing"))
        self.hearing_text.setText(format_local_start(self.hearing.starts_at))
        self.intro.setText(
            _(
                "Tick what the person needs to come to this hearing. Open needs show on "
                "today's calls and on the agenda until they are arranged."
            )
        )
        for row in self.rows:
            row.retranslate()
        super().retranslate()
