"""Opening the window: the application, the workspace, the meeting, the event loop."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from facilitator.errors import WorkspaceError
from facilitator.lock import WorkspaceLock
from facilitator.model import MeetingId
from facilitator.record import last_meeting_id
from facilitator.store import Workspace

APP_NAME = "Facilitator"


def run_window(db_path: Path, meeting_id: int | None) -> int:
    """Open the window on `meeting_id` (else the meeting last worked on, else the empty state)
    and run until it closes. Anything that keeps the window from opening (a workspace that cannot
    be opened or is open elsewhere, no display) is one line on stderr and exit code 1."""
    try:
        ws = Workspace.open(db_path)
    except WorkspaceError as error:
        return _fail(str(error))
    lock = WorkspaceLock(ws.path)
    try:
        lock.acquire(program="the Facilitator window")
        chosen = MeetingId(meeting_id) if meeting_id is not None else last_meeting_id(ws)
        if chosen is not None and ws.row("SELECT id FROM meetings WHERE id = ?", (chosen,)) is None:
            return _fail(f"meeting {chosen} does not exist in {db_path}")
        missing = _missing_display()
        if missing:
            return _fail(missing)
        return _show(ws, chosen)
    except WorkspaceError as error:
        return _fail(str(error))
    finally:
        lock.release()
        ws.close()


def _show(ws: Workspace, meeting_id: MeetingId | None) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.qt_compat import keep_none_alive
    from ui.session import Session
    from ui.settings import SettingsStore

    keep_none_alive()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    settings = SettingsStore(
        QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, "window")
    )
    session = Session(ws)
    window = MainWindow(session, settings)
    window.open_meeting(meeting_id)
    if settings.current.geometry:
        window.show()
    else:
        window.showMaximized()
    session.start_clock()
    return int(app.exec())


def _missing_display() -> str:
    """Why no window can be shown here, or '' (Qt itself would abort with a core dump)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set)"


def _fail(message: str) -> int:
    print(f"facilitator: {message}", file=sys.stderr)
    return 1
