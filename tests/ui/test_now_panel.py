"""The Now panel says in words when the meeting is paused, and how the pause ends."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator import live
from facilitator.clock import FakeClock
from facilitator.model import MeetingId
from tests.ui.keys import CTRL, SHIFT, press
from ui.main_window import MainWindow

K = Qt.Key


def test_a_pause_shows_paused_in_words_until_someone_has_the_floor(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId, clock: FakeClock
) -> None:
    """Pausing for silence showed only "Speaker (nobody now)" on the concerns board."""
    w, ws = meeting_window, meeting_window.session.ws
    timer = w.timer
    press(qtbot, w, K.Key_1)  # Ana speaks: the meeting starts
    clock.advance(seconds=30)
    assert timer.floor.text() == ""
    press(qtbot, w, K.Key_Space, CTRL)
    assert live.current_speaker_id(ws, planned) is None
    assert timer.floor.text() == "‖ Paused"
    assert timer.floor.isVisible()
    assert "speaker's key" in timer.pause.toolTip()  # the way back, where the button is
    assert timer.status.text() == "● LIVE"  # the meeting clock runs on
    clock.advance(seconds=20)
    press(qtbot, w, K.Key_2)  # Luis speaks: the pause is over
    assert live.current_speaker_id(ws, planned) is not None
    assert timer.floor.text() == ""
    press(qtbot, w, K.Key_Z, CTRL)  # back to the pause
    assert timer.floor.text() == "‖ Paused"
    press(qtbot, w, K.Key_Space)  # the tracker has the keyboard: Space pauses too
    assert timer.floor.text() == "‖ Paused"


def test_paused_shows_only_in_a_live_meeting_where_someone_has_spoken(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    """Before the first speaker nobody paused anything; after the end nothing is paused."""
    w = meeting_window
    press(qtbot, w, K.Key_S, CTRL | SHIFT)  # start, nobody speaking yet
    assert w.session.is_live()
    assert w.timer.floor.text() == ""
    press(qtbot, w, K.Key_3)
    press(qtbot, w, K.Key_Space, CTRL)
    assert w.timer.floor.text() == "‖ Paused"
    press(qtbot, w, K.Key_E, CTRL | SHIFT)  # end the meeting
    assert w.timer.status.text() == "■ Ended"
    assert w.timer.floor.text() == ""


def test_a_pause_does_not_move_the_rest_of_the_panel(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    w = meeting_window
    for scale in (100, 150):
        w.settings.update(font_scale=scale)
        qtbot.waitUntil(lambda: w.timer.font().pointSizeF() == w.font().pointSizeF())
        press(qtbot, w, K.Key_1)
        layout = w.timer.layout()
        assert layout is not None
        layout.activate()
        where = w.timer.item.geometry()
        press(qtbot, w, K.Key_Space, CTRL)
        layout.activate()
        assert w.timer.item.geometry() == where
        floor = w.timer.floor
        assert floor.width() >= floor.sizeHint().width()  # "Paused" whole, not cut off


def test_live_and_paused_are_bold_at_the_text_size_of_the_panel(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    """A style sheet made "LIVE" bold: it kept the size it first had, small beside larger text."""
    w = meeting_window
    press(qtbot, w, K.Key_1)
    press(qtbot, w, K.Key_Space, CTRL)
    for scale in (150, 100, 200):
        w.settings.update(font_scale=scale)
        size = w.font().pointSizeF()
        qtbot.waitUntil(lambda s=size: w.timer.font().pointSizeF() == s)
        for label in (w.timer.status, w.timer.floor):
            assert label.font().bold()
            assert label.font().pointSizeF() == size, (label.accessibleName(), scale)
            qtbot.waitUntil(lambda a=label: a.width() >= a.sizeHint().width())  # whole


def test_after_a_click_on_next_item_space_pauses_and_does_not_move_on_again(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    """A clicked button kept the keyboard, so Space, the pause key, pressed it again: the agenda
    moved on twice and the speaker kept the floor (so did Lower hand, dropping the next hand)."""
    w, ws = meeting_window, meeting_window.session.ws
    press(qtbot, w, K.Key_1)  # Ana speaks: the meeting starts on item 1
    first = live.current_item_id(ws, planned)
    qtbot.mouseClick(w.timer.next, Qt.MouseButton.LeftButton)
    second = live.current_item_id(ws, planned)
    assert second != first
    press(qtbot, w, K.Key_Space)
    assert live.current_item_id(ws, planned) == second
    assert live.current_speaker_id(ws, planned) is None
    for button in (w.timer.next, w.timer.pause, w.speakers.lower_button):
        assert button.focusPolicy() == Qt.FocusPolicy.TabFocus  # Tab still reaches them
