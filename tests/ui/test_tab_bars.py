"""Tab never stops on a tab bar that shows nothing: one with no tabs, hidden or off-screen, which
Qt keeps for tabbed panels that are put away (prepare mode, the new-meeting form)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from facilitator.model import MeetingId
from facilitator.store import Workspace
from tests.ui.conftest import make_window
from ui.main_window import MainWindow
from ui.settings import SettingsStore


def on_screen(widget: QWidget) -> bool:
    window = widget.window()
    at = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().intersects(QRect(at, widget.size()))


def tab_stops(qtbot: QtBot, window: MainWindow, presses: int = 60) -> list[QWidget]:
    stops = []
    for _ in range(presses):
        focus = QApplication.focusWidget()
        assert focus is not None
        stops.append(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    return stops


def blank_bars(stops: list[QWidget]) -> list[str]:
    return [
        f"{bar.accessibleName()} at {bar.mapTo(bar.window(), bar.rect().topLeft())}"
        for bar in stops
        if isinstance(bar, QTabBar) and (bar.count() == 0 or not on_screen(bar))
    ]


@pytest.mark.parametrize("page", ["prepare mode", "new meeting form", "after cancel"])
def test_tab_never_stops_on_a_blank_tab_bar_when_a_planned_meeting_opens_before_the_window(
    qtbot: QtBot, fresh_ws: Workspace, settings: SettingsStore, planned: MeetingId, page: str
) -> None:
    """The window opened on a planned meeting (prepare mode) before it first showed: Qt emptied
    the dock tab bar as the window showed, quietly, and Tab stopped on it at (-600, -530)."""
    w = make_window(qtbot, fresh_ws, settings)
    w.open_meeting(planned)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    if page != "prepare mode":
        w.new_meeting()
    if page == "after cancel":
        qtbot.mouseClick(w.prepare.form.cancel, Qt.MouseButton.LeftButton)
        assert w.pages.currentWidget() is w.prepare.view
    assert blank_bars(tab_stops(qtbot, w)) == []


def test_tab_still_reaches_the_tabs_of_the_panels_in_run_mode(
    qtbot: QtBot, fresh_ws: Workspace, settings: SettingsStore, planned: MeetingId
) -> None:
    w = make_window(qtbot, fresh_ws, settings)
    w.open_meeting(planned)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.prepare.show_run()
    w.speakers.focus_tracker()
    stops = tab_stops(qtbot, w, 120)
    assert blank_bars(stops) == []
    assert any(isinstance(stop, QTabBar) and stop.count() for stop in stops)


def test_a_blank_tab_bar_that_tab_reaches_anyway_passes_the_keyboard_on(
    qtbot: QtBot, fresh_ws: Workspace, settings: SettingsStore, planned: MeetingId
) -> None:
    """Should Qt make a blank bar a Tab stop again without a word, Tab goes on past it, both
    ways."""
    w = make_window(qtbot, fresh_ws, settings)
    w.open_meeting(planned)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    bars = w.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
    blank = [bar for bar in bars if bar.count() == 0 or not on_screen(bar)]
    assert blank
    for bar in blank:
        bar.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    assert blank_bars(tab_stops(qtbot, w)) == []
    stops = []
    for _ in range(60):
        focus = QApplication.focusWidget()
        assert focus is not None
        stops.append(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert blank_bars(stops) == []
