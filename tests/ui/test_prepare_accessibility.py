"""Prepare mode, the new-meeting form and the case view: every control is named and Tab reaches
every one of them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenuBar, QWidget
from pytestqt.qtbot import QtBot

from facilitator import meetings
from facilitator.model import CaseId, MeetingId
from tests.ui.test_accessibility import controls, describe
from ui.main_window import MainWindow


def tab_through(qtbot: QtBot, window: MainWindow, root: QWidget) -> list[str]:
    """The controls under `root` that Tab never reaches."""
    wanted = {
        w
        for w in controls(window)
        if w.isEnabled()
        and root.isAncestorOf(w)
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(w, QMenuBar)
    }
    reached: set[QWidget] = set()
    for _ in range(len(controls(window)) * 2 + 10):
        focus = QApplication.focusWidget()
        assert focus is not None
        reached.add(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    return sorted(describe(w) for w in wanted - reached)


def test_prepare_mode_names_every_control_and_tab_reaches_them(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    case_id = CaseId(window.session.ws.scalar("SELECT case_id FROM meetings"))
    meetings.create_meeting(
        window.session.ws, case_id=case_id, kind="resolution", title="Resolution"
    )  # the case has a resolution meeting: the complaint date is asked for too
    window.open_meeting(planned)
    window.activateWindow()
    window.prepare.save_template()  # the save-as-template line, open
    view = window.prepare.view
    assert view.case.complaint_row.isVisible()
    assert [describe(w) for w in controls(window) if not w.accessibleName()] == []
    view.focus_first()
    assert tab_through(qtbot, window, view) == []


def test_the_new_meeting_form_names_every_control_and_tab_reaches_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.open_meeting(None)
    window.activateWindow()
    window.new_meeting()
    form = window.prepare.form
    assert [describe(w) for w in controls(window) if not w.accessibleName()] == []
    assert tab_through(qtbot, window, form) == []


def test_the_case_dock_in_run_mode_names_every_control(
    window: MainWindow, planned: MeetingId
) -> None:
    window.open_meeting(planned)
    window.prepare.show_run()
    window.docks["case"].show()
    window.docks["case"].raise_()
    assert window.case.isVisible()
    assert [describe(w) for w in controls(window) if not w.accessibleName()] == []
