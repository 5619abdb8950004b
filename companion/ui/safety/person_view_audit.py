"""Writes "viewed person" to the audit trail each time someone opens a person's page.

It watches the main window's people stack and person page: a view is recorded when the
page comes to the front, or when it shows another person while in front. Reading the
same person again (after an edit) is not a new view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStackedWidget

from companion.store.audit import AuditAction
from companion.store.store import Store
from companion.ui.records.person_page import PersonPage

log = logging.getLogger(__name__)


class PersonViewAudit(QObject):
    def __init__(
        self, stack: QStackedWidget, page: PersonPage, store_of: Callable[[], Store]
    ) -> None:
        super().__init__(page)
        self.stack = stack
        self.page = page
        self.store_of = store_of
        self.shown_person: int | None = None
        stack.currentChanged.connect(self._stack_changed)
        page.selection_changed.connect(self._page_changed)

    def _in_front(self) -> bool:
        return self.stack.currentWidget() is self.page

    def _stack_changed(self, _index: int) -> None:
        if self._in_front():
            self._viewed(self.page.person_id)
        else:
            self.shown_person = None

    def _page_changed(self) -> None:
        if self._in_front() and self.page.person_id != self.shown_person:
            self._viewed(self.page.person_id)

    def _viewed(self, person_id: int | None) -> None:
        self.shown_person = person_id
        store = self.store_of()
        if person_id is None or store.closed:
            return
        store.audit.record(AuditAction.VIEWED_PERSON, "person", person_id)
        log.debug("recorded a view of person %d", person_id)
