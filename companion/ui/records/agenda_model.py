"""The agenda as a table: one heading row per day, then that day's hearings.

Rows are formatted only when Qt asks for them, so fifty thousand hearings cost a
list of records, not fifty thousand formatted strings. Times are the courthouse's
wall-clock times; days are the courthouse's local dates.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from companion.domain.models import HearingStatus
from companion.outreach.model import NeedKind
from companion.store.agenda import AgendaEntry, AgendaPerson
from companion.ui import formatting
from companion.ui.i18n import _, ngettext

Index = QModelIndex | QPersistentModelIndex

# Keeps a name in another script from reordering the text around it.
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


class AgendaColumn(enum.IntEnum):
    """What the morning calls need comes first: when, who, and whether to call them."""

    TIME = 0
    PEOPLE = 1
    CALL = 2
    NEEDS = 3
    TESTIMONY = 4
    CASE = 5
    HEARING = 6
    COURTHOUSE = 7
    COURTROOM = 8
    STATUS = 9


@dataclass(frozen=True)
class DayHeading:
    """Over a day's hearings: ``count`` still on (continued and cancelled ones not
    counted), ``calls`` of them with someone still to call, and ``today`` to say
    "Today" and "Tomorrow"."""

    day: dt.date
    count: int
    calls: int = 0
    today: dt.date | None = None


AgendaRow = DayHeading | AgendaEntry

HEARING_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_CALL_BACKGROUND = QColor("#ffe0d6")
_HEADING_BACKGROUND = QColor("#e4ecf5")
_INACTIVE_FOREGROUND = QColor("#6b6b6b")


def isolate(text: str) -> str:
    return FIRST_STRONG_ISOLATE + text + POP_DIRECTIONAL_ISOLATE


def person_label(person: AgendaPerson) -> str:
    """The display name, and the name in the person's own script when there is one."""
    if person.native_name and person.native_name != person.display_name:
        return f"{isolate(person.display_name)} · {isolate(person.native_name)}"
    return isolate(person.display_name)


def group_by_day(entries: list[AgendaEntry], today: dt.date | None = None) -> list[AgendaRow]:
    """Heading rows and hearings, by the courthouse's local date, in time order."""
    days: dict[dt.date, list[AgendaEntry]] = {}
    for entry in entries:
        days.setdefault(entry.starts_at.date(), []).append(entry)
    rows: list[AgendaRow] = []
    for day in sorted(days):
        day_entries = sorted(days[day], key=lambda item: (item.starts_at.time(), item.hearing_id))
        active = [entry for entry in day_entries if entry.is_active]
        calls = sum(1 for entry in active if entry.needs_call)
        rows.append(DayHeading(day, len(active), calls, today))
        rows.extend(day_entries)
    return rows


class AgendaModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[AgendaRow] = []
        self._entries = 0

    # --- contents ---------------------------------------------------------------------

    def set_entries(self, entries: list[AgendaEntry], today: dt.date | None = None) -> None:
        self.beginResetModel()
        self._rows = group_by_day(entries, today)
        self._entries = len(entries)
        self.endResetModel()

    @property
    def hearing_count(self) -> int:
        return self._entries

    def row_item(self, row: int) -> AgendaRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def entry_at(self, row: int) -> AgendaEntry | None:
        item = self.row_item(row)
        return item if isinstance(item, AgendaEntry) else None

    def heading_rows(self) -> list[int]:
        return [row for row, item in enumerate(self._rows) if isinstance(item, DayHeading)]

    def row_of_hearing(self, hearing_id: int) -> int | None:
        for row, item in enumerate(self._rows):
            if isinstance(item, AgendaEntry) and item.hearing_id == hearing_id:
                return row
        return None

    def retranslate(self) -> None:
        """Texts come from the catalog at paint time; tell the views to ask again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(AgendaColumn) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(AgendaColumn) - 1)
            )

    # --- Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AgendaColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return column_title(AgendaColumn(section))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], DayHeading):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if isinstance(item, DayHeading):
            return self._heading_data(item, index.column(), role)
        return self._entry_data(item, AgendaColumn(index.column()), role)

    def _heading_data(self, heading: DayHeading, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return heading_text(heading) if column == 0 else None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_HEADING_BACKGROUND)
        return None

    def _entry_data(self, entry: AgendaEntry, column: AgendaColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return entry_text(entry, column)
        if role == HEARING_ID_ROLE:
            return entry.hearing_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry_tooltip(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and entry.status in (
            HearingStatus.CANCELLED,
            HearingStatus.CONTINUED,
        ):
            return QBrush(_INACTIVE_FOREGROUND)
        if role == Qt.ItemDataRole.BackgroundRole and column == AgendaColumn.CALL:
            return QBrush(_CALL_BACKGROUND) if entry.needs_call else None
        if role == Qt.ItemDataRole.FontRole and column == AgendaColumn.CALL and entry.needs_call:
            font = QFont()
            font.setBold(True)
            return font
        return None


def column_title(column: AgendaColumn) -> str:
    titles = {
        AgendaColumn.TIME: _("Time"),
        AgendaColumn.PEOPLE: _("People"),
        AgendaColumn.CASE: _("Case"),
        AgendaColumn.HEARING: _("Hearing"),
        AgendaColumn.COURTHOUSE: _("Courthouse"),
        AgendaColumn.COURTROOM: _("Courtroom"),
        AgendaColumn.STATUS: _("Status"),
        AgendaColumn.TESTIMONY: _("Testimony"),
        AgendaColumn.CALL: _("Call"),
        AgendaColumn.NEEDS: _("Open needs"),
    }
    return titles[column]


def heading_text(heading: DayHeading) -> str:
    day = formatting.day_heading(heading.day)
    if heading.today is not None and heading.day == heading.today:
        day = _("Today · {day}").format(day=day)
    elif heading.today is not None and heading.day == heading.today + dt.timedelta(days=1):
        day = _("Tomorrow · {day}").format(day=day)
    text = ngettext("{day} · {count} hearing", "{day} · {count} hearings", heading.count).format(
        day=day, count=formatting.number(heading.count)
    )
    if not heading.calls:
        return text
    return ngettext(
        "{heading} · {count} needs a call", "{heading} · {count} need a call", heading.calls
    ).format(heading=text, count=formatting.number(heading.calls))


def entry_text(entry: AgendaEntry, column: AgendaColumn) -> str:
    if column == AgendaColumn.TIME:
        return formatting.clock_time(entry.starts_at)
    if column == AgendaColumn.PEOPLE:
        return "; ".join(person_label(person) for person in entry.people)
    if column == AgendaColumn.CASE:
        return entry.docket_number
    if column == AgendaColumn.HEARING:
        return _(entry.hearing_type.label)
    if column == AgendaColumn.COURTHOUSE:
        return entry.courthouse_name
    if column == AgendaColumn.COURTROOM:
        return entry.courtroom
    if column == AgendaColumn.STATUS:
        if entry.status is HearingStatus.CONTINUED and entry.continued_to is not None:
            return _("Continued → {date}").format(
                date=formatting.short_day(entry.continued_to.date())
            )
        return _(entry.status.label)
    if column == AgendaColumn.TESTIMONY:
        return _("Must testify") if entry.testimony_needed else ""
    if column == AgendaColumn.NEEDS:
        return needs_text(entry) if entry.open_needs else ""
    if entry.needs_call:
        return _("Needs a call")
    return _("Asked not to be contacted") if entry.not_to_be_called else ""


def needs_text(entry: AgendaEntry) -> str:
    """Each open need once, in the order of ``NeedKind``: "Transport, Childcare"."""
    kinds: list[str] = []
    for person in entry.people:
        kinds += [kind for kind in person.open_needs if kind not in kinds]
    known = {kind.value: kind for kind in NeedKind}
    return formatting.items([_(known[kind].label) if kind in known else kind for kind in kinds])


def entry_tooltip(entry: AgendaEntry, column: AgendaColumn) -> str | None:
    if column == AgendaColumn.TIME:
        return _("{date_time} ({zone}, the courthouse's local time)").format(
            date_time=formatting.date_and_time(entry.starts_at), zone=str(entry.starts_at.tzinfo)
        )
    if column == AgendaColumn.PEOPLE:
        return "\n".join(
            _("{name}: {attendance}").format(
                name=person_label(person), attendance=_(person.attendance.label)
            )
            for person in entry.people
        )
    if column == AgendaColumn.NEEDS and entry.open_needs:
        known = {kind.value: kind for kind in NeedKind}
        return "\n".join(
            _("{name}: {needs}").format(
                name=person_label(person),
                needs=formatting.items(
                    [_(known[kind].label) if kind in known else kind for kind in person.open_needs]
                ),
            )
            for person in entry.people
            if person.open_needs
        )
    if column == AgendaColumn.CALL and entry.needs_call:
        return _("Someone in this hearing has not confirmed they will come.")
    return None
