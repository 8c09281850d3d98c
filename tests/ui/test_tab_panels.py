"""Panels behind a tab (action items, notes, case, settings) are made when first shown or asked
for, and then hold what the store holds, wired like every other panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator import board
from facilitator.model import MeetingId
from tests.ui.keys import CTRL, press
from tests.ui.test_accessibility import controls, describe
from ui.main_window import MainWindow

TABBED = ("actions", "notes", "case", "settings")


def test_panels_behind_tabs_are_not_made_until_their_tab_shows(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    assert [name for name in TABBED if w.tab_panels.made(name) is not None] == []
    board.add_note(w.session.ws, meeting_id=planned, text="Bring the OT report")
    w.docks["notes"].raise_()
    qtbot.waitUntil(lambda: w.tab_panels.made("notes") is not None)
    assert w.docks["notes"].widget() is w.notes
    assert w.notes.isVisible()
    texts = [w.notes.model.index(r, 0).data() for r in range(w.notes.model.rowCount())]
    assert texts == ["[Team only] Bring the OT report"]  # notes are team-only unless shared


def test_a_panel_made_late_follows_later_changes_and_meetings(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    assert w.tab_panels.made("notes") is None
    notes = w.notes  # made on request, while its tab is still behind another
    assert notes.model.rowCount() == 0
    ws = w.session.ws
    w.session.run("Add note", lambda: board.add_note(ws, meeting_id=planned, text="Call Friday"))
    assert notes.model.rowCount() == 1
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert notes.model.rowCount() == 0
    w.open_meeting(None)
    assert not notes.isEnabled()


def test_quick_add_reaches_a_panel_that_was_never_shown(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    press(qtbot, w, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)  # new action item
    qtbot.waitUntil(lambda: w.actions_panel.quick_add.field.hasFocus())
    qtbot.keyClicks(w.actions_panel.quick_add.field, "Send the draft IEP")
    qtbot.keyClick(w.actions_panel.quick_add.field, Qt.Key.Key_Return)
    texts = [r["text"] for r in w.session.ws.rows("SELECT text FROM action_items")]
    assert texts == ["Send the draft IEP"]


def test_every_control_behind_a_tab_has_an_accessible_name(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    w = meeting_window
    for name in TABBED:
        w.docks[name].show()
        w.docks[name].raise_()
        qtbot.waitUntil(lambda n=name: w.tab_panels.made(n) is not None)
        panel = w.tab_panels.panel(name)
        qtbot.waitUntil(panel.isVisible)
        found = [c for c in controls(w) if panel.isAncestorOf(c)]
        assert found, f"the {name} panel has controls to check"
        assert [describe(c) for c in found if not c.accessibleName()] == []
