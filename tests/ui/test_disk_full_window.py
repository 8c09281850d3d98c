"""A full disk in the window: the action is refused visibly (a red banner, in words, that stays
until an action is recorded again), nothing stored is lost, the meeting goes on once there is room.

The disk "fills up" through SQLite's `PRAGMA max_page_count` on the session's own connection.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator import live
from facilitator.errors import WorkspaceError
from facilitator.integrity import verify
from facilitator.model import MeetingId
from tests.ui.keys import CTRL, SHIFT, press
from ui.main_window import MainWindow
from ui.notice import Tone

LONG = "The family asked for more reading support at home, written out at some length. " * 12
ROOM = 1_073_741_823  # SQLite's largest max_page_count: space is back


def concerns(window: MainWindow) -> int:
    return int(window.session.ws.scalar("SELECT count(*) FROM concerns"))


def add_concern(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Ctrl+Shift+C, the words, Enter: as the facilitator does it."""
    press(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    field = window.concerns.quick_add.field
    assert field.hasFocus()
    field.setText(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.fixture
def full(qtbot: QtBot, meeting_window: MainWindow) -> tuple[MainWindow, int]:
    """The live meeting on a disk that fills up after a few concerns; returns how many got in."""
    window = meeting_window
    qtbot.waitUntil(window.isActiveWindow)  # activation is an event; fixtures run before it
    press(qtbot, window, Qt.Key.Key_1)  # Ana speaks: the meeting is live
    conn = window.session.ws.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0] + 6}")
    for n in range(200):
        add_concern(qtbot, window, f"{n}: {LONG}")
        if window.refusal.isVisible():
            return window, n
    raise AssertionError("the disk never filled up")


def test_a_refused_action_shows_a_red_banner_in_words(full: tuple[MainWindow, int]) -> None:
    window, recorded = full
    assert recorded > 0
    assert window.refusal.tone is Tone.REFUSED
    text = window.refusal.text()
    assert text.startswith("✖ Not recorded: the disk is full")  # words, not colour alone
    assert "\n" not in text
    assert "#b00020" in window.refusal.styleSheet()
    # The words typed are still in the field, ready to go in once there is room.
    assert window.concerns.quick_add.field.text().startswith(f"{recorded}: ")


def test_nothing_stored_is_lost_and_speaker_keys_are_refused_alike(
    qtbot: QtBot, full: tuple[MainWindow, int], planned: MeetingId
) -> None:
    window, recorded = full
    ws = window.session.ws
    turns = ws.scalar("SELECT count(*) FROM speaking_turns")
    window.speakers.focus_tracker()
    pressed = 0
    for key in [Qt.Key.Key_3, Qt.Key.Key_4] * 50:  # small writes fit a while longer, then not
        before = live.current_speaker_id(ws, planned)
        press(qtbot, window, key)
        if window.refusal.isVisible():
            assert live.current_speaker_id(ws, planned) == before  # refused: nothing changed
            break
        pressed += 1
    else:
        raise AssertionError("a speaker switch was never refused")
    assert ws.scalar("SELECT count(*) FROM speaking_turns") == turns + pressed
    window.session.keep_alive()  # the heartbeat on a full disk: at most one line, never a crash
    assert concerns(window) == recorded
    assert verify(ws).ok
    assert window.session.is_live()


def test_work_goes_on_once_there_is_room_again(qtbot: QtBot, full: tuple[MainWindow, int]) -> None:
    window, recorded = full
    window.session.ws.conn.execute(f"PRAGMA max_page_count = {ROOM}")
    field = window.concerns.quick_add.field
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the refused concern, still in the field
    assert concerns(window) == recorded + 1
    assert not window.refusal.isVisible()  # the banner stays only until something is recorded
    assert field.text() == ""


def test_the_banner_can_be_dismissed(qtbot: QtBot, full: tuple[MainWindow, int]) -> None:
    window, _ = full
    qtbot.mouseClick(window.refusal.dismiss, Qt.MouseButton.LeftButton)
    assert not window.refusal.isVisible()


def test_a_heartbeat_that_cannot_be_written_is_one_line(
    meeting_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(ws: object, *, meeting_id: int) -> None:
        raise WorkspaceError(
            "not recorded: the heartbeat could not be written (database or disk is full)"
        )

    live.start_meeting(
        meeting_window.session.ws, meeting_id=meeting_window.session.require_meeting()
    )
    monkeypatch.setattr(live, "mark_alive", full_disk)
    meeting_window.session.keep_alive()
    message = meeting_window.statusBar().currentMessage()
    assert message.startswith("⚠ could not note that the meeting is still recording: not recorded")
