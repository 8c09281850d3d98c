"""Ctrl+Z and Ctrl+Shift+Z through the one undo stack (`ui.undo.UndoKeys`)."""

from __future__ import annotations

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
