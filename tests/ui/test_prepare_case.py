"""The case view: a case's meetings in order, what earlier meetings left open (carried over in one
click), and the resolution deadlines counted with the district's holidays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from facilitator import board, meetings
from facilitator.clock import FakeClock
from facilitator.demo import create_demo
from facilitator.model import CaseId, MeetingId, MeetingKind
from facilitator.store import Workspace
from tests.ui.keys import CTRL, press
from ui.main_window import MainWindow
from ui.panels.case import CasePanel
from ui.settings import SettingsStore


def deadline_lines(panel: CasePanel) -> list[str]:
    return [label.text() for label in panel.deadlines if label.isVisibleTo(panel)]


def resolution_meeting(ws: Workspace) -> MeetingId:
    case_id = CaseId(meetings.create_case(ws, label="Maya R., grade 4").created_id or 0)
    change = meetings.create_meeting(
        ws, case_id=case_id, kind=MeetingKind.RESOLUTION, title="Resolution meeting",
        scheduled_start="2026-12-02T15:00:00.000Z", planned_end="2026-12-02T16:30:00.000Z",
    )  # fmt: skip
    return MeetingId(change.created_id or 0)


def test_resolution_deadlines_count_from_the_complaint_and_skip_holidays(
    qtbot: QtBot, window: MainWindow, fresh_ws: Workspace, clock: FakeClock
) -> None:
    w = window
    meeting_id = resolution_meeting(fresh_ws)
    w.open_meeting(meeting_id)
    case = w.prepare.view.case
    assert case.complaint_row.isVisible()  # a resolution meeting asks for the complaint date
    assert deadline_lines(case) == [
        "Enter the day the complaint was received to see the deadlines."
    ]
    qtbot.keyClicks(case.complaint, "2026-11-20")
    qtbot.keyClick(case.complaint, Qt.Key.Key_Return)
    stored = "SELECT complaint_received_on FROM cases"
    assert fresh_ws.scalar(stored) == "2026-11-20"
    lines = deadline_lines(case)
    assert lines[0] == "Due-process complaint received Fri 2026-11-20."
    assert lines[1].startswith("Resolution meeting due by Sat 2026-12-05 (15 days")
    assert lines[1].endswith("✓ set for Wed 2026-12-02.")
    assert lines[2].startswith("Resolution period ends Sun 2026-12-20 (30 days")
    assert "within 3 business days" in lines[3]

    # The district's winter holidays, typed in the settings panel (a typo is named, not kept).
    holidays = w.settings_panel.holidays
    qtbot.keyClicks(holidays, "2026-12-24, 2026-12-25 2026-12-32")
    qtbot.keyClick(holidays, Qt.Key.Key_Return)
    assert [d.isoformat() for d in w.settings.current.holidays] == ["2026-12-24", "2026-12-25"]
    assert "2026-12-32" in w.settings_panel.holidays_problem.text()

    # Held late, on 23 December, and ended with a written agreement.
    clock.set("2026-12-23T15:00:00.000Z")
    qtbot.mouseClick(w.prepare.view.start, Qt.MouseButton.LeftButton)
    board.add_agreement(fresh_ws, meeting_id=meeting_id, text="Reading support resumes")
    clock.advance(minutes=90)
    w.live.end()
    lines = deadline_lines(w.case)  # the case dock, in run mode
    assert lines[1].startswith("⚠ Resolution meeting due by Sat 2026-12-05")
    assert lines[1].endswith("set for Wed 2026-12-23, after the deadline.")
    # Thursday and Friday are holidays, then a weekend: Mon, Tue and Wed are the three days.
    assert lines[3] == (
        "Agreement signed Wed 2026-12-23 (the day the meeting ended). Either party may void it"
        " until the end of Wed 2026-12-30 (3 business days, 300.510(e); weekends skipped, and the"
        " holidays 2026-12-24, 2026-12-25)."
    )
    # Undo the complaint date: no date, no deadlines (and the undo says so).
    w.case.complaint.setFocus()
    w.case.complaint.clear()
    qtbot.keyClick(w.case.complaint, Qt.Key.Key_Return)
    assert fresh_ws.scalar(stored) is None
    press(qtbot, w, Qt.Key.Key_Escape)
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert fresh_ws.scalar(stored) == "2026-11-20"


def test_a_date_that_is_not_one_is_one_line_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, fresh_ws: Workspace
) -> None:
    window.open_meeting(resolution_meeting(fresh_ws))
    case = window.prepare.view.case
    qtbot.keyClicks(case.complaint, "20 Nov")
    qtbot.keyClick(case.complaint, Qt.Key.Key_Return)
    message = window.statusBar().currentMessage()
    assert "'20 Nov' is not a date (use MM/DD/YYYY or YYYY-MM-DD)" in message
    assert message.splitlines() == [message]
    assert fresh_ws.scalar("SELECT complaint_received_on FROM cases") is None
    assert case.complaint.text() == "20 Nov"  # what was typed stays, to be corrected


def test_the_complaint_date_may_be_typed_month_first(
    qtbot: QtBot, window: MainWindow, fresh_ws: Workspace
) -> None:
    window.open_meeting(resolution_meeting(fresh_ws))
    case = window.prepare.view.case
    qtbot.keyClicks(case.complaint, "11/20/2026")
    qtbot.keyClick(case.complaint, Qt.Key.Key_Return)
    assert fresh_ws.scalar("SELECT complaint_received_on FROM cases") == "2026-11-20"


def test_the_next_meeting_of_a_case_is_offered_what_earlier_ones_left_open(
    qtbot: QtBot, window: MainWindow, fresh_ws: Workspace
) -> None:
    w = window
    facilitated = create_demo(fresh_ws)
    w.open_meeting(facilitated)  # ended: run mode, the case a tab away
    assert not w.prepare.preparing
    earlier = fresh_ws.rows("SELECT id, title FROM meetings ORDER BY id")
    w.docks["case"].show()
    w.docks["case"].raise_()
    assert w.case.meetings_model.rowCount() == 2
    qtbot.mouseClick(w.case.next_meeting, Qt.MouseButton.LeftButton)
    form = w.prepare.form
    assert form.case.currentText() == "Maya Rodríguez, grade 4 (sample)"  # this case, chosen
    form.template.setCurrentIndex(form.template.findData("reconvened_iep_meeting"))
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    next_meeting = w.session.meeting_id
    assert next_meeting is not None and w.prepare.preparing
    case = w.prepare.view.case
    model = case.meetings_model
    assert [model.id_at(r) for r in range(model.rowCount())] == [
        *(m["id"] for m in earlier),
        next_meeting,
    ]
    assert "this meeting" in model.data(model.index(2, 2))
    open_actions = [r["text"] for r in case.actions_model.rows()]
    assert "Share the private speech-language report with the school" in open_actions
    parked = [r["text"] for r in case.parked_model.rows()]
    assert parked == [
        "Maya is two grade levels behind in reading fluency",
        "Speech-language minutes were reduced last year",
    ]
    assert case.carry.isVisible()
    qtbot.mouseClick(case.carry, Qt.MouseButton.LeftButton)
    carried = fresh_ws.rows(
        "SELECT text, status FROM concerns WHERE meeting_id = ? ORDER BY position",
        (next_meeting,),
    )
    assert [(c["text"], c["status"]) for c in carried] == [(t, "raised") for t in parked]
    assert case.parked_model.rowCount() == 0 and not case.carry.isVisible()
    assert w.prepare.view.preloaded.concerns_model.rowCount() == 2
    w.prepare.view.preloaded.concerns.setFocus()
    press(qtbot, w, Qt.Key.Key_Z, CTRL)  # one step takes all of them back
    assert (
        fresh_ws.scalar("SELECT count(*) FROM concerns WHERE meeting_id = ?", (next_meeting,)) == 0
    )

    # Double-click (or Enter on) an earlier meeting opens it.
    case.meetings.setCurrentIndex(model.index(0, 0))
    case.meetings.activated.emit(model.index(0, 0))
    assert w.session.meeting_id == earlier[0]["id"]


@pytest.mark.parametrize(
    "holidays",
    [(), (dt.date(2027, 1, 1),), (dt.date(2026, 12, 25), dt.date(2026, 11, 26))],
)
def test_holidays_are_remembered_between_runs(
    settings_file: Path, holidays: tuple[dt.date, ...]
) -> None:
    def store() -> SettingsStore:
        return SettingsStore(QSettings(str(settings_file), QSettings.Format.IniFormat))

    first = store()
    first.update(holidays=(*holidays, *holidays))  # repeated days count once, in order
    assert first.current.holidays == tuple(sorted(holidays))
    assert store().current.holidays == tuple(sorted(holidays))
