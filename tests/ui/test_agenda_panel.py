"""The agenda keeps the current item in sight as the meeting moves through it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.clock import FakeClock
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import MeetingId, Role
from facilitator.store import Workspace
from tests.ui.conftest import in_run_mode, planned_meeting
from tests.ui.keys import ALT, press
from ui.main_window import MainWindow

# Eleven items, several long enough to wrap: more than the agenda panel shows at once.
AGENDA = [
    NewAgendaItem(title, minutes)
    for title, minutes in [
        ("Welcome, purpose and the facilitator's role", 5),
        ("Introductions and one strength of the student", 8),
        ("Desired outcomes, agenda, end time and ground rules", 5),
        ("Family's hopes and concerns", 15),
        ("Present levels: evaluation results", 15),
        ("Progress on current goals", 10),
        ("Proposed annual goals and how progress is measured", 15),
        ("Services, supports and placement (LRE, ESY)", 20),
        ("Transition to middle school", 10),
        ("Confirm agreements and the action plan", 10),
        ("Next steps and debrief", 5),
    ]
]


@pytest.fixture
def long_agenda(fresh_ws: Workspace) -> MeetingId:
    return planned_meeting(
        fresh_ws,
        case="Maya R., grade 5",
        participants=[NewParticipant("Ana Rodríguez", Role.PARENT)],
        agenda=AGENDA,
    )


@pytest.fixture
def w(window: MainWindow, long_agenda: MeetingId) -> MainWindow:
    return in_run_mode(window, long_agenda)


def current_item_in_sight(w: MainWindow) -> bool:
    view, model = w.agenda.view, w.agenda.model
    rows = [n for n, row in enumerate(model.rows()) if row["current"]]
    assert len(rows) == 1
    shown = view.visualRect(model.index(rows[0], 0))
    return shown.isValid() and view.viewport().rect().contains(shown)


def test_the_agenda_scrolls_to_the_current_item_as_the_meeting_moves_on(
    qtbot: QtBot, w: MainWindow, clock: FakeClock
) -> None:
    """Alt+Right to item 11 of 11 left the current item out of sight below the panel."""
    view = w.agenda.view
    press(qtbot, w, Qt.Key.Key_Right, ALT)  # starts the meeting and its first item
    for number in range(2, len(AGENDA) + 1):
        clock.advance(minutes=1)
        press(qtbot, w, Qt.Key.Key_Right, ALT)
        assert w.agenda.model.rows()[number - 1]["current"]
        assert current_item_in_sight(w), number
    assert view.verticalScrollBar().value() > 0  # the panel is too short for all eleven
    press(qtbot, w, Qt.Key.Key_Left, ALT)
    assert current_item_in_sight(w)
    first = w.agenda.model.id_at(0)
    assert first is not None
    w.live.jump_to(first)  # as a double-click on it does
    assert w.agenda.model.rows()[0]["current"]
    assert current_item_in_sight(w)
    assert view.verticalScrollBar().value() == 0


def test_the_clock_ticking_leaves_the_agenda_where_the_facilitator_scrolled_it(
    qtbot: QtBot, w: MainWindow, clock: FakeClock
) -> None:
    """Looking back at earlier items is allowed: only a move of the meeting scrolls the agenda."""
    for _ in range(len(AGENDA)):
        press(qtbot, w, Qt.Key.Key_Right, ALT)
        clock.advance(minutes=1)  # each item covered: it shows how long it took
    bar = w.agenda.view.verticalScrollBar()
    assert bar.value() > 0
    bar.setValue(0)
    clock.advance(seconds=1)
    w.session.tick.emit()
    assert bar.value() == 0
    press(qtbot, w, Qt.Key.Key_Left, ALT)
    assert current_item_in_sight(w)


def test_the_current_item_stays_in_sight_when_the_text_grows_or_the_panel_shrinks(
    qtbot: QtBot, w: MainWindow
) -> None:
    for _ in range(len(AGENDA)):
        press(qtbot, w, Qt.Key.Key_Right, ALT)
    assert current_item_in_sight(w)
    w.settings.update(font_scale=150)
    qtbot.waitUntil(lambda: w.agenda.view.font().pointSizeF() == w.font().pointSizeF())
    qtbot.waitUntil(lambda: current_item_in_sight(w))
    w.resizeDocks([w.docks["agenda"]], [w.docks["agenda"].height() // 2], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: current_item_in_sight(w))
