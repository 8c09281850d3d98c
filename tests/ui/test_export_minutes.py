"""File > Export minutes: parent or team copy, in the family's language by default, written on a
worker thread with its own read-only connection while the meeting goes on; the status bar and a
banner say where, and the banner opens the folder."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from facilitator import board, live, meetings
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import CaseId, MeetingId, MeetingKind, Role
from facilitator.store import Workspace
from tests.facilitator.minutes_reading import read_docx
from tests.ui.conftest import people
from tests.ui.keys import CTRL
from tests.ui.test_accessibility import controls, describe
from ui import export_minutes
from ui.docks import default_sizes
from ui.main_window import MainWindow
from ui.notice import Tone


@pytest.fixture
def spanish_family(fresh_ws: Workspace) -> MeetingId:
    """A planned meeting whose family speaks Spanish."""
    case = CaseId(meetings.create_case(fresh_ws, label="Maya R., grade 4").created_id or 0)
    change = meetings.create_meeting(
        fresh_ws,
        case_id=case,
        kind=MeetingKind.FACILITATED_IEP,
        title="Annual IEP meeting",
        participants=[
            NewParticipant("Ana Rodríguez", Role.PARENT, language="Spanish"),
            NewParticipant("Priya Natarajan", Role.SPECIAL_ED_TEACHER),
        ],
        agenda=[NewAgendaItem("Welcome", 5), NewAgendaItem("Concerns", 20)],
    )
    return MeetingId(change.created_id or 0)


@contextmanager
def _released(event: threading.Event) -> Iterator[None]:
    """The blocked worker is let go even if an assertion fails while it waits."""
    try:
        yield
    finally:
        event.set()


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The save dialog answers with tmp_path/minutes.docx; records the name it offered."""
    offered: list[str] = []

    def answer(parent: object, caption: str, start: str, filter: str) -> tuple[str, str]:
        offered.append(start)
        return str(tmp_path / "minutes.docx"), filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered


def open_export(
    qtbot: QtBot, window: MainWindow, meeting_id: MeetingId
) -> export_minutes.ExportPanel:
    window.open_meeting(meeting_id)
    window.prepare.show_run()
    window.activateWindow()
    window.speakers.focus_tracker()
    qtbot.keyClick(window, "e", CTRL)
    panel = window.export
    assert panel.isVisible()
    return panel


def test_ctrl_e_offers_the_parent_copy_in_the_familys_language(
    qtbot: QtBot, window: MainWindow, spanish_family: MeetingId
) -> None:
    panel = open_export(qtbot, window, spanish_family)
    assert panel.parent_copy.isChecked()
    assert panel.language.currentData() == "es"
    assert panel.language.currentText() == "Spanish (the family's language)"
    assert [panel.language.itemData(n) for n in range(panel.language.count())] == [
        "es", "en", "bilingual",
    ]  # fmt: skip
    panel.team_copy.setChecked(True)
    assert panel.language.currentData() == "en"


def test_a_family_whose_language_has_no_copy_is_said_before_and_after_writing(
    qtbot: QtBot, window: MainWindow, spanish_family: MeetingId, save_to: list[str]
) -> None:
    """Notices go to parents in their native language (34 CFR 300.503(c)): a parent copy in
    English for a family that speaks Vietnamese comes with a reminder to have it translated."""
    ws = window.session.ws
    parent = ws.row("SELECT id FROM participants WHERE meeting_id = ? AND role = 'parent'",
                    (spanish_family,))  # fmt: skip
    assert parent is not None
    meetings.update_participant(ws, participant_id=parent["id"], language="Vietnamese")
    panel = open_export(qtbot, window, spanish_family)
    assert panel.language.currentData() == "en"
    note = (
        "The family speaks Vietnamese; the minutes can be written in Spanish and English only:"
        " arrange a translation, written, oral or signed, as for notices to parents"
        " (34 CFR 300.503(c))."
    )
    assert panel.translation.isVisible() and panel.translation.text() == note
    panel.team_copy.setChecked(True)  # the school's own copy: no reminder
    assert not panel.translation.isVisible()
    panel.parent_copy.setChecked(True)
    with qtbot.waitSignal(panel.written, timeout=10_000):
        panel.save.click()
    assert note in window.notice.text()


def test_no_reminder_for_a_family_whose_copy_is_in_their_language(
    qtbot: QtBot, window: MainWindow, spanish_family: MeetingId
) -> None:
    panel = open_export(qtbot, window, spanish_family)
    assert not panel.translation.isVisible() and panel.translation.text() == ""


def test_a_team_only_meeting_offers_the_team_copy_alone(
    qtbot: QtBot, window: MainWindow, spanish_family: MeetingId
) -> None:
    meetings.update_meeting(window.session.ws, meeting_id=spanish_family, team_only=True)
    panel = open_export(qtbot, window, spanish_family)
    assert panel.team_copy.isChecked() and not panel.parent_copy.isEnabled()
    assert "no parent copy" in panel.parent_copy.toolTip()
    assert panel.language.currentData() == "en"
    meetings.update_meeting(window.session.ws, meeting_id=spanish_family, team_only=False)
    panel.open()  # another meeting, or the same one shared again: the parent copy is back
    assert panel.parent_copy.isEnabled() and panel.parent_copy.isChecked()


def test_the_export_strip_fits_between_the_panels_of_a_1366_pixel_window(
    qtbot: QtBot, window: MainWindow, spanish_family: MeetingId
) -> None:
    """It sits above the board, between the side panels: a strip wider than the board there
    widened the window past the screen's right edge, cutting the speakers panel off."""
    default_sizes(window, window.docks)  # as the app's first start lays the panels out
    width = window.width()
    panel = open_export(qtbot, window, spanish_family)
    qtbot.waitUntil(lambda: panel.height() > 0 and window.centralWidget().width() > 0)
    assert panel.width() <= window.centralWidget().width()
    assert window.width() == width == 1366
    assert window.minimumSizeHint().width() <= 1366
    assert window.rect().contains(window.docks["speakers"].geometry())


def test_a_long_path_in_a_notice_wraps_instead_of_widening_the_window(
    qtbot: QtBot, window: MainWindow, spanish_family: MeetingId
) -> None:
    default_sizes(window, window.docks)
    window.open_meeting(spanish_family)
    window.prepare.show_run()
    folder = "C:\\Users\\jsmith\\OneDrive_Springfield_Unified_School_District\\IEP_minutes_2026"
    path = f"{folder}\\Maya_Rodriguez_grade_4_2026-12-01_Annual_IEP_meeting_parent_copy.docx"
    window.notice.say(f"Minutes written to {path}", Tone.DONE, action="Open folder", step=print)
    qtbot.waitUntil(lambda: window.notice.height() > 0)
    assert window.width() == 1366 and window.minimumSizeHint().width() <= 1366
    assert window.notice.text() == f"✔ Minutes written to {path}"  # read back as written


def test_the_minutes_are_written_on_a_worker_while_the_meeting_goes_on(
    qtbot: QtBot,
    window: MainWindow,
    spanish_family: MeetingId,
    save_to: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = window.session.ws
    live.start_meeting(ws, meeting_id=spanish_family)
    panel = open_export(qtbot, window, spanish_family)
    release = threading.Event()
    seen: dict[str, Any] = {}
    real = export_minutes.write_minutes

    def slow_write(source: Workspace, *args: Any, **kwargs: Any) -> Path:
        seen.update(thread=threading.current_thread(), source=source, **kwargs)
        assert release.wait(10)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(export_minutes, "write_minutes", slow_write)
    with qtbot.waitSignal(panel.written, timeout=10_000) as written, _released(release):
        panel.save.click()
        assert Path(save_to[0]).name.endswith("copia para la familia.docx")  # the family's words
        assert not panel.isVisible()
        # The export is still running: the facilitator switches speakers all the same.
        qtbot.waitUntil(lambda: "thread" in seen)
        window.speakers.focus_tracker()
        qtbot.keyClick(window.speakers.table, "1")
        assert ws.scalar("SELECT count(*) FROM speaking_turns") == 1
        release.set()
    out = tmp_path / "minutes.docx"
    assert written.args == [out]
    assert seen["thread"] is not threading.main_thread()
    assert seen["source"] is not ws and seen["source"].read_only  # a connection of its own
    assert (seen["audience"], seen["language"]) == ("parent", "es")
    text = "\n".join(read_docx(out).paragraphs())
    assert "Borrador" in text  # a live meeting's minutes say Draft (here in Spanish)
    assert window.session.is_live()  # exporting does not end the meeting
    assert str(out) in window.statusBar().currentMessage()
    assert window.notice.isVisible() and window.notice.tone is Tone.DONE
    assert str(out) in window.notice.text()


def test_the_banner_opens_the_folder_the_minutes_went_to(
    qtbot: QtBot,
    window: MainWindow,
    spanish_family: MeetingId,
    save_to: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    panel = open_export(qtbot, window, spanish_family)
    with qtbot.waitSignal(panel.written, timeout=10_000):
        panel.save.click()
    assert window.notice.action.isVisible()
    assert window.notice.action.text() == "Open folder"
    window.notice.action.click()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_a_team_copy_holds_team_only_items_and_a_parent_copy_does_not(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, save_to: list[str], tmp_path: Path
) -> None:
    ws = window.session.ws
    board.add_concern(
        ws, meeting_id=planned, text="Staffing shortage in the district", team_only=True
    )
    board.add_concern(ws, meeting_id=planned, text="Reading fluency")
    panel = open_export(qtbot, window, planned)
    for team, wanted in ((True, True), (False, False)):
        (panel.team_copy if team else panel.parent_copy).setChecked(True)
        with qtbot.waitSignal(panel.written, timeout=10_000):
            panel.save_as()
        text = "\n".join(read_docx(tmp_path / "minutes.docx").paragraphs())
        assert "Reading fluency" in text
        assert ("Staffing shortage" in text) is wanted


def test_minutes_that_cannot_be_written_are_one_line(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    panel = open_export(qtbot, window, planned)
    with qtbot.waitSignal(panel.failed, timeout=10_000) as failed:
        panel.export(planned, blocker / "minutes.docx", audience="parent", language="en")
    (text,) = failed.args
    assert text.startswith("Minutes not written: ") and "\n" not in text
    assert window.notice.tone is Tone.REFUSED and "Minutes not written" in window.notice.text()
    assert text in window.statusBar().currentMessage()


def test_a_cancelled_save_dialog_writes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    planned: MeetingId,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    panel = open_export(qtbot, window, planned)
    panel.save.click()
    assert panel.isVisible() and not panel.jobs.busy()
    assert not window.notice.isVisible()
    assert people(window.session.ws, planned)  # the meeting is untouched


def test_every_export_option_has_an_accessible_name(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    panel = open_export(qtbot, window, planned)
    found = [w for w in controls(window) if panel.isAncestorOf(w)]
    assert panel.language in found and panel.save in found
    assert [describe(w) for w in found if not w.accessibleName()] == []
