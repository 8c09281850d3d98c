"""Opening the window: the application, the workspace, the meeting, the event loop."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import threading

    from PySide6.QtWidgets import QApplication

    from facilitator.model import MeetingId
    from ui.main_window import MainWindow
    from ui.session import Session
    from ui.settings import SettingsStore
    from ui.startup import Opened

APP_NAME = "Facilitator"
TEST_SCRIPT = "FACILITATOR_TEST_SCRIPT"
"""Drives the real window from a child process in tests (tests/ui/test_kill_window.py):
"switch N" presses N speaker keys, printing "ack <event id> <kind>" once each is on disk."""


def run_window(db_path: Path, meeting_id: int | None) -> int:
    """Open the window on `meeting_id` (else the meeting last worked on, else the empty state)
    and run until it closes. Anything that keeps the window from opening (a workspace that cannot
    be opened or is open elsewhere and not wanted read-only, no display) is one line on stderr and
    exit code 1. A damaged workspace is set aside and the window says so (see `ui.startup`)."""
    missing = _missing_display()
    if missing:
        return _fail(missing)
    paint_on_this_thread()
    read_font_configuration_meanwhile()
    gc.disable()  # start-up makes what the window keeps for good: collecting it is wasted time
    try:
        return _open_and_show(Path(db_path), meeting_id)
    finally:
        gc.enable()


def paint_on_this_thread() -> None:
    """Keep Qt's painting on the window's own thread. Qt (6.11) splits any fill taller than 96
    pixel rows with a gradient or a translucent colour among the threads of its GUI pool, and
    waits for them: each of Fusion's tall scroll bars is some 50 such fills, 1.8 ms to paint one
    600 pixels high, against 0.2 ms on one thread. The pool helps with large images, which this
    window does not draw. Qt reads the variable when it first needs the pool (the first paint),
    and any value, even 0 or empty, switches the pool off: there is no turning it back on."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def read_font_configuration_meanwhile() -> threading.Thread | None:
    """Have fontconfig read its configuration on another core while this one loads Qt and
    builds the window. The first text the window measures would wait for it otherwise: parsing
    the XML of /etc/fonts, about 8 ms on a Debian machine (a window without text never pays it).
    Qt asks fontconfig for the same configuration later and finds it loaded (fontconfig loads it
    once per process, safely from any thread). Through `ctypes`, which lets go of Python's lock
    during the call: a Qt call in a Python thread keeps it, and the threads would take turns.
    Returns the thread, or None where there is no fontconfig (macOS, Windows: nothing to do)."""
    import threading

    try:
        import ctypes

        load = ctypes.CDLL("libfontconfig.so.1").FcInit
    except (ImportError, OSError, AttributeError):  # a Python without ctypes, too
        return None
    thread = threading.Thread(target=load, name="font configuration", daemon=True)
    thread.start()
    return thread


def _open_and_show(db_path: Path, meeting_id: int | None) -> int:
    app, settings = _application()
    # Imported after `_application` has told PySide not to read every later module's source.
    from facilitator.errors import WorkspaceError
    from facilitator.model import MeetingId
    from facilitator.record import last_meeting_id
    from ui.startup import ask_read_only, open_workspace

    try:
        opened = open_workspace(db_path, ask_read_only=ask_read_only)
    except WorkspaceError as error:
        return _fail(str(error))
    try:
        ws = opened.ws
        if opened.damage is not None:
            chosen = None  # the fresh workspace holds no meeting yet
        elif meeting_id is not None:
            chosen = MeetingId(meeting_id)
            if ws.row("SELECT id FROM meetings WHERE id = ?", (chosen,)) is None:
                return _fail(f"meeting {chosen} does not exist in {db_path}")
        else:
            chosen = last_meeting_id(ws)
        return _show(app, settings, opened, chosen)
    except WorkspaceError as error:
        return _fail(str(error))
    finally:
        opened.close()


def _application() -> tuple[QApplication, SettingsStore]:
    from ui.qt_compat import build_enums_faster, keep_none_alive, skip_feature_imports
    from ui.support_code import compiled_once

    build_enums_faster()  # before PySide builds any enum
    with compiled_once(_support_cache()):  # PySide's own code, compiled at its first import
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

    skip_feature_imports()  # before any other module loads: PySide would read each one's source
    keep_none_alive()
    from ui.settings import SettingsStore
    from ui.style import use_style

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    use_style(app)
    settings = SettingsStore(
        QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, "window")
    )
    return app, settings


def _support_cache() -> Path | None:
    """Where PySide's compiled support code is kept (`ui.support_code`); None, and compiled as
    before, when no cache folder can be found (no home folder, say)."""
    from facilitator.errors import FacilitatorError
    from facilitator.paths import cache_dir
    from ui.support_code import CACHE_NAME

    try:
        return cache_dir() / CACHE_NAME
    except (FacilitatorError, RuntimeError, KeyError, OSError):  # RuntimeError: platformdirs'
        return None


def _show(
    app: QApplication, settings: SettingsStore, opened: Opened, meeting_id: MeetingId | None
) -> int:
    from ui.main_window import MainWindow
    from ui.session import Session
    from ui.startup import announce

    session = Session(opened.ws, lock=opened.lock)
    window = MainWindow(session, settings)
    window.open_meeting(meeting_id)
    announce(window, opened)
    if settings.current.geometry:
        window.show()
    else:
        # Fill the screen even where no window manager honours "maximized" (kiosk set-ups, Xvfb).
        screen = window.screen()
        if screen is not None:
            window.setGeometry(screen.availableGeometry())
        window.showMaximized()
        if not settings.current.window_state:
            from PySide6.QtCore import QTimer

            from ui.docks import default_sizes

            QTimer.singleShot(0, lambda: default_sizes(window, window.docks))
    gc.freeze()  # and later collections skip it: a full one took ~20 ms, a dropped frame
    gc.enable()
    session.start_clock()
    script = os.environ.get(TEST_SCRIPT)
    if script:
        _drive_for_tests(window, session, script)
    try:
        return int(app.exec())
    finally:
        from ui.background import Background

        for jobs in window.findChildren(Background):
            jobs.wait()  # an export or backup in flight finishes before the file is closed
        opened.ws = session.ws  # a restore may have reopened it,
        opened.lock = session.lock  # and a read-only window taken it over (`Session.record_here`)


def _drive_for_tests(window: MainWindow, session: Session, script: str) -> None:
    """See `TEST_SCRIPT`: the window's own speaker actions, triggered one per event-loop turn."""
    from PySide6.QtCore import QTimer

    verb, _, count = script.partition(" ")
    if verb != "switch" or not count.isdigit():
        raise SystemExit(f"{TEST_SCRIPT}: unknown script {script!r}")
    remaining = int(count)

    def acknowledge(change: object) -> None:
        print("ack", getattr(change, "event_id", 0), getattr(change, "kind", ""), flush=True)

    def press() -> None:
        nonlocal remaining
        keys = [a for a in window.speaker_keys.actions() if a.objectName().startswith("speaker:")]
        if remaining <= 0 or not keys:
            timer.stop()
            return
        keys[remaining % len(keys)].trigger()
        remaining -= 1

    session.changed.connect(acknowledge)
    timer = QTimer(window)
    timer.setInterval(1)
    timer.timeout.connect(press)
    timer.start()
    print("ready", flush=True)


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
