"""``make screenshots``: every window and dialog of the gallery, in every shipped language.

    python -m companion.ui.dev.screenshots [--out FOLDER] [--languages es,ar] [--only about,trash]

Writes ``<FOLDER>/<language tag>/<entry name>.png`` (default folder
``build/screenshots``) from a fictional demo office made in a temporary folder, with Qt
offscreen, and prints the folder. For translators and reviewers: each screen is opened
afresh after switching the interface language, as staff would see it.

Nothing of the user's is touched: Qt's preferences (the remembered language, window
sizes) go to the temporary folder too, and it is removed at the end.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PNG = "PNG"
DEFAULT_FOLDER = Path("build") / "screenshots"
#: How long to wait for a screen's ``ready_signal`` (a packet preview renders in a worker).
READY_TIMEOUT_MS = 60_000
#: After that signal, time for views that draw in the background (QtPdf renders the
#: preview's pages in worker threads, and says nothing when they are drawn).
SETTLE_MS = 1_500

log = logging.getLogger(__name__)


@dataclass
class Report:
    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    not_ready: list[str] = field(default_factory=list)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m companion.ui.dev.screenshots",
        description="Render every window and dialog in every shipped language to PNG files.",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_FOLDER, help=f"folder (default {DEFAULT_FOLDER})"
    )
    parser.add_argument("--languages", default="", help="comma-separated tags (default: all)")
    parser.add_argument("--only", default="", help="comma-separated gallery entry names")
    return parser.parse_args(argv)


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def run_events(timeout_ms: int, signal: Any = None) -> bool:
    """Run the event loop until ``signal`` fires or ``timeout_ms`` pass; True if it fired."""
    from PySide6.QtCore import QEventLoop, QTimer

    fired: list[bool] = []
    loop = QEventLoop()

    def done(*_args: object) -> None:
        fired.append(True)
        loop.quit()

    if signal is not None:
        signal.connect(done)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    loop.exec()
    timer.stop()
    if signal is not None:
        signal.disconnect(done)
    return bool(fired)


def wait_until_ready(widget: object, signal_name: str | None) -> bool:
    """For a screen that draws in the background: wait for its ``signal_name``, then let
    the views draw. True at once for the others."""
    if signal_name is None:
        return True
    fired = run_events(READY_TIMEOUT_MS, getattr(widget, signal_name))
    run_events(SETTLE_MS)
    return fired


def _quiet_offscreen(kind: object, context: object, message: str) -> None:
    """Qt's messages on stderr, less the offscreen platform's note that it cannot size
    windows to their hints (true of every window, and harmless for a screenshot)."""
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def render(
    out: Path, languages: Sequence[str] = (), only: Sequence[str] = (), work: Path | None = None
) -> Report:
    """Write the screenshots under ``out``; ``work`` is a scratch folder (made if None)."""
    if work is None:
        with tempfile.TemporaryDirectory(prefix="court-companion-screenshots-") as scratch:
            return render(out, languages, only, Path(scratch))

    from PySide6.QtCore import QEvent, QSettings, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from companion.demo import DEMO_PASSPHRASE, create_demo_office
    from companion.i18n.languages import LANGUAGES
    from companion.ui.dev import gallery
    from companion.ui.shell.app import create_application
    from companion.ui.shell.language import switch_language

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qInstallMessageHandler(_quiet_offscreen)
    app = create_application([sys.argv[0]])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "qt"))
    tags = list(languages) or [language.tag for language in LANGUAGES]
    chosen = [entry for entry in gallery.entries() if not only or entry.name in only]
    report = Report(out)
    report.skipped = [entry.name for entry in chosen if not entry.is_available()]
    store = create_demo_office(work / "office", DEMO_PASSPHRASE)
    try:
        gallery.prepare_demo_office(store)
        for tag in tags:
            language = switch_language(tag)
            folder = out / language.tag
            folder.mkdir(parents=True, exist_ok=True)
            for entry in chosen:
                if entry.name in report.skipped:
                    continue
                widget = entry.build(store, None)
                widget.show()
                if not wait_until_ready(widget, entry.ready_signal):
                    report.not_ready.append(f"{language.tag}/{entry.name}")
                app.processEvents()
                target = folder / f"{entry.name}.png"
                if not widget.grab().save(str(target), PNG):
                    raise OSError(f"could not write {target}")
                report.written.append(target)
                widget.hide()
                widget.deleteLater()
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        switch_language("en")
        store.close()
        QApplication.processEvents()
    return report


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parse(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    out = arguments.out.resolve()
    report = render(out, _names(arguments.languages), _names(arguments.only))
    for name in report.skipped:
        print(f"skipped {name}: its module does not exist yet")
    for name in report.not_ready:
        print(f"{name}: still rendering when captured")
    print(f"{len(report.written)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
