"""Tab follows the order the window reads in, column by column: the clock across the top, the
agenda and the non-negotiables, the board and the options, the speakers and the agreements."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow


def panel_of(window: MainWindow, widget: QWidget) -> str:
    for name, panel in (
        ("Now", window.timer), ("Agenda", window.agenda),
        ("Non-negotiables", window.non_negotiables), ("Concerns", window.concerns),
        ("Options", window.solutions), ("Speakers", window.speakers),
        ("Agreements", window.agreements),
    ):  # fmt: skip
        if panel.isAncestorOf(widget):
            return name
    return type(widget).__name__


def test_tab_goes_through_the_panels_in_reading_order(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    """Tab went from the speakers to the board, the clock's buttons, and the agenda last."""
    w = meeting_window
    w.timer.previous.setFocus(Qt.FocusReason.TabFocusReason)
    panels: list[str] = []
    for _ in range(80):
        focus = QApplication.focusWidget()
        assert focus is not None
        name = panel_of(w, focus)
        if not panels or panels[-1] != name:
            panels.append(name)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    expected = [
        "Now", "Agenda", "Non-negotiables", "Concerns", "Options", "Speakers", "Agreements",
        "QTabBar",  # the tabs behind the agreements, under them
    ]  # fmt: skip
    assert panels[: 2 * len(expected)] == expected * 2  # and round again from the top
