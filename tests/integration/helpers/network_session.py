"""A full, scripted session of the desktop app under a Python audit hook.

Run in a fresh process (so the hook sees everything from the first import on):

    QT_QPA_PLATFORM=offscreen python -m tests.integration.helpers.network_session \
        DATA_FOLDER REPORT.json

The session sets up a store, unlocks it through the unlock dialog, adds people and
hearings (through the store and through the person dialog), switches the open app
through every interface language, renders packets, backs up and restores through the
app's own screens, locks and unlocks, and closes. Every ``socket.connect``,
``socket.bind``, ``socket.getaddrinfo`` (and the other resolver and send calls) and
every socket created, whose family is not AF_UNIX, is written to the report, with the
steps completed and the Internet sockets still open at the end (from ``/proc``).

With ``COMPANION_LOG_DIR`` set, the app logs there at DEBUG level: the log test seeds
the names and phone numbers below and greps every log file for them.
"""

from __future__ import annotations

import socket
import sys
from typing import Any

AF_UNIX = getattr(socket, "AF_UNIX", None)

#: Audit events that would mean talking to a network, and where the socket or family is.
NETWORK_EVENTS = {
    "socket.__new__",
    "socket.connect",
    "socket.bind",
    "socket.sendto",
    "socket.sendmsg",
    "socket.getaddrinfo",
    "socket.getnameinfo",
    "socket.gethostbyname",
    "socket.gethostbyname_ex",
    "socket.gethostbyaddr",
}

network_calls: list[str] = []


def _family(event: str, args: tuple[Any, ...]) -> object:
    if event == "socket.__new__":
        return args[1]
    if event in {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"}:
        return getattr(args[0], "family", None)
    if event == "socket.getaddrinfo":
        return args[2]
    return None  # name look-ups are network by nature


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event not in NETWORK_EVENTS:
        return
    family = _family(event, args)
    if AF_UNIX is not None and family == AF_UNIX:
        return
    network_calls.append(f"{event} family={family!r}")


sys.addaudithook(_audit)

# Everything below is imported after the hook is in place.
import datetime as dt  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QCoreApplication, QEvent, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from companion.domain.models import (  # noqa: E402
    Attendance,
    Case,
    ContactKind,
    ContactMethod,
    Courthouse,
    Hearing,
    Person,
)
from companion.domain.validation import local_datetime  # noqa: E402
from companion.packets.from_store import PacketChoice, packet_for  # noqa: E402
from companion.packets.output import write_pdf_atomically  # noqa: E402
from companion.packets.renderer import render_packet  # noqa: E402
from companion.store import backups  # noqa: E402
from companion.store.store import Store  # noqa: E402
from companion.ui.safety.records_safety import RecordsSafety  # noqa: E402
from companion.ui.session.unlock_dialog import UnlockDialog  # noqa: E402
from companion.ui.shell.app import create_application  # noqa: E402
from companion.ui.shell.language import (  # noqa: E402
    available_languages,
    startup_language,
    switch_language,
)
from companion.ui.shell.main_window import MainWindow  # noqa: E402
from companion.ui.shell.window_session import close_open_stores  # noqa: E402
from tests.integration.helpers.session_seeds import (  # noqa: E402
    PASSPHRASE,
    SEEDED_NAMES,
    SEEDED_NOTE,
    SEEDED_PHONES,
)


def _inet_sockets_open() -> list[str]:
    """Internet sockets this process still holds (Linux: fds matched to /proc/net)."""
    fd_folder = Path("/proc/self/fd")
    if not fd_folder.is_dir():
        return []
    inodes: set[str] = set()
    for fd in fd_folder.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    found = []
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        path = Path("/proc/self/net") / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            if len(fields) > 9 and fields[9] in inodes:
                found.append(f"{table} {fields[1]} -> {fields[2]}")
    return found


def _settle() -> None:
    for _round in range(3):
        QApplication.processEvents()


def _main_window() -> MainWindow:
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    assert len(shown) == 1, shown
    return shown[0]


def _safety(window: MainWindow) -> RecordsSafety:
    return next(f for f in window.features if isinstance(f, RecordsSafety))


def set_up_and_unlock(folder: Path) -> Store:
    """A new store, closed, then unlocked through the unlock dialog."""
    Store.create(folder, PASSPHRASE)[0].close()
    unlock = UnlockDialog(folder)
    unlock.show()
    unlock.passphrase.setText(PASSPHRASE)
    unlock.unlock()
    store = unlock.store
    assert store is not None and not store.closed
    unlock.close()
    return store


def add_records(store: Store) -> tuple[int, int, int]:
    """A courthouse, two people (with the seeded names and numbers), a case and a
    hearing; returns the hearing's and the two people's ids."""
    courthouse = store.courthouses.add(
        Courthouse("Session Test Courthouse", "9 Fictional Plaza", "America/Chicago", "US-IL")
    )
    first = store.people.add(
        Person(
            "Xochiquetzalli",
            "Brandvold-Umeoka",
            native_name="زمردة",
            language="ar",
            contacts=[ContactMethod(ContactKind.PHONE, SEEDED_PHONES[0], ok_to_text=True)],
            alternate_name="Ottoline Quaresma-Vukovic",
            alternate_phone=SEEDED_PHONES[1],
            notes=SEEDED_NOTE,
        )
    )
    second = store.people.add(
        Person("Zephyrine", "Quillfeather", native_name="龔霓裳", language="zh-Hans")
    )
    assert courthouse.id is not None and first.id is not None and second.id is not None
    case = store.cases.add(
        Case("SESSION-1", "Fictional Circuit Court", person_ids=[first.id, second.id])
    )
    assert case.id is not None
    day = dt.date.today() + dt.timedelta(days=3)
    hearing = store.hearings.add(
        Hearing(
            case_id=case.id,
            courthouse_id=courthouse.id,
            starts_at=local_datetime(day, dt.time(10, 15), "America/Chicago"),
            courtroom="4B",
        ),
        [Attendance(first.id, 0, must_testify=True), Attendance(second.id, 0)],
    )
    assert hearing.id is not None
    return hearing.id, first.id, second.id


def add_person_through_the_dialog(window: MainWindow) -> None:
    dialog: Any = window.new_person()
    assert dialog is not None
    dialog.given_name.setText("Thaddeusina")
    dialog.family_name.setText("Marchbanks-Oyelaran")
    dialog.native_name.setText("Евлампия")
    dialog.alternate_phone.setText(SEEDED_PHONES[2])
    dialog.save_button.click()
    _settle()
    assert any(p.given_name == "Thaddeusina" for p in window.store.people.list())


def walk_through_languages(window: MainWindow) -> int:
    """Every interface language, with the main window and two safety screens open."""
    safety = _safety(window)
    audit = safety.open_audit()
    retention = safety.open_retention()
    languages = available_languages()
    for language in languages:
        switch_language(language.tag)
        _settle()
    switch_language("en")
    audit.close()
    retention.close()
    return len(languages)


def render_packets(store: Store, hearing_id: int, people: tuple[int, int], out: Path) -> None:
    """Each person's packet in their language, and one in Spanish, written as PDF files."""
    out.mkdir(exist_ok=True)
    for person_id, language in ((people[0], None), (people[1], None), (people[0], "es")):
        content = packet_for(store, hearing_id, person_id, PacketChoice(language=language))
        pdf = render_packet(content)
        assert pdf.startswith(b"%PDF")
        write_pdf_atomically(out / f"packet-{person_id}-{language}.pdf", pdf)


def back_up_and_restore(window: MainWindow) -> MainWindow:
    """Back up now, change something, restore through the restore dialog; returns the
    main window the app goes on with."""
    store = window.store
    safety = _safety(window)
    safety.back_up_now()
    made = backups.list_backups(backups.backup_folder(store))
    assert [info.reason for info in made] == ["manual"], made
    store.people.add(Person("Added", "After-Backup", language="es"))
    restore = safety.open_restore()
    restore.passphrase.setText(PASSPHRASE)
    assert restore.check_backup() is not None
    restored = restore.restore_now()
    assert restored is not None and store.closed
    _settle()
    window = _main_window()
    assert window.store is restored
    assert not any(p.family_name == "After-Backup" for p in restored.people.list())
    return window


def check_seeds_stored(store: Store) -> None:
    """The seeded names and numbers are all in the store the app goes on with."""
    people = [store.people.get(summary.id) for summary in store.people.list()]
    typed = " ".join(
        " ".join([p.given_name, p.family_name, p.native_name, p.alternate_name, p.notes])
        for p in people
    )
    assert all(name in typed for name in SEEDED_NAMES), typed
    numbers = {p.alternate_phone for p in people} | {c.value for p in people for c in p.contacts}
    assert len(numbers - {""}) == len(SEEDED_PHONES), numbers


def lock_and_unlock(window: MainWindow, steps: list[str]) -> MainWindow:
    """Lock with the app's locker and unlock on its lock screen; without a lock module,
    close the store (what locking does to it)."""
    try:
        from companion.ui.session import lock as locking
    except ImportError:
        window.store.close()
        steps.append("no lock module: the store was closed instead")
        return window
    store = window.store
    locker = locking.locker_for(window)
    locker.lock()
    _settle()
    assert locker.is_locked and store.closed
    screen = locker.lock_screen
    assert screen is not None
    steps.append("locked")
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock()
    _settle()
    window = _main_window()
    assert not window.store.closed
    steps.append("unlocked again")
    return window


def close_everything(window: MainWindow) -> None:
    window.close()  # the automatic backup on close
    _settle()
    close_open_stores()
    # Tear the widgets down while Qt still runs, as the app's own exit does.
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _settle()


def run_session(folder: Path, steps: list[str]) -> None:
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder.parent / "qsettings")
    )
    create_application([sys.argv[0]])
    startup_language("en")

    store = set_up_and_unlock(folder)
    steps.append("unlocked")
    hearing_id, first, second = add_records(store)
    steps.append("records added")
    window = MainWindow(store)
    window.show()
    _settle()
    add_person_through_the_dialog(window)
    window.open_person(first)
    window.refresh_views()
    window.actions_.show_agenda.trigger()
    steps.append("person added through the dialog; pages opened")
    count = walk_through_languages(window)
    steps.append(f"switched through {count} languages")
    render_packets(store, hearing_id, (first, second), folder.parent / "packets")
    steps.append("packets rendered")
    window = back_up_and_restore(window)
    steps.append("backed up and restored")
    check_seeds_stored(window.store)
    steps.append("seeded names and numbers stored")
    window = lock_and_unlock(window, steps)
    close_everything(window)
    steps.append("closed")


def main() -> int:
    folder, report = Path(sys.argv[1]), Path(sys.argv[2])
    if os.environ.get("COMPANION_LOG_DIR"):
        from companion.logs import configure_logging

        configure_logging(logging.DEBUG)
    steps: list[str] = []
    error = ""
    try:
        run_session(folder, steps)
    except Exception as failure:  # reported to the parent test, which fails on it
        error = "".join(traceback.format_exception(failure))
    report.write_text(
        json.dumps(
            {
                "network_calls": network_calls,
                "inet_sockets_open": _inet_sockets_open(),
                "steps": steps,
                "error": error,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    logging.shutdown()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # The report and the logs are written and flushed. Skip interpreter finalization:
    # with the pinned PySide6 on Python 3.11, Qt calls that return None leak references
    # to None, and finalization can then abort (none_dealloc) after a language walk.
    # That defect is not what this session checks.
    os._exit(code)
