"""Work that must not block the meeting (exports, backups, checks), run on a worker thread.

A job is a plain function called on a worker thread; it must open its own `Workspace` (read-only:
`Workspace.open(path, read_only=True)`), since an SQLite connection belongs to the thread that made
it and the window's connection stays on the window's thread. Its result, or its failure as one
line, is delivered back on the window's thread.
"""

from __future__ import annotations

import sqlite3
import sys
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from facilitator.errors import FacilitatorError

Job = Callable[[], Any]


class Task(QObject):
    """One job's outcome, announced on the thread that started it.

    Signals:
        done(object): the job returned this.
        failed(str): the job could not be done; one line to show.
        finished(): after either.
    """

    done = Signal(object)
    failed = Signal(str)
    finished = Signal()
    _landed = Signal(bool, object)  # emitted on the worker thread, delivered on ours (queued)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._landed.connect(self._deliver)

    def run(self, job: Job) -> None:
        """Called on the worker thread."""
        try:
            result = job()
        except FacilitatorError as error:
            self._landed.emit(False, str(error))
        except (OSError, sqlite3.Error) as error:
            text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self._landed.emit(False, text or type(error).__name__)
        except Exception as error:  # a bug: say so in one line, and keep the trace for a report
            traceback.print_exc(file=sys.stderr)
            self._landed.emit(False, f"unexpected error ({type(error).__name__}: {error})")
        else:
            self._landed.emit(True, result)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        if ok:
            self.done.emit(value)
        else:
            self.failed.emit(str(value))
        self.finished.emit()
        self.deleteLater()


class Background(QObject):
    """Runs jobs one after another on a worker thread of its own, so a slow one never stalls
    the window and two jobs of one kind (two backups) never overlap. Emits no signals itself:
    each `run()` returns a `Task` that does."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending: set[Task] = set()

    def run(self, job: Job) -> Task:
        task = Task(self)
        self._pending.add(task)
        task.finished.connect(lambda: self._pending.discard(task))
        self._pool.start(lambda: task.run(job))
        return task

    def busy(self) -> bool:
        """Whether a job is queued, running, or has a result not yet delivered."""
        return bool(self._pending)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every queued job has run (their results are delivered afterwards, by the
        event loop). Only for moments when nothing else happens: quitting, restoring a backup."""
        return self._pool.waitForDone(msecs)
