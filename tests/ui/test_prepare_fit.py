"""Prepare mode on a 1366x768 laptop: every row of the lists known before the meeting shows whole
(each as tall as its wrapped text, the lists sharing the column by their rows), and the roster's
roles are not cut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from facilitator import board
from facilitator.model import HeldBy, MeetingId
from tests.ui.test_prepare_keys import preparing
from ui.main_window import MainWindow

CONCERNS = [
    ("Staff think the parents will ask for a private placement", True),
    ("Jordan is not getting the reading support in the IEP (parents' letter, Nov 2)", False),
    ("Homework takes 3 hours a night", True),
]
NON_NEGOTIABLES = [
    ("Services are delivered in the least restrictive environment", "IDEA 34 CFR 300.114", False),
    ("Jordan keeps his 1:1 reading intervention", "Private evaluation, Oct 2026", False),
    ("No more than 2 pull-out sessions per week (staffing)", "Staffing at Lincoln MS", True),
]
OPTIONS = [
    ("Wilson reading 4x/week with the reading specialist", False),
    ("Assistive tech: text-to-speech for homework", False),
    ("Fallback: offer ESY reading if budget allows", True),
]


def whole_rows(view: QTableView) -> bool:
    """Every row as tall as its text, and inside the list's visible part."""
    bottom = view.viewport().height()
    return all(
        view.rowHeight(row) >= view.sizeHintForRow(row)
        and view.rowViewportPosition(row) + view.rowHeight(row) <= bottom
        for row in range(view.model().rowCount())
    )


def test_at_1366x768_every_row_known_before_the_meeting_shows_whole(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    """The third non-negotiable was cut in the middle of its last line (the three lists had a
    third of the column each, the concerns' with room to spare), worse with the save-as-template
    line open above the page."""
    ws = window.session.ws
    for text, team_only in CONCERNS:
        board.add_concern(ws, meeting_id=planned, text=text, team_only=team_only)
    for text, basis, team_only in NON_NEGOTIABLES:
        board.add_non_negotiable(
            ws, meeting_id=planned, text=text, held_by=HeldBy.SCHOOL, basis=basis,
            team_only=team_only,
        )  # fmt: skip
    for text, team_only in OPTIONS:
        board.add_solution(ws, meeting_id=planned, text=text, team_only=team_only)
    w = preparing(window, planned, qtbot)
    assert (w.width(), w.height()) == (1366, 768)
    w.prepare.save_template()  # the line above the page takes some of the height
    known = w.prepare.view.preloaded
    views = (known.concerns, known.non_negotiables, known.options)
    qtbot.waitUntil(lambda: all(whole_rows(view) for view in views))
    # Larger text and back (the page's alone: the window keeps its size, as a maximized one
    # does): the scroll bars the lists needed at the larger size go again, rather than keep
    # the rows measured at the width they left.
    page = w.prepare.view
    normal = page.font()
    larger = QFont(normal)
    larger.setPointSizeF(normal.pointSizeF() * 1.5)
    page.setFont(larger)
    page.fit_to_font()
    qtbot.waitUntil(lambda: any(view.verticalScrollBar().isVisible() for view in views))
    page.setFont(normal)
    page.fit_to_font()
    qtbot.waitUntil(lambda: all(whole_rows(view) for view in views))


def test_the_roster_shows_each_role_whole_and_a_cut_name_has_a_tooltip(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    """ "Special education te…": names and roles shared the spare width."""
    w = preparing(window, planned, qtbot)
    roster = w.prepare.view.roster
    view, model = roster.view, roster.model
    qtbot.waitUntil(lambda: view.columnWidth(model.ROLE) >= view.sizeHintForColumn(model.ROLE))
    name = model.index(0, model.NAME)
    tooltip = model.data(name, Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Ana Rodríguez"  # should the column cut the name
