"""Where the keyboard is can always be seen (WCAG 2.4.7): every list and table, empty ones too,
is framed in the text colour while it has it, and focus the window puts somewhere itself is
drawn as focus reached with Tab is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot

from facilitator.model import MeetingId
from tests.ui.keys import CTRL
from ui.main_window import MainWindow
from ui.style import contrast

LEAST = 3.0  # WCAG 1.4.11: a focus indicator against what is next to it


def frame_colour(view: QAbstractScrollArea) -> QColor:
    """The colour of the view's frame, half way down its left edge."""
    image: QImage = view.grab().toImage()
    return image.pixelColor(0, image.height() // 2)


def around(view: QWidget) -> QColor:
    return view.palette().color(QPalette.ColorRole.Window)


def test_every_list_and_table_shows_when_it_has_the_keyboard_empty_or_not(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    """An empty list (the hands, the non-negotiables, the agreements, an empty column of the
    board) showed no focus at all, and the tracker's current cell was framed at 1.75:1."""
    w = meeting_window
    views: list[QAbstractScrollArea] = [
        w.speakers.table, w.speakers.hands, *w.non_negotiables.views.values(),
        w.agreements.view, *w.concerns.views, w.agenda.view, w.solutions.view,
    ]  # fmt: skip
    for view in views:
        view.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(view.hasFocus)
        focused = frame_colour(view)
        assert contrast(focused, around(view)) >= LEAST, view.accessibleName()
        assert contrast(focused, view.palette().color(QPalette.ColorRole.Base)) >= LEAST
        w.timer.next.setFocus(Qt.FocusReason.TabFocusReason)  # the keyboard elsewhere
        qtbot.waitUntil(lambda v=view: not v.hasFocus())
        assert frame_colour(view) != focused, view.accessibleName()


def test_the_backups_list_shows_when_it_has_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.backups.checked, timeout=10_000):
        window.backups_action.trigger()
    table = window.backups.table
    assert table.model().rowCount() == 0  # nothing to draw a current row on
    qtbot.waitUntil(window.backups.isActiveWindow)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    assert contrast(frame_colour(table), around(table)) >= LEAST


def test_focus_the_window_puts_somewhere_is_drawn_at_once(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    """After Ctrl+E the keyboard is on "Save as…", but Qt drew it as focused only once Tab had
    been pressed in the window."""
    window.open_meeting(planned)
    window.prepare.show_run()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_E, CTRL)
    save = window.export.save
    qtbot.waitUntil(save.hasFocus)
    focused = save.grab().toImage()
    window.export.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: not save.hasFocus())
    assert save.grab().toImage() != focused
