"""Ctrl+Z and Ctrl+Shift+Z through the one undo stack (`ui.undo.UndoKeys`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator import board
from facilitator.model import MeetingId
from ui.main_window import MainWindow


def test_the_keys_name_their_step_and_say_what_they_did(
    meeting_window: MainWindow, planned: MeetingId
) -> None:
    w, undo, redo = meeting_window, meeting_window.act["undo"], meeting_window.act["redo"]
    assert not undo.isEnabled() and not redo.isEnabled()
    w.session.run(
        "Add concern", lambda: board.add_concern(w.session.ws, meeting_id=planned, text="Bus")
    )
    assert undo.isEnabled() and undo.text() == "Undo Add concern"
    undo.trigger()
    assert w.session.ws.scalar("SELECT count(*) FROM concerns") == 0
    assert w.statusBar().currentMessage() == "Undone: Add concern"
    assert not undo.isEnabled() and redo.text() == "Redo Add concern"
    redo.trigger()
    assert w.session.ws.scalar("SELECT count(*) FROM concerns") == 1
    assert w.statusBar().currentMessage() == "Redone: Add concern"
    assert redo.text() == "Redo" and not redo.isEnabled()


def test_ctrl_z_right_after_an_add_undoes_the_add_not_the_typing(
    meeting_window: MainWindow, planned: MeetingId, qtbot: QtBot
) -> None:
    """The add line keeps no typing history once its text was added: Ctrl+Z there would bring
    the words back into the field (a second Enter adds them twice) instead of undoing the add."""
    w = meeting_window
    field = w.concerns.quick_add.field
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "Wrong concern")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.session.ws.scalar("SELECT count(*) FROM concerns") == 1
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == ""
    assert w.session.ws.scalar("SELECT count(*) FROM concerns") == 0
    assert w.statusBar().currentMessage() == "Undone: Add concern"
