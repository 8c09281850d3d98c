"""Saving an agenda as a template, and carrying a prepared meeting to another computer in a
meeting file, from the File menu (the file dialogs are mocked: they are the boundary)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from facilitator import board, meetings
from facilitator.exchange import read_json
from facilitator.meetings import NewAgendaItem
from facilitator.model import AgendaItemId, MeetingId
from facilitator.store import Workspace
from facilitator.templates import load_catalog
from tests.ui.conftest import make_window
from ui.main_window import MainWindow
from ui.settings import SettingsStore

INI = QSettings.Format.IniFormat


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "my-templates"
    monkeypatch.setenv("FACILITATOR_TEMPLATES", str(folder))
    return folder


def file_menu_action(window: MainWindow, text: str) -> QAction:
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "File")
    return next(a for a in menu.actions() if a.text() == text)


def choose_file(monkeypatch: pytest.MonkeyPatch, which: str, path: Path | None) -> list[str]:
    """The file dialog answers `path` (None: the person cancelled); returns the captions asked."""
    asked: list[str] = []

    def dialog(parent: object, caption: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append(caption)
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, which, staticmethod(dialog))
    return asked


def agenda_of(window: MainWindow, meeting_id: int) -> list[tuple[str, int, str]]:
    return [
        (r["title"], r["planned_minutes"], r["prompts"])
        for r in window.session.ws.rows(
            "SELECT title, planned_minutes, prompts FROM agenda_items WHERE meeting_id = ?"
            " ORDER BY position",
            (meeting_id,),
        )
    ]


def test_an_agenda_saved_as_a_template_prepares_the_next_meeting(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, templates: Path
) -> None:
    w = window
    w.open_meeting(planned)
    ws = w.session.ws
    first = ws.scalar(
        "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position", (planned,)
    )
    meetings.update_agenda_item(ws, item_id=AgendaItemId(first), prompts="Each person: one hope")
    meetings.add_agenda_item(ws, meeting_id=planned, item=NewAgendaItem("Debrief", 5))
    file_menu_action(w, "Save agenda as template…").trigger()
    panel = w.prepare.save_panel
    assert panel.isVisible() and panel.name.hasFocus()
    assert panel.name.text() == "Annual IEP meeting"  # the meeting's title, selected to retype
    qtbot.keyClicks(panel.name, "Our IEP agenda")
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    assert not panel.isVisible()
    saved = templates / "Our_IEP_agenda.toml"
    assert saved.exists()
    assert "Our IEP agenda" in w.statusBar().currentMessage()
    template = load_catalog().get("Our_IEP_agenda")
    assert template is not None and template.title == "Our IEP agenda"

    # The next meeting, from the new template, has the same agenda (prompts included).
    w.new_meeting()
    form = w.prepare.form
    form.template.setCurrentIndex(form.template.findData("Our_IEP_agenda"))
    assert "yours" in form.template.currentText()
    qtbot.keyClicks(form.case_text, "Maya R., grade 4")
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    new_meeting = w.session.meeting_id
    assert new_meeting is not None and new_meeting != planned
    assert agenda_of(w, new_meeting) == agenda_of(w, planned)
    assert w.session.meeting()["template"] == "Our_IEP_agenda"  # type: ignore[index]


def test_a_template_is_replaced_only_when_asked_twice(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, templates: Path
) -> None:
    w = window
    w.open_meeting(planned)
    w.prepare.save_template()
    panel = w.prepare.save_panel
    qtbot.keyClicks(panel.name, "Our IEP agenda")
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    saved = templates / "Our_IEP_agenda.toml"
    before = saved.read_text(encoding="utf-8")
    meetings.add_agenda_item(w.session.ws, meeting_id=planned, item=NewAgendaItem("Debrief", 5))
    w.prepare.save_template()
    qtbot.keyClicks(panel.name, "Our IEP agenda")
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    assert panel.isVisible()
    assert "exists already" in panel.problem.text() and panel.save.text() == "Replace"
    assert saved.read_text(encoding="utf-8") == before  # refused: nothing written
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)  # asked twice: replaced
    assert not panel.isVisible()
    assert "Debrief" in saved.read_text(encoding="utf-8")


def test_a_meeting_file_carries_a_prepared_meeting_to_another_workspace(
    qtbot: QtBot,
    window: MainWindow,
    planned: MeetingId,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    w = window
    w.open_meeting(planned)
    board.add_concern(w.session.ws, meeting_id=planned, text="Homework takes hours")
    board.add_solution(w.session.ws, meeting_id=planned, text="Tutoring", team_only=True)
    out = tmp_path / "for the meeting laptop.json"
    asked = choose_file(monkeypatch, "getSaveFileName", out)
    file_menu_action(w, "Export meeting file…").trigger()
    assert asked == ["Export meeting file"]
    document = read_json(out)
    assert document["meeting"]["title"] == "Annual IEP meeting"
    assert str(out) in w.statusBar().currentMessage()
    assert "It holds the team-only items too" in w.statusBar().currentMessage()  # the Tutoring

    # The meeting laptop: another workspace, another window.
    laptop_settings = SettingsStore(QSettings(str(tmp_path / "laptop.ini"), INI))
    with Workspace.open(tmp_path / "laptop.sqlite3") as laptop_ws:
        laptop = make_window(qtbot, laptop_ws, laptop_settings)
        laptop.open_meeting(None)
        choose_file(monkeypatch, "getOpenFileName", out)
        file_menu_action(laptop, "Import meeting file…").trigger()
        meeting = laptop.session.meeting()
        assert meeting is not None and meeting["title"] == "Annual IEP meeting"
        assert laptop.prepare.preparing  # still planned: it opens ready to check and start
        assert laptop.prepare.view.roster.model.rowCount() == 5
        assert laptop.prepare.view.preloaded.options_model.rowCount() == 1
        rows = laptop_ws.rows("SELECT text, team_only FROM solutions")
        assert rows == [{"text": "Tutoring", "team_only": 1}]
        assert "Imported 'Annual IEP meeting'" in laptop.statusBar().currentMessage()
        assert "imported before" not in laptop.statusBar().currentMessage()
        # The coordinator sent the file again: both copies are kept, and the window says so.
        file_menu_action(laptop, "Import meeting file…").trigger()
        assert "imported before, as meeting 1 (planned); both are kept" in (
            laptop.statusBar().currentMessage()
        )
        assert laptop_ws.scalar("SELECT count(*) FROM meetings") == 2
        laptop.close()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'{"format": "facilitator-meeting", "version": 1, "case": {', "not valid JSON"),
        (b'{"format": "something-else"}', "is not a Facilitator meeting file"),
        (b"\xff\xfe binary", "not UTF-8"),
    ],
)
def test_a_bad_meeting_file_is_one_line_in_the_status_bar(
    qtbot: QtBot,
    window: MainWindow,
    planned: MeetingId,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    says: str,
) -> None:
    w = window
    w.open_meeting(planned)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    choose_file(monkeypatch, "getOpenFileName", bad)
    count = w.session.ws.scalar("SELECT count(*) FROM meetings")
    file_menu_action(w, "Import meeting file…").trigger()
    message = w.statusBar().currentMessage()
    assert message.startswith("⚠ not imported:") and says in message
    assert "\n" not in message
    assert w.session.ws.scalar("SELECT count(*) FROM meetings") == count
    assert w.session.meeting_id == planned  # the meeting on screen stays


def test_a_cancelled_file_dialog_does_nothing(
    window: MainWindow, planned: MeetingId, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.open_meeting(planned)
    choose_file(monkeypatch, "getSaveFileName", None)
    assert window.meeting_files.export_meeting() is None
    choose_file(monkeypatch, "getOpenFileName", None)
    assert window.meeting_files.import_meeting() is None
    assert list(tmp_path.glob("*.json")) == []
