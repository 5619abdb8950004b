"""Slow work (rendering PDFs) off the interface thread, reported back through signals.

The work is a plain function; it may report progress through the callback it is given,
and must never touch a widget. Its result or its exception comes back on the interface
thread, through ``BackgroundJob.signals``.

Jobs run one at a time, in the order they were started, on a pool of their own: the PDF
engine keeps shared font state, so two renders never run at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Work = Callable[[Progress], Any]

_pool: QThreadPool | None = None
# Jobs started and not yet reported: kept here so a job outlives the window that started it.
_running: set[BackgroundJob] = set()


def job_pool() -> QThreadPool:
    """The one-thread pool jobs run on (owned by the application, which waits for it)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool(QCoreApplication.instance())
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)
    return _pool


def unfinished_jobs() -> int:
    """Jobs started whose result has not yet been delivered."""
    return len(_running)


class JobSignals(QObject):
    """Emitted from the worker thread; delivered to receivers on the interface thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class BackgroundJob(QRunnable):
    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)  # kept in ``_running`` until its result has arrived
        self._work = work
        self.signals = JobSignals()

    def run(self) -> None:
        try:
            result = self._work(self.signals.progressed.emit)
        except Exception as error:  # handed to the interface thread, which decides
            log.debug("background job failed: %s", type(error).__name__)
            self.signals.failed.emit(error)
            return
        self.signals.succeeded.emit(result)


def start_job(
    work: Work,
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
    on_progress: Progress | None = None,
) -> BackgroundJob:
    """Run ``work`` on the job pool; the callbacks run on the interface thread.

    The callbacks may belong to a window closed in the meantime: they should check
    that it still exists before touching it.
    """
    job = BackgroundJob(work)
    _running.add(job)

    def finished(_outcome: object) -> None:
        # After the callbacks queued with this one have run.
        QTimer.singleShot(0, lambda: _running.discard(job))

    job.signals.succeeded.connect(finished)
    job.signals.failed.connect(finished)
    job.signals.succeeded.connect(on_success)
    job.signals.failed.connect(on_failure)
    if on_progress is not None:
        job.signals.progressed.connect(on_progress)
    job_pool().start(job)
    return job
