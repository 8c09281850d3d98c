"""File > Open the sample meeting opens the sample the workspace holds; it adds one only if none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator import deletion
from facilitator.demo import SAMPLE_CASE_LABEL
from facilitator.store import Workspace
from ui.main_window import MainWindow


def sample_cases(ws: Workspace) -> list[int]:
    return [r["id"] for r in ws.rows("SELECT id FROM cases WHERE label = ?", (SAMPLE_CASE_LABEL,))]


def click_open_the_sample(qtbot: QtBot, w: MainWindow) -> None:
    w.show_picker()  # File > Open meeting, or what an empty workspace shows
    picker = w.later.picker
    qtbot.waitUntil(picker.sample.isVisible)
    qtbot.mouseClick(picker.sample, Qt.MouseButton.LeftButton)


def test_opening_the_sample_twice_opens_the_same_meeting(qtbot: QtBot, window: MainWindow) -> None:
    """Each click added another copy of the sample case."""
    w, ws = window, window.session.ws
    click_open_the_sample(qtbot, w)
    opened = w.session.meeting_id
    assert opened is not None
    assert len(sample_cases(ws)) == 1
    click_open_the_sample(qtbot, w)
    assert w.session.meeting_id == opened
    w.sample_action.trigger()
    assert w.session.meeting_id == opened
    assert len(sample_cases(ws)) == 1
    assert ws.scalar("SELECT count(*) FROM meetings") == 2  # its dialogue and its IEP meeting


def test_a_deleted_sample_is_made_again(qtbot: QtBot, window: MainWindow) -> None:
    w, ws = window, window.session.ws
    click_open_the_sample(qtbot, w)
    [first_case] = sample_cases(ws)
    w.open_meeting(None)
    deletion.delete_case(ws, first_case)
    assert sample_cases(ws) == []
    click_open_the_sample(qtbot, w)
    [again] = sample_cases(ws)
    assert again != first_case
    opened = w.session.meeting_id
    assert opened is not None
    assert ws.scalar("SELECT case_id FROM meetings WHERE id = ?", (opened,)) == again


def test_between_the_panels_the_meeting_list_shows_the_day_first(
    qtbot: QtBot, window: MainWindow
) -> None:
    """File > Open meeting during a meeting showed the case, the title and the kind, with the
    day scrolled out of sight: two "Annual IEP meeting"s of one case could not be told apart."""
    from ui.docks import default_sizes
    from ui.models.meetings import KIND, WHEN

    w = window
    click_open_the_sample(qtbot, w)  # a meeting is open: the side panels stay beside the list
    default_sizes(w, w.docks)
    w.show_picker()
    listed = w.later.picker.list
    qtbot.waitUntil(listed.isVisible)
    header = listed.horizontalHeader()
    assert header.visualIndex(WHEN) == 0
    assert header.visualIndex(KIND) == header.count() - 1
    day = header.sectionViewportPosition(WHEN)
    assert day >= 0 and day + header.sectionSize(WHEN) <= listed.viewport().width()
