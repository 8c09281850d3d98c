"""Prepare mode: a whole meeting prepared from the keyboard alone, checked against the store; and
the mode's rules (a planned meeting opens in it, nothing there starts the meeting by accident)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator import meetings
from facilitator.demo import create_demo
from facilitator.model import CaseId, MeetingId
from facilitator.preparation import meeting_from_template
from facilitator.store import Workspace
from facilitator.templates import find_template
from tests.ui.conftest import make_window
from tests.ui.keys import CTRL, SHIFT, press, type_text
from ui.main_window import BOARD_PAGE, MainWindow
from ui.marks import ON_TIME, OVERRUN
from ui.settings import SettingsStore

K = Qt.Key


def agenda(window: MainWindow) -> list[tuple[str, int]]:
    return [
        (r["title"], r["planned_minutes"])
        for r in window.session.ws.rows(
            "SELECT title, planned_minutes FROM agenda_items WHERE meeting_id = ?"
            " ORDER BY position",
            (window.session.meeting_id,),
        )
    ]


def test_a_whole_meeting_is_prepared_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    w.open_meeting(None)  # an empty workspace
    w.activateWindow()

    # File > New meeting: choose a template, name the case and the meeting, Enter creates it.
    press(qtbot, w, K.Key_N, CTRL)
    form = w.prepare.form
    assert w.pages.currentWidget() is form and form.template.hasFocus()
    type_text(qtbot, w, "Pre")  # a drop-down jumps to the item its label starts with
    assert form.template.currentData() == "pre_iep_dialogue"
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "Maya R., grade 4")
    press(qtbot, w, K.Key_Tab)  # the kind follows the template
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "Pre-IEP dialogue for Maya")
    press(qtbot, w, K.Key_Return)
    meeting = w.session.meeting()
    assert meeting is not None and meeting["status"] == "planned"
    assert (meeting["title"], meeting["kind"], meeting["template"]) == (
        "Pre-IEP dialogue for Maya", "pre_iep_dialogue", "pre_iep_dialogue",
    )  # fmt: skip
    assert meeting["makes_decisions"] == 0
    ws = w.session.ws
    assert ws.scalar("SELECT label FROM cases WHERE id = ?", (meeting["case_id"],)) == (
        "Maya R., grade 4"
    )
    assert w.prepare.preparing and w.pages.currentWidget() is w.prepare.view
    assert not any(dock.isVisible() for dock in w.docks.values())

    # Three participants: name, Tab to the role (Down picks the next one), Enter adds.
    roster = w.prepare.view.roster
    assert roster.new.name.hasFocus()
    type_text(qtbot, w, "Ana Rodriguez")
    press(qtbot, w, K.Key_Tab)
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "Spanish")
    press(qtbot, w, K.Key_Return)
    type_text(qtbot, w, "Priya Natarajan")
    press(qtbot, w, K.Key_Tab)
    for _ in range(3):  # parent -> student -> general ed -> special ed teacher
        press(qtbot, w, K.Key_Down)
    press(qtbot, w, K.Key_Return)
    press(qtbot, w, K.Key_R, CTRL | SHIFT)  # Ctrl+Shift+R: back to a new participant's name
    type_text(qtbot, w, "Marcus Lee")
    press(qtbot, w, K.Key_Tab)
    press(qtbot, w, K.Key_Down)  # district representative
    press(qtbot, w, K.Key_Return)
    people = ws.rows(
        "SELECT name, role, side, hotkey, language FROM participants WHERE meeting_id = ?"
        " ORDER BY position",
        (meeting["id"],),
    )
    assert [tuple(p.values()) for p in people] == [
        ("Ana Rodriguez", "parent", "family", "1", "Spanish"),
        ("Priya Natarajan", "special_ed_teacher", "school", "2", ""),
        ("Marcus Lee", "district_representative", "school", "3", ""),
    ]
    assert roster.model.rowCount() == 3

    # The agenda: Ctrl+Shift+A, Shift+Tab to the items, Ctrl+Down moves one, F2 edits a time box.
    before = agenda(w)
    press(qtbot, w, K.Key_A, CTRL | SHIFT)
    assert w.prepare.view.agenda.new_title.hasFocus()
    press(qtbot, w, K.Key_Backtab, SHIFT)
    view = w.prepare.view.agenda.view
    assert view.hasFocus() and view.currentIndex().row() == 0
    press(qtbot, w, K.Key_Down)
    press(qtbot, w, K.Key_Down, CTRL)
    moved = [before[0], before[2], before[1], *before[3:]]
    assert agenda(w) == moved
    assert view.currentIndex().row() == 2  # the keyboard stays on the moved item
    press(qtbot, w, K.Key_Right)
    press(qtbot, w, K.Key_Right)
    press(qtbot, w, K.Key_F2)
    type_text(qtbot, w, "25")
    press(qtbot, w, K.Key_Return)  # the table commits the edit on the next turn of the loop
    qtbot.waitUntil(lambda: agenda(w)[2] == (before[1][0], 25))
    fit = w.prepare.view.agenda.fit.text()
    total = sum(minutes for _, minutes in agenda(w))
    assert f"Agenda {total} min" in fit

    # A concern from the parents' letter, and the school's team-only non-negotiable; where the
    # box is ticked, the view says plainly what team-only does and does not do.
    assert w.prepare.view.preloaded.note.text() == (
        "Team-only keeps this out of the parents' copy of the minutes and off the projector. It is"
        " not a promise of secrecy: parents may ask to see school records (FERPA, 34 CFR 99.3;"
        " IDEA 34 CFR 300.613)."
    )
    assert w.prepare.view.preloaded.note.isVisible()
    press(qtbot, w, K.Key_C, CTRL | SHIFT)
    type_text(qtbot, w, "Reading support was cut without telling us")
    press(qtbot, w, K.Key_Return)
    press(qtbot, w, K.Key_B, CTRL | SHIFT)
    type_text(qtbot, w, "No private-school placement")
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "Board policy 6.4")
    press(qtbot, w, K.Key_Tab)  # held by: the school
    press(qtbot, w, K.Key_Tab)
    press(qtbot, w, K.Key_Space)  # team only
    press(qtbot, w, K.Key_Tab)
    press(qtbot, w, K.Key_Space)  # Add
    concerns = ws.rows("SELECT text, team_only, status FROM concerns")
    assert concerns == [
        {"text": "Reading support was cut without telling us", "team_only": 0, "status": "raised"}
    ]
    held = ws.rows("SELECT text, basis, held_by, team_only FROM non_negotiables")
    assert held == [
        {"text": "No private-school placement", "basis": "Board policy 6.4",
         "held_by": "school", "team_only": 1},
    ]  # fmt: skip

    # Start: the meeting is live and the window is in run mode, the tracker under the keyboard.
    press(qtbot, w, K.Key_S, CTRL | SHIFT)
    meeting = w.session.meeting()
    assert meeting is not None and meeting["status"] == "live"
    assert not w.prepare.preparing and w.pages.currentIndex() == BOARD_PAGE
    assert w.docks["speakers"].isVisible()
    assert QApplication.focusWidget() is w.speakers.table
    press(qtbot, w, K.Key_2)  # the speaker keys work again: Priya speaks
    assert ws.scalar("SELECT count(*) FROM speaking_turns") == 1


def test_a_planned_meeting_opens_in_prepare_mode_and_keys_there_never_start_it(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = window
    w.open_meeting(planned)
    w.activateWindow()
    assert w.prepare.preparing and w.pages.currentWidget() is w.prepare.view
    view = w.prepare.view.agenda.view
    view.setFocus()
    for key in (K.Key_1, K.Key_Space, K.Key_PageDown):  # a speaker key, pause, next item
        press(qtbot, w, key)
    assert w.session.meeting()["status"] == "planned"  # type: ignore[index]
    assert w.session.ws.scalar("SELECT count(*) FROM speaking_turns") == 0
    press(qtbot, w, K.Key_P, CTRL | SHIFT)  # run mode, still planned: the tracker is there
    assert not w.prepare.preparing and w.docks["speakers"].isVisible()
    press(qtbot, w, K.Key_P, CTRL | SHIFT)  # and back
    assert w.prepare.preparing and not w.docks["speakers"].isVisible()
    w.open_meeting(planned)  # the same meeting again keeps its mode
    assert w.prepare.preparing


def test_run_mode_fits_the_window_after_a_first_start_in_prepare_mode(
    qtbot: QtBot, fresh_ws: Workspace, settings: SettingsStore, planned: MeetingId
) -> None:
    """As the app starts: the meeting opens (in prepare mode) before the window first shows, and
    no layout is saved yet. Run mode then gets the default layout, sized for this window; before,
    the panels came back with sizes for a window of Qt's default size, and prepare mode's columns
    still asked for room, so the window grew past the right edge of a 1366-pixel screen."""
    w = make_window(qtbot, fresh_ws, settings)  # 1366x768, not shown yet
    w.open_meeting(planned)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    assert w.prepare.preparing
    press(qtbot, w, K.Key_P, CTRL | SHIFT)  # run mode
    assert not w.prepare.preparing
    qtbot.waitUntil(lambda: w.docks["speakers"].width() >= 500)  # the default share of the screen
    assert w.width() == 1366 and w.minimumSizeHint().width() <= 1366
    for name in ("timer", "agenda", "speakers", "non_negotiables", "solutions", "agreements"):
        dock = w.docks[name]
        assert dock.isVisible() and w.rect().contains(dock.geometry()), name
    w.close()
    assert settings.current.window_state  # the layout seen on screen is kept for next time


def test_prepare_mode_is_for_before_the_meeting_starts(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    w = meeting_window
    press(qtbot, w, K.Key_1)  # the first speaker starts the meeting, in run mode
    assert w.session.meeting()["status"] == "live"  # type: ignore[index]
    press(qtbot, w, K.Key_P, CTRL | SHIFT)
    assert not w.prepare.preparing
    assert "prepare mode is for before it starts" in w.statusBar().currentMessage()


def test_the_start_button_starts_and_switches_to_run_mode(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = window
    w.open_meeting(planned)
    qtbot.mouseClick(w.prepare.view.start, Qt.MouseButton.LeftButton)
    assert w.session.meeting()["status"] == "live"  # type: ignore[index]
    assert not w.prepare.preparing and w.docks["timer"].isVisible()
    press(qtbot, w, K.Key_Z, CTRL)  # undo the start: planned again, still in run mode
    assert w.session.meeting()["status"] == "planned"  # type: ignore[index]
    assert not w.prepare.preparing


def test_the_new_meeting_form_refuses_what_the_record_cannot_hold(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = window
    w.open_meeting(planned)
    w.new_meeting()
    form = w.prepare.form
    meetings_before = w.session.ws.scalar("SELECT count(*) FROM meetings")
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)  # no case named
    assert "The case" in w.statusBar().currentMessage()
    qtbot.keyClicks(form.case_text, "Maya R., grade 4")  # the planned meeting's case
    start = form.start.dateTime()
    assert start is not None
    form.end.setTime(start.time().addSecs(-60))
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    assert "the planned end must come after the start" in w.statusBar().currentMessage()
    assert w.session.ws.scalar("SELECT count(*) FROM meetings") == meetings_before
    qtbot.mouseClick(form.cancel, Qt.MouseButton.LeftButton)  # back to the meeting, as it was
    assert w.session.meeting_id == planned and w.pages.currentWidget() is w.prepare.view
    w.new_meeting()
    qtbot.keyClicks(form.case_text, "Maya R., grade 4")
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    case_ids = {r["case_id"] for r in w.session.ws.rows("SELECT case_id FROM meetings")}
    assert len(case_ids) == 1  # the existing case, chosen by its label


def test_the_agenda_says_in_words_and_colour_when_it_does_not_fit(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = window
    w.open_meeting(planned)
    editor = w.prepare.view.agenda
    assert (
        editor.fit.text()
        == "Agenda 50 min. Set the start and the planned end to see whether it fits."
    )
    details = w.prepare.view.details
    details.start.setFocus()
    details.start.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(14, 0)))
    qtbot.keyClick(details.start, K.Key_Return)
    details.end.setFocus()
    details.end.setTime(QTime(14, 45))
    qtbot.keyClick(details.end, K.Key_Return)
    assert editor.fit.text().startswith(
        "⚠ Agenda 50 min, 45 min available (14:00–14:45): 5 min too long."
    )
    assert OVERRUN.name() in editor.fit.styleSheet()
    # Moving the start keeps the meeting's length; the items' start times follow.
    details.start.setFocus()
    details.start.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(13, 0)))
    qtbot.keyClick(details.start, K.Key_Return)
    assert details.end.time() == QTime(13, 45)
    model = editor.model
    assert [model.data(model.index(r, model.STARTS)) for r in range(4)] == [
        "13:00", "13:05", "13:20", "13:40",
    ]  # fmt: skip
    view = editor.view
    view.setFocus()
    view.setCurrentIndex(model.index(3, model.TITLE))
    press(qtbot, w, K.Key_Delete)  # the 10-minute action plan goes: it fits now
    assert (
        editor.fit.text()
        == "✓ Agenda 40 min, 45 min available (13:00–13:45): fits, 5 min to spare."
    )
    assert ON_TIME.name() in editor.fit.styleSheet()
    details.end.setFocus()
    details.end.setTime(QTime(12, 0))
    qtbot.keyClick(details.end, K.Key_Return)
    assert "the planned end must come after the start (13:00)" in w.statusBar().currentMessage()
    assert details.end.time() == QTime(13, 45)  # the field shows the store again


def test_prepare_mode_fits_a_1366_pixel_screen_at_the_largest_text(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    """Its longer headings and notes wrap at large text rather than widen their columns (it
    needed 1,534 pixels at 200%)."""
    w = window
    w.open_meeting(planned)
    w.settings.update(font_scale=200)
    qtbot.waitUntil(lambda: w.prepare.view.font().pointSizeF() > w.font().pointSizeF() / 2)
    layout = w.layout()
    assert layout is not None
    layout.activate()
    assert w.minimumSizeHint().width() <= 1366 - 16  # a window manager's frame, both sides
    assert w.minimumSizeHint().height() <= 768 - 60  # its title bar, and a panel or task bar


@pytest.mark.parametrize("scale", [150, 200])
def test_preparing_a_meeting_with_a_case_history_fits_the_screen_at_large_text(
    qtbot: QtBot, fresh_ws: Workspace, settings: SettingsStore, scale: int
) -> None:
    """The sample case's next meeting, with a long title, open action items, parked concerns
    and a complaint's deadlines: at 200% the window grew to 1,584 x 899 pixels, past a
    1366x768 screen, and at 150% the case's notes were squeezed to a line each and cut off.
    The meeting and its case now scroll in their column, each note as tall as its text."""
    create_demo(fresh_ws)
    case_id = CaseId(fresh_ws.scalar("SELECT id FROM cases ORDER BY id DESC LIMIT 1"))
    meetings.set_complaint_received(
        fresh_ws, case_id=case_id, on=fresh_ws.clock.now().date() - dt.timedelta(days=8)
    )
    meeting = MeetingId(
        meeting_from_template(
            fresh_ws, case_id=case_id, template=find_template("resolution_meeting"),
            title="Resolution meeting: reading services and transport",
        ).created_id
        or 0
    )  # fmt: skip
    settings.update(font_scale=scale)
    w = make_window(qtbot, fresh_ws, settings)
    w.open_meeting(meeting)
    w.show()
    qtbot.waitExposed(w)
    case = w.prepare.view.case
    qtbot.waitUntil(lambda: any(label.isVisible() for label in case.deadlines))
    layout = w.layout()
    assert layout is not None
    layout.activate()
    assert w.minimumSizeHint().width() <= 1366 - 16  # a window manager's frame, both sides
    assert w.minimumSizeHint().height() <= 768 - 60  # its title bar, and a panel or task bar
    notes = [label for label in case.deadlines if label.isVisible()]
    assert all(label.height() >= label.heightForWidth(label.width()) for label in notes)
    assert case.carry.isVisible() and case.carry.width() >= case.carry.sizeHint().width()
    title = w.prepare.view.details.title  # longer than its field: the start shows, not the end
    assert title.text().startswith("Resolution meeting") and title.cursorPosition() == 0


def test_a_meeting_is_marked_the_teams_only_while_preparing_and_undone_with_ctrl_z(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = window
    w.open_meeting(planned)
    details = w.prepare.view.details
    assert not details.team_only.isChecked() and details.team_only.isEnabled()
    assert details.team_only.isVisible(), details.team_only.geometry()
    details.team_only.click()
    team_only = "SELECT team_only FROM meetings WHERE id = ?"
    assert w.session.ws.scalar(team_only, (planned,)) == 1
    assert w.windowTitle().startswith("Facilitator - [Team only] ")
    w.act["undo"].trigger()
    assert w.session.ws.scalar(team_only, (planned,)) == 0
    assert not details.team_only.isChecked()
    meetings.update_meeting(w.session.ws, meeting_id=planned, kind="internal_review")
    details.reload()
    assert details.team_only.isChecked() and not details.team_only.isEnabled()
