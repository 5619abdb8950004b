"""What a feature may use of the main window it is installed in: the ``Desk`` protocol.

Features (locking, packets, guidance, safety, settings) are installed by the main
window, so they must not import it back: they see it only through this protocol, which
is imported for typing only. ``Selection`` lives here because features read it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from companion.domain.models import HearingStatus

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QStackedWidget, QTabWidget

    from companion.store.store import Store
    from companion.ui.records.agenda_view import AgendaView
    from companion.ui.records.courthouses_view import CourthousesView
    from companion.ui.records.hearing_operations import HearingOperations
    from companion.ui.records.people_view import PeopleView
    from companion.ui.records.person_page import PersonPage
    from companion.ui.shell.main_actions import MainActions


@dataclass(frozen=True)
class Selection:
    """What the actions apply to, from the view in front."""

    hearing_id: int | None = None
    hearing_status: HearingStatus | None = None
    person_id: int | None = None
    case_id: int | None = None
    courthouse_id: int | None = None


class Desk(Protocol):
    """The main window as its features see it."""

    store: Store
    actions_: MainActions
    agenda: AgendaView
    people: PeopleView
    person_page: PersonPage
    people_stack: QStackedWidget
    courthouses: CourthousesView
    tabs: QTabWidget
    operations: HearingOperations

    def widget(self) -> QMainWindow:
        """The window itself, as a Qt widget (a parent for dialogs, menus, the status bar)."""
        ...

    def selection(self) -> Selection: ...

    def refresh_views(self) -> None: ...

    def open_person(self, person_id: int) -> None: ...

    def new_desk(self, store: Store) -> Desk:
        """A new main window of the same kind on ``store`` (after a restore or an unlock)."""
        ...
