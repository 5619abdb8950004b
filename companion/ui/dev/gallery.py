"""Every window, view and dialog of the app, each opened in a representative state.

One registry (``ENTRIES``) serves ``make screenshots`` (``companion.ui.dev.screenshots``) and
the tests that walk every screen in every language. Each entry names the class that
builds the screen and where its arguments come from in the demo office; it is imported
only when the entry is opened, so an entry whose module is not written yet is listed
(and reported as skipped) instead of breaking the others. ``shown_texts`` lists what a
screen shows: titles, menus, labels, buttons, tabs, headers, cells, placeholders, tips.

Adding a dialog is one line::

    GalleryEntry("trash", "companion.ui.records.trash_dialog:TrashDialog", (the_store,)),

``entry.factory`` is the ``(store, parent) -> QWidget`` that opens it.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from PySide6 import QtGui
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

from companion.domain.models import HearingStatus
from companion.store.store import Store
from companion.ui.dev import import_showcase as showcase

if TYPE_CHECKING:
    from companion.ui.shell.main_window import MainWindow

Factory = Callable[[Store, QWidget | None], QWidget]
#: Where an argument comes from: a function of the (demo office) store.
Source = Callable[[Store], object]
#: A step after building: put the screen into the state worth showing.
Step = Callable[[QWidget, Store], None]

#: Language of the person whose records the dialogs open: right to left, another script.
FEATURED_LANGUAGE = "ar"


# --- where arguments come from ----------------------------------------------------------------


def the_store(store: Store) -> Store:
    return store


def store_folder(store: Store) -> Path:
    """The folder of the open store (what the unlock dialog and the lock screen unlock)."""
    return store.folder


def new_folder(store: Store) -> Path:
    """A folder with no store yet (what the setup dialog sets up); not created here."""
    return store.folder.parent / "new-office"


def featured_person(store: Store) -> int:
    """The first person whose language is Arabic and who has a name in Arabic script."""
    for person in store.people.list():
        if person.language == FEATURED_LANGUAGE and person.native_name:
            return person.id
    raise LookupError(f"no person with language {FEATURED_LANGUAGE} and a native name")


def featured_hearing(store: Store) -> int:
    """The featured person's first scheduled hearing."""
    for hearing in store.hearings.for_person(featured_person(store)):
        if hearing.status is HearingStatus.SCHEDULED and hearing.id is not None:
            return hearing.id
    raise LookupError("the featured person has no scheduled hearing")


def featured_case(store: Store) -> int:
    return store.hearings.get(featured_hearing(store)).case_id


def first_courthouse(store: Store) -> int:
    courthouse_id = store.courthouses.list()[0].id
    assert courthouse_id is not None
    return courthouse_id


def two_people(store: Store) -> list[tuple[int, str]]:
    """Two people of the office, as the person chooser lists them."""
    return [(person.id, person.display_name) for person in store.people.list()[:2]]


def no_callback(_store: Store) -> Callable[..., None]:
    def ignore(*_args: object) -> None:
        return None

    return ignore


def fresh_handoff_code(_store: Store) -> str:
    """A code made the way a handoff makes one (shown, never stored)."""
    from companion.exchange.handoff import new_code

    return new_code()


def handoff_path(store: Store) -> Path:
    return store.folder.parent / "demo-colleague.cchandoff"


def fresh_throttle(_store: Store) -> object:
    from companion.store import keys

    return keys.UnlockThrottle()


def courthouse_in_use(store: Store) -> object:
    """A typed core error, as an error message shows it."""
    from companion.errors import InUseError

    return InUseError("courthouse", first_courthouse(store), 3)


def backup_disk_full(_store: Store) -> object:
    """A backup that failed, as the backup failure message shows it."""
    from companion.store.backups import BackupFailedError

    return BackupFailedError("OSError: [Errno 28] No space left on device")


def unexpected_error_details(_store: Store) -> str:
    """The technical details of an error nobody caught (a real one, raised here)."""
    from companion.ui.shell.error_report import technical_details

    empty: dict[str, int] = {}
    try:
        empty["key"]  # a lookup that fails, on purpose
    except KeyError as error:
        return technical_details(KeyError, error, error.__traceback__)
    raise AssertionError("the lookup above always fails")


# --- states worth showing -----------------------------------------------------------------------


def _main_window(widget: QWidget) -> MainWindow:
    from companion.ui.shell.main_window import MainWindow

    if not isinstance(widget, MainWindow):
        raise TypeError(f"{type(widget).__name__} is not the main window")
    return widget


def show_tab(view: str) -> Step:
    """The main window with the tab holding its attribute ``view`` (or, for a view a
    feature added, a view of that class name) in front."""

    def step(widget: QWidget, _store: Store) -> None:
        window = _main_window(widget)
        wanted = getattr(window, view, None)
        for index in range(window.tabs.count()):
            shown = window.tabs.widget(index)
            if shown is wanted or type(shown).__name__ == view:
                window.tabs.setCurrentIndex(index)
                return
        raise LookupError(f"the main window has no tab {view}")

    return step


def show_people_list(widget: QWidget, _store: Store) -> None:
    _main_window(widget).show_people_list()


def open_featured_person(widget: QWidget, store: Store) -> None:
    _main_window(widget).open_person(featured_person(store))


def open_reports(page: str) -> Step:
    """The main window on the Reports tab, with its page ``page`` ("open_outcomes" or
    "open_record", the feature's method that shows it) in front."""

    def step(widget: QWidget, _store: Store) -> None:
        window = _main_window(widget)
        for feature in window.features:
            opener = getattr(feature, page, None)
            if type(feature).__name__ == "ReportsFeature" and opener is not None:
                opener()
                return
        raise LookupError("the main window has no Reports tab")

    return step


def recovery_page(dialog: QWidget, _store: Store) -> None:
    from companion.ui.session.unlock_dialog import UnlockDialog

    if not isinstance(dialog, UnlockDialog):
        raise TypeError(f"{type(dialog).__name__} is not the unlock dialog")
    dialog.use_recovery_button.click()


def rekey_ticked(dialog: QWidget, _store: Store) -> None:
    """The re-key box ticked, and a weak new passphrase typed: the meter and its reason."""
    from companion.ui.session.change_passphrase_dialog import ChangePassphraseDialog

    if not isinstance(dialog, ChangePassphraseDialog):
        raise TypeError(f"{type(dialog).__name__} is not the change-passphrase dialog")
    dialog.new.setText("Summer2024!")
    dialog.rekey.setChecked(True)


def sample_unshown_code(dialog: QWidget, _store: Store) -> None:
    """A freshly made code in place of one a killed re-key left (the demo office has none)."""
    from companion.store.keys import new_recovery_code
    from companion.ui.session.unshown_code_dialog import UnshownCodeDialog

    if not isinstance(dialog, UnshownCodeDialog):
        raise TypeError(f"{type(dialog).__name__} is not the unshown-code dialog")
    dialog.recovery_code = new_recovery_code()
    dialog.code_display.setText(dialog.recovery_code)


# --- dialogs showing what they refuse ----------------------------------------------------------

#: A date no calendar has, in any of the ways the languages write dates.
IMPOSSIBLE_DATE = "2/30/2026"


def _record_dialog(widget: QWidget, kind: str) -> Any:
    from companion.ui.records.dialogs.common import RecordDialog

    if not isinstance(widget, RecordDialog) or type(widget).__name__ != kind:
        raise TypeError(f"{type(widget).__name__} is not the {kind}")
    return widget


def refused(fill: Callable[[Any], None], kind: str) -> Step:
    """The dialog after ``fill`` typed something it refuses and Save was pressed: the
    messages under the fields, in the interface language."""

    def step(widget: QWidget, _store: Store) -> None:
        dialog = _record_dialog(widget, kind)
        fill(dialog)
        dialog.save_and_accept()
        if dialog.saved_id is not None:
            raise AssertionError(f"{kind} saved what it should refuse")

    return step


def _person_without_names(dialog: Any) -> None:
    dialog.contacts.add_row().value.setText("555")


def _case_without_docket(dialog: Any) -> None:
    dialog.court.setText("Demo County Criminal Court")


def _hearing_on_impossible_date(dialog: Any) -> None:
    dialog.start.date.line_edit.setText(IMPOSSIBLE_DATE)
    dialog.start.time.setText("2:30 PM")


def _courthouse_in_unknown_zone(dialog: Any) -> None:
    dialog.timezone.setEditText("Mars/Olympus_Mons")


def _continued_to_impossible_date(dialog: Any) -> None:
    dialog.start.date.line_edit.setText(IMPOSSIBLE_DATE)


def _attended_before_the_hearing(dialog: Any) -> None:
    from companion.domain.models import AttendanceStatus

    dialog.status.set_member(AttendanceStatus.ATTENDED)


# --- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GalleryEntry:
    """One screen: ``target`` is ``"module:Class"``; positional ``args`` and keyword
    ``kwargs`` come from the store; ``then`` puts it in the state worth showing.

    ``takes_parent``: the class accepts ``parent=`` (the main window does not).
    ``ready_signal``: a signal to wait for before a screenshot (a preview rendered off the
    interface thread); the texts do not depend on it.
    """

    name: str
    target: str
    args: tuple[Source, ...] = ()
    kwargs: Mapping[str, Source] = field(default_factory=lambda: MappingProxyType({}))
    then: tuple[Step, ...] = ()
    takes_parent: bool = True
    ready_signal: str | None = None

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    def is_available(self) -> bool:
        """False while the module that builds this screen does not exist yet."""
        try:
            return importlib.util.find_spec(self.module) is not None
        except ModuleNotFoundError:  # a parent package is missing
            return False

    def build(self, store: Store, parent: QWidget | None = None) -> QWidget:
        module_name, _colon, attribute = self.target.partition(":")
        make: Callable[..., Any] = getattr(importlib.import_module(module_name), attribute)
        args = [source(store) for source in self.args]
        kwargs = {name: source(store) for name, source in self.kwargs.items()}
        if self.takes_parent:
            kwargs["parent"] = parent
        widget = make(*args, **kwargs)
        if not isinstance(widget, QWidget):
            raise TypeError(f"{self.target} made {type(widget).__name__}, not a QWidget")
        for step in self.then:
            step(widget, store)
        return widget

    @property
    def factory(self) -> Factory:
        return self.build


MAIN_WINDOW = "companion.ui.shell.main_window:MainWindow"
EXCHANGE = "companion.ui.exchange"
IMPORT_WIZARD = f"{EXCHANGE}.import_wizard:ImportWizard"
DIALOGS = "companion.ui.records.dialogs"

ENTRIES: tuple[GalleryEntry, ...] = (
    # The main window, on each of its tabs.
    GalleryEntry(
        "main-agenda", MAIN_WINDOW, (the_store,), then=(show_tab("agenda"),), takes_parent=False
    ),
    GalleryEntry(
        "main-people", MAIN_WINDOW, (the_store,), then=(show_people_list,), takes_parent=False
    ),
    GalleryEntry(
        "main-person-page",
        MAIN_WINDOW,
        (the_store,),
        then=(open_featured_person,),
        takes_parent=False,
    ),
    GalleryEntry(
        "main-courthouses",
        MAIN_WINDOW,
        (the_store,),
        then=(show_tab("courthouses"),),
        takes_parent=False,
    ),
    GalleryEntry(
        "main-guidance",
        MAIN_WINDOW,
        (the_store,),
        then=(show_tab("GuidanceView"),),
        takes_parent=False,
    ),
    GalleryEntry(
        "main-calls", MAIN_WINDOW, (the_store,), then=(show_tab("CallsView"),), takes_parent=False
    ),
    GalleryEntry(
        "main-outcomes",
        MAIN_WINDOW,
        (the_store,),
        then=(open_reports("open_outcomes"),),
        takes_parent=False,
    ),
    GalleryEntry(
        "main-attendance-record",
        MAIN_WINDOW,
        (the_store,),
        then=(open_reports("open_record"),),
        takes_parent=False,
    ),
    # Records: each editing dialog to add and to edit.
    GalleryEntry("person-add", f"{DIALOGS}.person_dialog:PersonDialog", (the_store,)),
    GalleryEntry(
        "person-edit", f"{DIALOGS}.person_dialog:PersonDialog", (the_store, featured_person)
    ),
    GalleryEntry(
        "case-add",
        f"{DIALOGS}.case_dialog:CaseDialog",
        (the_store,),
        {"person_id": featured_person},
    ),
    GalleryEntry(
        "case-edit", f"{DIALOGS}.case_dialog:CaseDialog", (the_store,), {"case_id": featured_case}
    ),
    GalleryEntry(
        "hearing-add",
        f"{DIALOGS}.hearing_dialog:HearingDialog",
        (the_store,),
        {"case_id": featured_case},
    ),
    GalleryEntry(
        "hearing-edit",
        f"{DIALOGS}.hearing_dialog:HearingDialog",
        (the_store,),
        {"hearing_id": featured_hearing},
    ),
    GalleryEntry("courthouse-add", f"{DIALOGS}.courthouse_dialog:CourthouseDialog", (the_store,)),
    GalleryEntry(
        "courthouse-edit",
        f"{DIALOGS}.courthouse_dialog:CourthouseDialog",
        (the_store, first_courthouse),
    ),
    GalleryEntry(
        "continue-hearing",
        f"{DIALOGS}.continue_dialog:ContinueHearingDialog",
        (the_store, featured_hearing),
    ),
    GalleryEntry(
        "attendance",
        f"{DIALOGS}.attendance_dialog:AttendanceDialog",
        (the_store, featured_person, featured_hearing),
    ),
    # The same dialogs refusing what was typed: the messages under the fields.
    GalleryEntry(
        "person-add-refused",
        f"{DIALOGS}.person_dialog:PersonDialog",
        (the_store,),
        then=(refused(_person_without_names, "PersonDialog"),),
    ),
    GalleryEntry(
        "case-add-refused",
        f"{DIALOGS}.case_dialog:CaseDialog",
        (the_store,),
        {"person_id": featured_person},
        then=(refused(_case_without_docket, "CaseDialog"),),
    ),
    GalleryEntry(
        "hearing-add-refused",
        f"{DIALOGS}.hearing_dialog:HearingDialog",
        (the_store,),
        {"case_id": featured_case},
        then=(refused(_hearing_on_impossible_date, "HearingDialog"),),
    ),
    GalleryEntry(
        "courthouse-add-refused",
        f"{DIALOGS}.courthouse_dialog:CourthouseDialog",
        (the_store,),
        then=(refused(_courthouse_in_unknown_zone, "CourthouseDialog"),),
    ),
    GalleryEntry(
        "continue-hearing-refused",
        f"{DIALOGS}.continue_dialog:ContinueHearingDialog",
        (the_store, featured_hearing),
        then=(refused(_continued_to_impossible_date, "ContinueHearingDialog"),),
    ),
    GalleryEntry(
        "attendance-refused",
        f"{DIALOGS}.attendance_dialog:AttendanceDialog",
        (the_store, featured_person, featured_hearing),
        then=(refused(_attended_before_the_hearing, "AttendanceDialog"),),
    ),
    GalleryEntry(
        "person-chooser",
        "companion.ui.records.hearing_operations:PersonChooser",
        (two_people, no_callback),
    ),
    # Outreach: logging a contact, and the needs for a hearing.
    GalleryEntry(
        "contact-log",
        "companion.ui.outreach.contact_dialog:ContactDialog",
        (the_store, featured_person, featured_hearing),
    ),
    GalleryEntry(
        "hearing-needs",
        "companion.ui.outreach.needs_dialog:NeedsDialog",
        (the_store, featured_person, featured_hearing),
    ),
    GalleryEntry("error-message", "companion.ui.widgets.prompts:ErrorBox", (courthouse_in_use,)),
    GalleryEntry(
        "unexpected-error",
        "companion.ui.shell.error_report:ErrorReportBox",
        (unexpected_error_details,),
    ),
    # Opening the store, and the shell's own dialogs.
    GalleryEntry("setup", "companion.ui.session.setup_dialog:SetupDialog", (new_folder,)),
    GalleryEntry("unlock", "companion.ui.session.unlock_dialog:UnlockDialog", (store_folder,)),
    GalleryEntry(
        "unlock-recovery",
        "companion.ui.session.unlock_dialog:UnlockDialog",
        (store_folder,),
        then=(recovery_page,),
    ),
    GalleryEntry(
        "change-passphrase",
        "companion.ui.session.change_passphrase_dialog:ChangePassphraseDialog",
        (the_store,),
    ),
    GalleryEntry(
        "change-passphrase-rekey",
        "companion.ui.session.change_passphrase_dialog:ChangePassphraseDialog",
        (the_store,),
        then=(rekey_ticked,),
    ),
    GalleryEntry(
        "unshown-recovery-code",
        "companion.ui.session.unshown_code_dialog:UnshownCodeDialog",
        (the_store,),
        then=(sample_unshown_code,),
    ),
    GalleryEntry("trash", "companion.ui.records.trash_dialog:TrashDialog", (the_store,)),
    GalleryEntry("about", "companion.ui.shell.about_dialog:AboutDialog"),
    # Safety: the lock screen and preferences.
    GalleryEntry(
        "lock-screen",
        "companion.ui.session.lock_screen:LockScreen",
        (store_folder, fresh_throttle),
        {"drafts_kept": lambda _store: 1},
    ),
    GalleryEntry(
        "preferences", "companion.ui.settings.preferences_dialog:PreferencesDialog", (the_store,)
    ),
    # Records safety: audit trail, retention review, restore.
    GalleryEntry("audit-trail", "companion.ui.safety.audit_dialog:AuditDialog", (the_store,)),
    GalleryEntry(
        "retention-review", "companion.ui.safety.retention_dialog:RetentionDialog", (the_store,)
    ),
    GalleryEntry("restore", "companion.ui.safety.restore_dialog:RestoreDialog", (the_store,)),
    GalleryEntry(
        "backup-failed", "companion.ui.safety.backup_keeper:BackupFailureBox", (backup_disk_full,)
    ),
    # Packets.
    GalleryEntry(
        "packet",
        "companion.ui.packets.packet_dialog:PacketDialog",
        (the_store, featured_hearing, featured_person),
        ready_signal="preview_ready",
    ),
    GalleryEntry("docket-packets", "companion.ui.packets.docket_dialog:DocketDialog", (the_store,)),
    # Guidance: the office's own settings (the reader is the main window's Guidance tab).
    GalleryEntry(
        "organisation", "companion.ui.settings.organisation_dialog:OrganisationDialog", (the_store,)
    ),
    # Getting data in and out: the import wizard's pages, exports, handoffs.
    GalleryEntry("import-file", IMPORT_WIZARD, (the_store,), then=(showcase.on_page("FILE"),)),
    GalleryEntry("import-format", IMPORT_WIZARD, (the_store,), then=(showcase.on_page("FORMAT"),)),
    GalleryEntry(
        "import-columns", IMPORT_WIZARD, (the_store,), then=(showcase.on_page("COLUMNS"),)
    ),
    GalleryEntry(
        "import-date-order", IMPORT_WIZARD, (the_store,), then=(showcase.on_date_order_page,)
    ),
    GalleryEntry(
        "import-preview", IMPORT_WIZARD, (the_store,), then=(showcase.on_page("PREVIEW"),)
    ),
    GalleryEntry("import-summary", IMPORT_WIZARD, (the_store,), then=(showcase.imported,)),
    GalleryEntry("export", f"{EXCHANGE}.export_dialogs:ExportDialog", (the_store,)),
    GalleryEntry(
        "calendar-export", f"{EXCHANGE}.export_dialogs:CalendarExportDialog", (the_store,)
    ),
    GalleryEntry(
        "handoff-export",
        f"{EXCHANGE}.handoff_dialogs:HandoffExportDialog",
        (the_store,),
        {"person_id": featured_person},
    ),
    GalleryEntry(
        "handoff-code",
        f"{EXCHANGE}.handoff_dialogs:HandoffCodeDialog",
        (fresh_handoff_code, lambda _store: 1, handoff_path),
    ),
    GalleryEntry(
        "handoff-receive",
        f"{EXCHANGE}.handoff_dialogs:HandoffImportDialog",
        (the_store,),
        then=(showcase.sealed_handoff,),
    ),
)


#: A record made only so that the Trash has something to show; the name says so.
TRASHED_COURTHOUSE = "Old Annex (fictional, moved to the Trash for the gallery)"


def prepare_demo_office(store: Store) -> None:
    """What a few screens need to show more than an empty list: one backup (restore
    dialog) and one record in the Trash. Run once, on a demo office made for the gallery."""
    from companion.domain.models import Courthouse
    from companion.store.backups import backup_folder, list_backups, make_backup

    if not list_backups(backup_folder(store)):
        make_backup(store)
    if not store.trash.count():
        added = store.courthouses.add(
            Courthouse(
                TRASHED_COURTHOUSE, "3 Sample Plaza, Demo City, NY", "America/New_York", "US-NY"
            )
        )
        assert added.id is not None
        store.courthouses.delete(added.id)


def entries() -> tuple[GalleryEntry, ...]:
    """Every entry, available or not."""
    return ENTRIES


def available_entries() -> tuple[GalleryEntry, ...]:
    return tuple(entry for entry in ENTRIES if entry.is_available())


def missing_entries() -> tuple[GalleryEntry, ...]:
    """Entries whose module does not exist yet (listed, not opened)."""
    return tuple(entry for entry in ENTRIES if not entry.is_available())


def entry_named(name: str) -> GalleryEntry:
    for entry in ENTRIES:
        if entry.name == name:
            return entry
    raise KeyError(name)


# --- what a screen shows --------------------------------------------------------------------


@dataclass(frozen=True)
class ShownText:
    """One text a screen shows: where (a readable path), what kind, and the text."""

    where: str
    kind: str
    text: str


DISPLAY = int(Qt.ItemDataRole.DisplayRole)
#: Rows of a table or list read for their texts (enough for every kind of row to appear).
MAX_ROWS = 60


# PySide6 6.12 on Python 3.11 loses a reference to None each time a Qt function returns
# a null pointer or an empty QVariant as None (``parent()`` of a window, ``menu()`` of a
# plain action, ``data()`` of an empty cell), until Python aborts. Reading every text of
# every screen makes thousands of such calls, so this walk never asks Qt for what may be
# null: it climbs parents only up to the screen, finds submenus through the menus
# themselves, and reads cells through ``itemData`` (a dict, never None).


def _chain(widget: QObject, top: QObject) -> list[QObject]:
    """``widget`` and its ancestors below ``top`` (``widget`` is inside ``top``)."""
    chain = [widget]
    while chain[-1] is not top:
        parent = chain[-1].parent()
        if parent is None:
            raise ValueError(f"{type(widget).__name__} is not inside {type(top).__name__}")
        chain.append(parent)
    return chain[:-1]


def _attribute_name(widget: QObject, holders: list[QObject]) -> str | None:
    """The attribute by which one of ``holders`` (nearest first) holds ``widget``."""
    for holder in holders:
        for name, value in vars(holder).items():
            if value is widget:
                return name
    return None


def widget_path(widget: QObject, top: QObject) -> str:
    """``MainWindow/AgendaView/days_label [QLabel]``: the screen's class, our own classes
    and attribute names on the way down, then the widget's own class."""
    chain = _chain(widget, top)
    parts: list[str] = []
    for position, current in enumerate(chain):
        holders = [*chain[position + 1 :], top]
        name = _attribute_name(current, holders) or current.objectName()
        own_class = type(current).__module__.startswith("companion.")
        if name or own_class or current is widget:
            parts.append(name or type(current).__name__)
    parts.append(type(top).__name__)
    return "/".join(reversed(parts)) + f" [{type(widget).__name__}]"


def plain_text(text: str) -> str:
    """A label's text as read: rich text reduced to its words."""
    if QtGui.Qt.mightBeRichText(text):
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text


def _action_texts(
    action: QAction, where: str, submenus: dict[QAction, QMenu], tooltips: bool
) -> list[ShownText]:
    if action.isSeparator():
        return []
    texts: list[ShownText] = []
    menu = submenus.get(action)
    if menu is not None:
        texts.append(ShownText(where, "menu title", menu.title()))
        for inner in menu.actions():
            texts += _action_texts(inner, f"{where} > {menu.title()}", submenus, tooltips)
        return texts
    texts.append(ShownText(where, "action", action.text()))
    if tooltips:
        texts.append(ShownText(where, "action status tip", action.statusTip()))
    return texts


def _view_texts(view: QAbstractItemView, where: str) -> list[ShownText]:
    model = view.model()
    if model is None:
        return []
    texts: list[ShownText] = []
    root = view.rootIndex()
    if isinstance(view, QListView):
        shown_columns = [view.modelColumn()]
    else:
        shown_columns = [
            column
            for column in range(model.columnCount(root))
            if not (isinstance(view, QTableView) and view.isColumnHidden(column))
        ]
    header = view.horizontalHeader() if isinstance(view, QTableView) else None
    if isinstance(view, QTreeView):
        header = view.header()
    if header is not None and not header.isHidden():
        for column in shown_columns:
            title = model.headerData(column, Qt.Orientation.Horizontal)
            if isinstance(title, str):
                texts.append(ShownText(where, "header", title))
    for row in range(min(model.rowCount(root), MAX_ROWS)):
        for column in shown_columns:
            value = model.itemData(model.index(row, column, root)).get(DISPLAY)
            if isinstance(value, str):
                texts.append(ShownText(where, "cell", value))
    return texts


def _widget_texts(widget: QWidget, where: str, tooltips: bool) -> list[ShownText]:
    texts: list[ShownText] = []

    def add(kind: str, text: str) -> None:
        texts.append(ShownText(where, kind, text))

    if isinstance(widget, QLabel):
        add("label", plain_text(widget.text()))
    elif isinstance(widget, QAbstractButton):
        add("button", widget.text())
    if isinstance(widget, QGroupBox):
        add("group box", widget.title())
    if isinstance(widget, QTabBar):
        for index in range(widget.count()):
            add("tab", widget.tabText(index))
            if tooltips:
                add("tab tooltip", widget.tabToolTip(index))
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        add("placeholder", widget.placeholderText())
    if isinstance(widget, QComboBox):
        for index in range(widget.count()):
            add("choice", widget.itemText(index))
    if isinstance(widget, QAbstractSpinBox):
        add("special value", widget.specialValueText())
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        add("prefix", widget.prefix())
        add("suffix", widget.suffix())
    # A combo box's popup list is its choices (above); a header is its view's (below).
    inner = isinstance(widget.parent(), QComboBox) or isinstance(widget, QHeaderView)
    if isinstance(widget, QAbstractItemView) and not inner:
        texts += _view_texts(widget, where)
    if tooltips:
        add("tooltip", widget.toolTip())
    return texts


def shown_texts(top: QWidget, tooltips: bool = True) -> list[ShownText]:
    """Every text ``top`` shows now: its title, its menus and their actions, and the texts
    of every widget visible in it (a combo box's choices and a table's rows included).
    Texts set but hidden (another tab's, a page not shown) are left out."""
    texts = [ShownText(type(top).__name__, "window title", top.windowTitle())]
    if isinstance(top, QMainWindow):
        submenus = {menu.menuAction(): menu for menu in top.findChildren(QMenu)}
        for action in top.menuBar().actions():
            texts += _action_texts(action, f"{type(top).__name__} menu", submenus, tooltips)
    for widget in top.findChildren(QWidget):
        if isinstance(widget, QMenu) or not widget.isVisibleTo(top):
            continue
        texts += _widget_texts(widget, widget_path(widget, top), tooltips)
    return [shown for shown in texts if shown.text.strip()]
