"""Fixtures for the window: settings in a temp folder, a planned meeting, the real MainWindow.

Every test here fails on any Qt warning (qt_log_level_fail), so sloppy widget code cannot hide.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator import meetings
from facilitator.clock import FakeClock, format_timestamp
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import CaseId, MeetingId, MeetingKind, Role
from facilitator.store import Workspace
from ui.app import paint_on_this_thread
from ui.main_window import MainWindow
from ui.qt_compat import build_enums_faster, keep_none_alive, skip_feature_imports
from ui.session import Session
from ui.settings import SettingsStore
from ui.style import use_style

# PySide6 6.12 on CPython 3.11 leaks references to None (see ui/qt_compat.py); as the app does.
keep_none_alive()
build_enums_faster()  # as the app does: the enums PySide builds from here on take the fast path
skip_feature_imports()  # as the app does
paint_on_this_thread()  # as the app does

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            # The offscreen platform says this about every top-level window; it is no fault of ours.
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture(autouse=True, scope="session")
def _the_apps_style(qapp: QApplication) -> None:
    use_style(qapp)  # as the app does


@pytest.fixture(autouse=True)
def _settings_in_temp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Any QSettings made without a file (the app's default) lands in a temp folder too."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, folder)
        QSettings.setPath(QSettings.Format.NativeFormat, scope, folder)


@pytest.fixture
def owner(qapp: QApplication) -> Iterator[QObject]:
    """Parents models for the whole test, the model tester's cleanup included."""
    parent = QObject()
    yield parent
    parent.deleteLater()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def settings(settings_file: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(settings_file), QSettings.Format.IniFormat))


PEOPLE = [
    NewParticipant("Ana Rodríguez", Role.PARENT),  # key 1, family
    NewParticipant("Luis Rodríguez", Role.PARENT),  # key 2, family
    NewParticipant("Priya Natarajan", Role.SPECIAL_ED_TEACHER),  # key 3, school
    NewParticipant("Marcus Lee", Role.DISTRICT_REPRESENTATIVE),  # key 4, school
    NewParticipant("Sam Rivera", Role.FACILITATOR),  # key 5, neutral
]
AGENDA = [
    NewAgendaItem("Welcome and purpose", 5),
    NewAgendaItem("Family's hopes and concerns", 15),
    NewAgendaItem("Services and supports", 20),
    NewAgendaItem("Action plan", 10),
]


def planned_meeting(
    ws: Workspace,
    *,
    case: str,
    participants: list[NewParticipant],
    agenda: list[NewAgendaItem],
    planned_end: str | None = None,
) -> MeetingId:
    """A planned facilitated IEP meeting, "Annual IEP meeting", in a new case."""
    case_id = CaseId(meetings.create_case(ws, label=case).created_id or 0)
    change = meetings.create_meeting(
        ws,
        case_id=case_id,
        kind=MeetingKind.FACILITATED_IEP,
        title="Annual IEP meeting",
        planned_end=planned_end,
        participants=participants,
        agenda=agenda,
    )
    return MeetingId(change.created_id or 0)


@pytest.fixture
def planned(fresh_ws: Workspace, clock: FakeClock) -> MeetingId:
    """A planned facilitated IEP meeting with five people and four agenda items."""
    return planned_meeting(
        fresh_ws,
        case="Maya R., grade 4",
        participants=PEOPLE,
        agenda=AGENDA,
        planned_end=format_timestamp(clock.now() + timedelta(minutes=50)),
    )


def people(ws: Workspace, meeting_id: int) -> dict[str, int]:
    """Participant ids by first name."""
    return {
        r["name"].split()[0]: r["id"]
        for r in ws.rows("SELECT id, name FROM participants WHERE meeting_id = ?", (meeting_id,))
    }


def make_window(qtbot: QtBot, ws: Workspace, settings: SettingsStore) -> MainWindow:
    session = Session(ws)
    window = MainWindow(session, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    return window


@pytest.fixture
def window(qtbot: QtBot, fresh_ws: Workspace, settings: SettingsStore) -> Iterator[MainWindow]:
    """The real main window on the fresh workspace, shown, with no meeting open yet."""
    win = make_window(qtbot, fresh_ws, settings)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.projector.hide()


def in_run_mode(window: MainWindow, meeting_id: MeetingId) -> MainWindow:
    """The window showing the meeting in run mode, the speaker tracker focused."""
    window.open_meeting(meeting_id)
    window.prepare.show_run()  # a planned meeting opens in prepare mode
    window.activateWindow()
    window.speakers.focus_tracker()
    return window


@pytest.fixture
def meeting_window(window: MainWindow, planned: MeetingId) -> MainWindow:
    """The window showing the planned meeting in run mode, the speaker tracker focused."""
    return in_run_mode(window, planned)
