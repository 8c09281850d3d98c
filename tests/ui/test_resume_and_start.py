"""Opening the window: the last meeting, a resumed live meeting, the empty state, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator import live
from facilitator.clock import FakeClock
from facilitator.model import MeetingId
from facilitator.store import Workspace
from tests.ui.conftest import AGENDA, PEOPLE, make_window, people, planned_meeting
from ui.app import run_window
from ui.main_window import BOARD_PAGE, MainWindow
from ui.marks import local_time
from ui.on_demand import PICKER_PAGE
from ui.settings import SettingsStore


def test_a_live_meeting_is_resumed_once_and_the_gap_is_shown(
    qtbot: QtBot, fresh_ws: Workspace, planned: MeetingId, clock: FakeClock,
    settings: SettingsStore,
) -> None:  # fmt: skip
    ana = people(fresh_ws, planned)["Ana"]
    live.start_meeting(fresh_ws, meeting_id=planned)
    live.switch_speaker(fresh_ws, meeting_id=planned, participant_id=ana)
    clock.advance(seconds=40)
    live.mark_alive(fresh_ws, meeting_id=planned)  # the last heartbeat before the crash
    stopped = fresh_ws.now()
    clock.advance(minutes=3)  # the laptop was dead for three minutes
    window = make_window(qtbot, fresh_ws, settings)
    window.open_meeting(planned)
    window.show()
    gaps = fresh_ws.rows("SELECT * FROM interruptions WHERE meeting_id = ?", (planned,))
    assert len(gaps) == 1
    assert gaps[0]["stopped_at"] == stopped
    assert window.banner.isVisible()
    text = window.banner.label.text()
    assert f"Recording stopped {local_time(stopped)}" in text
    assert f"resumed {local_time(gaps[0]['resumed_at'])}" in text
    # The gap is nobody's talk time: Ana spoke 40 s before it, and speaks on after it.
    clock.advance(seconds=10)
    window.session.tick.emit()
    row = window.speakers.model.row_of(ana)
    assert window.speakers.model.data(window.speakers.model.index(row, 3)) == "0:50"
    qtbot.mouseClick(window.banner.dismiss, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()


def test_the_heartbeat_marks_a_live_meeting_alive(
    meeting_window: MainWindow, planned: MeetingId, clock: FakeClock
) -> None:
    ws = meeting_window.session.ws
    meeting_window.session.keep_alive()
    assert ws.scalar("SELECT count(*) FROM liveness") == 0  # planned: nothing to mark
    live.start_meeting(ws, meeting_id=planned)
    clock.advance(seconds=10)
    meeting_window.session.keep_alive()
    assert ws.scalar("SELECT alive_at FROM liveness WHERE meeting_id = ?", (planned,)) == ws.now()


def test_a_meeting_left_running_overnight_is_ended_when_its_recording_stopped(
    qtbot: QtBot, fresh_ws: Workspace, planned: MeetingId, clock: FakeClock,
    settings: SettingsStore,
) -> None:  # fmt: skip
    ana = people(fresh_ws, planned)["Ana"]
    live.start_meeting(fresh_ws, meeting_id=planned)
    live.switch_speaker(fresh_ws, meeting_id=planned, participant_id=ana)
    clock.advance(minutes=80)
    live.mark_alive(fresh_ws, meeting_id=planned)  # the lid closed on the running meeting
    stopped = fresh_ws.now()
    clock.advance(minutes=16 * 60)
    window = make_window(qtbot, fresh_ws, settings)
    window.open_meeting(planned)
    window.show()
    action = window.end_when_stopped_action
    assert action.isEnabled()
    assert "Meeting > End the meeting when its recording stopped" in window.banner.label.text()
    action.trigger()
    assert fresh_ws.row("SELECT status, ended_at FROM meetings WHERE id = ?", (planned,)) == {
        "status": "ended", "ended_at": stopped,
    }  # fmt: skip
    assert not action.isEnabled()
    window.act["undo"].trigger()  # one Ctrl+Z: running again, as it was picked up
    assert live.is_live(fresh_ws, planned)


def test_a_heartbeat_far_too_late_records_the_sleep_as_an_interruption(
    meeting_window: MainWindow, planned: MeetingId, clock: FakeClock, qtbot: QtBot
) -> None:
    session = meeting_window.session
    ws = session.ws
    ana = people(ws, planned)["Ana"]
    live.start_meeting(ws, meeting_id=planned)
    live.switch_speaker(ws, meeting_id=planned, participant_id=ana)
    clock.advance(seconds=10)
    session.keep_alive()
    clock.advance(minutes=45)  # the lid was closed over lunch: no heartbeat, no tick
    with qtbot.waitSignal(session.resumed):
        session.keep_alive()
    gap = ws.row(
        "SELECT stopped_at, resumed_at FROM interruptions WHERE meeting_id = ?", (planned,)
    )
    assert gap is not None and gap["stopped_at"] == "2026-11-29T15:00:10.000Z"
    assert live.current_speaker_id(ws, planned) is None  # nobody spoke through lunch
    assert "Nobody is speaking now" in meeting_window.banner.label.text()
    clock.advance(seconds=10)
    session.keep_alive()  # on time again: nothing more recorded
    assert ws.scalar("SELECT count(*) FROM interruptions") == 1


def test_looking_at_another_meeting_goes_on_recording_the_live_one(
    meeting_window: MainWindow, planned: MeetingId, clock: FakeClock
) -> None:
    session = meeting_window.session
    ws = session.ws
    ana = people(ws, planned)["Ana"]
    live.start_meeting(ws, meeting_id=planned)
    live.switch_speaker(ws, meeting_id=planned, participant_id=ana)
    other = planned_meeting(ws, case="Other case", participants=PEOPLE, agenda=AGENDA)
    meeting_window.open_meeting(other)
    for _ in range(18):  # three minutes on the other meeting, the heartbeat going on
        clock.advance(seconds=10)
        session.keep_alive()
    meeting_window.open_meeting(planned)
    assert ws.scalar("SELECT count(*) FROM interruptions") == 0
    assert live.current_speaker_id(ws, planned) == ana
    turns = ws.scalar("SELECT count(*) FROM speaking_turns WHERE meeting_id = ?", (planned,))
    assert turns == 1  # Ana's turn was never split


def test_a_quit_notes_the_meeting_alive_until_the_quit(
    meeting_window: MainWindow, planned: MeetingId, clock: FakeClock
) -> None:
    ws = meeting_window.session.ws
    live.start_meeting(ws, meeting_id=planned)
    meeting_window.session.start_clock()
    clock.advance(seconds=7)
    meeting_window.session.stop_clock()
    assert ws.scalar("SELECT alive_at FROM liveness WHERE meeting_id = ?", (planned,)) == ws.now()


def test_an_empty_workspace_offers_a_new_meeting_and_the_sample(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.open_meeting(None)
    assert window.pages.currentIndex() == PICKER_PAGE
    assert window.picker.new_meeting.isVisible() and window.picker.sample.isVisible()
    assert not any(dock.isVisible() for dock in window.docks.values())
    # The welcome reads as one block at the top, not spread down the whole window.
    picker = window.picker
    qtbot.waitUntil(lambda: picker.height() > 400)
    assert picker.new_meeting.geometry().bottom() < picker.height() // 4
    qtbot.mouseClick(window.picker.new_meeting, Qt.MouseButton.LeftButton)
    form = window.prepare.form
    assert window.pages.currentWidget() is form  # the new-meeting form, alone
    qtbot.keyClicks(form.case_text, "Maya R., grade 4")
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    meeting = window.session.meeting()
    assert meeting is not None and meeting["status"] == "planned"
    assert meeting["template"] == "facilitated_iep_meeting"
    assert (
        window.session.ws.scalar(
            "SELECT count(*) FROM agenda_items WHERE meeting_id = ?", (meeting["id"],)
        )
        >= 5
    )
    assert window.windowTitle() == f"Facilitator - {meeting['title']}"
    assert window.pages.currentWidget() is window.prepare.view  # a planned meeting: prepare mode
    window.prepare.show_run()
    assert window.docks["speakers"].isVisible()


def test_the_sample_meeting_opens_and_the_list_finds_meetings(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.open_meeting(None)
    qtbot.mouseClick(window.picker.sample, Qt.MouseButton.LeftButton)
    assert window.windowTitle() == "Facilitator - Annual IEP meeting (facilitated)"
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == PICKER_PAGE
    picker = window.picker
    assert picker.proxy.rowCount() == 2
    qtbot.keyClicks(picker.search, "pre-iep")
    assert picker.proxy.rowCount() == 1
    picker.list.setCurrentIndex(picker.proxy.index(0, 0))
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert window.windowTitle() == "Facilitator - Pre-IEP dialogue"


def test_esc_leaves_open_meeting_for_the_meeting_and_stays_without_one(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.open_meeting(None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Escape)
    assert window.pages.currentIndex() == PICKER_PAGE  # no meeting: nothing to go back to
    qtbot.mouseClick(window.picker.sample, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == PICKER_PAGE
    qtbot.waitUntil(window.picker.search.hasFocus)
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Escape)  # as the Back button
    assert window.pages.currentIndex() == BOARD_PAGE and window.docks["speakers"].isVisible()
    assert window.windowTitle() == "Facilitator - Annual IEP meeting (facilitated)"


def test_the_window_layout_and_settings_are_remembered(
    qtbot: QtBot, fresh_ws: Workspace, planned: MeetingId, settings_file: Path
) -> None:
    from PySide6.QtCore import QSettings

    def store() -> SettingsStore:
        return SettingsStore(QSettings(str(settings_file), QSettings.Format.IniFormat))

    first = make_window(qtbot, fresh_ws, store())
    first.open_meeting(planned)
    first.prepare.show_run()
    first.show()
    first.docks["non_negotiables"].hide()
    first.settings.update(font_scale=130, quiet_minutes=7, facilitator_name="Sam Rivera")
    first.close()
    second = make_window(qtbot, fresh_ws, store())
    second.open_meeting(planned)
    second.prepare.show_run()
    second.show()
    assert not second.docks["non_negotiables"].isVisible()
    assert second.docks["speakers"].isVisible()
    assert second.settings.current.font_scale == 130
    assert second.settings.current.quiet_minutes == 7
    assert second.settings.current.facilitator_name == "Sam Rivera"
    assert second.settings_panel.font_scale.value() == 130


def test_a_workspace_that_cannot_be_opened_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert run_window(folder, None) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a folder" in err


def test_a_workspace_open_in_another_window_is_one_line_and_exit_1(
    fresh_ws: Workspace,
    capsys: pytest.CaptureFixture[str],
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from facilitator.lock import WorkspaceLock

    # The start-up question (open it read-only?) is answered "Quit"; see tests/ui/test_startup.py.
    monkeypatch.setattr("ui.startup.ask_read_only", lambda reason: False)
    with WorkspaceLock(fresh_ws.path):
        assert run_window(fresh_ws.path, None) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already open" in err


def test_a_meeting_that_does_not_exist_is_one_line_and_exit_1(
    fresh_ws: Workspace, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    assert run_window(fresh_ws.path, 404) == 1
    assert "meeting 404 does not exist" in capsys.readouterr().err


def test_a_new_meeting_gets_its_people_from_the_speakers_panel(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.open_meeting(None)
    qtbot.mouseClick(window.picker.new_meeting, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.prepare.form.case_text, "Maya R., grade 4")
    qtbot.keyClick(window.prepare.form.case_text, Qt.Key.Key_Return)
    window.prepare.show_run()
    panel = window.speakers
    qtbot.mouseClick(panel.add_person, Qt.MouseButton.LeftButton)
    assert panel.new_person.name.hasFocus()
    # QTest types ASCII only; the "a" types a letter, it switches no speaker.
    qtbot.keyClicks(panel.new_person.name, "Ana Rodriguez")
    panel.new_person.role.setCurrentIndex(panel.new_person.role.findData("parent"))
    qtbot.keyClick(panel.new_person.name, Qt.Key.Key_Return)
    ws = window.session.ws
    person = ws.row("SELECT name, role, side, hotkey FROM participants")
    assert person == {"name": "Ana Rodriguez", "role": "parent", "side": "family", "hotkey": "1"}
    assert panel.model.rowCount() == 1
    window.speakers.focus_tracker()
    qtbot.keyClick(window.speakers.table, Qt.Key.Key_1)  # the new key works at once
    assert ws.scalar("SELECT count(*) FROM speaking_turns") == 1
