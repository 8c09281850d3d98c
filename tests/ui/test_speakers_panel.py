"""The speaker tracker keeps whoever has the floor in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from facilitator.clock import FakeClock
from tests.ui.keys import press
from ui.main_window import MainWindow

K = Qt.Key


def in_view(table: QTableView, row: int) -> bool:
    top = table.rowViewportPosition(row)
    return top >= 0 and top + table.rowHeight(row) <= table.viewport().height()


def test_the_speakers_row_comes_into_view_when_they_get_the_floor(
    qtbot: QtBot, meeting_window: MainWindow, clock: FakeClock
) -> None:
    """At 200% the tracker showed three people; "5" made the fifth the speaker, out of sight.
    Scrolled by hand, it stays where it was put until the next speaker (a tick does not move
    it)."""
    w = meeting_window
    table = w.speakers.table
    w.settings.update(font_scale=200)
    table.setFixedHeight(table.minimumHeight())  # a short panel: two or three people in view
    qtbot.waitUntil(lambda: table.height() == table.minimumHeight())
    assert not in_view(table, 4)
    press(qtbot, w, K.Key_5)
    assert w.speakers.model.rows()[4]["speaking"]
    assert in_view(table, 4)
    table.scrollToTop()  # the facilitator looks at the others
    clock.advance(seconds=5)
    w.session.tick.emit()
    assert not in_view(table, 4)
    press(qtbot, w, K.Key_1)
    assert in_view(table, 0)
    press(qtbot, w, K.Key_4)
    assert in_view(table, 3)


def test_a_talk_time_past_an_hour_is_shown_whole(
    qtbot: QtBot, meeting_window: MainWindow, clock: FakeClock
) -> None:
    """Someone who spoke two and a half hours read "2:30…" in a 1366-pixel window."""
    w = meeting_window
    table = w.speakers.table
    press(qtbot, w, K.Key_1)
    clock.advance(minutes=150)
    w.session.tick.emit()
    model = w.speakers.model
    time = model.index(0, 3)
    text = model.data(time)
    assert text == "2:30:00"
    bold = QFont(table.font())
    bold.setBold(True)
    assert QFontMetrics(bold).horizontalAdvance(text) + 6 <= table.columnWidth(3)


def test_ctrl_h_then_alt_and_a_key_raises_that_hand(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    """Alt+key always means a person (it works while typing); after Ctrl+H it was swallowed."""
    from facilitator import live
    from tests.ui.conftest import people

    w = meeting_window
    ws, meeting_id = w.session.ws, w.session.require_meeting()
    priya = people(ws, meeting_id)["Priya"]
    w.activateWindow()
    press(qtbot, w, K.Key_H, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, w, K.Key_3, Qt.KeyboardModifier.AltModifier)
    assert live.hand_queue(ws, meeting_id) == [priya]
    press(qtbot, w, K.Key_H, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, w, K.Key_3)
    assert live.hand_queue(ws, meeting_id) == []  # the plain key lowers it, as before
