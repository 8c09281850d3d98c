"""The projector shows the room what is shared, and never anything team-only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QWidget
from pytestqt.qtbot import QtBot

from facilitator import board, live, meetings
from facilitator.meetings import NewAgendaItem
from facilitator.model import HeldBy, MeetingId, SolutionStatus
from facilitator.store import Workspace
from tests.ui.conftest import people
from ui.main_window import MainWindow

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
)


def every_text(root: QWidget) -> str:
    """Everything the window could show or say: labels, titles, tips, and every model cell."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
                for column in range(columns):
                    for role in ROLES:
                        value = model.data(model.index(row, column), role)
                        if value is not None:
                            texts.append(str(value))
    return "\n".join(texts)


def fill_with_secrets(ws: Workspace, meeting_id: MeetingId) -> None:
    """One shared and one team-only item of every kind; the meeting runs a team-only item."""
    ids = people(ws, meeting_id)
    secret_item = meetings.add_agenda_item(
        ws, meeting_id=meeting_id, item=NewAgendaItem("SECRET agenda item", 5), position=1
    )
    # No operation marks an agenda item team-only yet (prepare mode will); set the column directly.
    ws.conn.execute("UPDATE agenda_items SET team_only = 1 WHERE id = ?", (secret_item.created_id,))
    live.start_meeting(ws, meeting_id=meeting_id)
    live.switch_speaker(ws, meeting_id=meeting_id, participant_id=ids["Ana"])
    live.next_item(ws, meeting_id=meeting_id)  # now on the team-only item
    for team_only, word in ((False, "Shared"), (True, "SECRET")):
        concern = board.add_concern(
            ws, meeting_id=meeting_id, text=f"{word} concern", team_only=team_only
        )
        board.add_non_negotiable(
            ws, meeting_id=meeting_id, text=f"{word} limit", held_by=HeldBy.SCHOOL,
            basis=f"{word} basis", team_only=team_only,
        )  # fmt: skip
        option = board.add_solution(
            ws, meeting_id=meeting_id, text=f"{word} option", team_only=team_only,
            addresses=[concern.created_id or 0],
        )  # fmt: skip
        board.decide_solution(
            ws, solution_id=option.created_id or 0, status=SolutionStatus.NOT_AGREED,
            reason=f"{word} reason",
        )  # fmt: skip
        board.add_agreement(
            ws, meeting_id=meeting_id, text=f"{word} agreement", team_only=team_only
        )
        board.add_action_item(ws, meeting_id=meeting_id, text=f"{word} action", team_only=team_only)
        board.add_note(ws, meeting_id=meeting_id, text=f"{word} note", team_only=team_only)


def test_the_projector_never_shows_team_only_items(
    window: MainWindow, planned: MeetingId, qtbot: QtBot
) -> None:
    ws = window.session.ws
    fill_with_secrets(ws, planned)
    window.settings.update(projector_talk_times=True)
    window.open_meeting(planned)
    window.toggle_projector()
    qtbot.waitUntil(window.projector.isVisible)
    window.session.tick.emit()
    shown = every_text(window.projector)
    assert "SECRET" not in shown
    for word in ("Shared concern", "Shared limit", "Shared option", "Shared reason",
                 "Shared agreement", "Agenda item in progress"):  # fmt: skip
        assert word in shown
    # The facilitator's own window does show them, marked as team only.
    mine = every_text(window).splitlines()
    for word in ("SECRET concern", "SECRET limit", "SECRET option", "SECRET agreement"):
        assert any(word in line and "[Team only]" in line for line in mine), word


def test_the_projector_shows_nothing_of_a_team_only_meeting(
    window: MainWindow, planned: MeetingId, qtbot: QtBot
) -> None:
    """An internal review or a mediation's preparation: not even its shared items or its clock."""
    ws = window.session.ws
    fill_with_secrets(ws, planned)
    meetings.update_meeting(ws, meeting_id=planned, team_only=True)
    window.settings.update(projector_talk_times=True)
    window.open_meeting(planned)
    window.toggle_projector()
    qtbot.waitUntil(window.projector.isVisible)
    window.session.tick.emit()
    shown = every_text(window.projector)
    for word in ("SECRET", "Shared", "Agenda item in progress", "Ana"):
        assert word not in shown
    assert "school team: nothing of it is shown here" in shown
    meetings.update_meeting(ws, meeting_id=planned, team_only=False)  # shared again: it shows
    window.projector.reload()
    assert "Shared concern" in every_text(window.projector)


def test_the_projector_stays_clean_as_items_are_added_live(
    meeting_window: MainWindow, planned: MeetingId, qtbot: QtBot
) -> None:
    window = meeting_window
    window.toggle_projector()
    qtbot.waitUntil(window.projector.isVisible)
    window.concerns.quick_add.field.setText("SECRET typed live")
    window.concerns.quick_add.team_only.setChecked(True)
    window.concerns.quick_add.button.click()
    window.agreements.quick_add.field.setText("Agreed in the open")
    window.agreements.quick_add.button.click()
    shown = every_text(window.projector)
    assert "SECRET" not in shown
    assert "Agreed in the open" in shown


def test_talk_times_reach_the_projector_only_when_turned_on(
    meeting_window: MainWindow, planned: MeetingId, qtbot: QtBot
) -> None:
    window = meeting_window
    live.switch_speaker(window.session.ws, meeting_id=planned, participant_id=people(
        window.session.ws, planned)["Ana"])  # fmt: skip
    window.toggle_projector()
    qtbot.waitUntil(window.projector.isVisible)
    window.session.tick.emit()
    assert "Ana Rodríguez:" not in every_text(window.projector)
    window.settings.update(projector_talk_times=True)
    assert "Ana Rodríguez:" in every_text(window.projector)
    window.settings.update(projector_talk_times=False)
    assert "Ana Rodríguez:" not in every_text(window.projector)


def test_f5_shows_and_hides_the_projector(meeting_window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(meeting_window, Qt.Key.Key_F5)
    qtbot.waitUntil(meeting_window.projector.isVisible)
    assert meeting_window.projector.windowTitle().startswith("Facilitator - projector")
    qtbot.keyClick(meeting_window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not meeting_window.projector.isVisible())


def test_on_a_single_screen_the_projector_fills_it_with_the_keyboard_and_says_the_way_back(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    """With one screen (mirrored to the room) F5 opened a 1024x700 window over the meeting
    window's top left, hiding the clock, the agenda and the board, with the keyboard left behind
    it: Esc did not close it."""
    w = meeting_window
    assert len(w.screen().virtualSiblings()) == 1  # the test platform's one screen
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    projector = w.projector
    qtbot.waitUntil(projector.isVisible)
    assert projector.isFullScreen()
    assert projector.geometry() == w.screen().geometry()
    qtbot.waitUntil(projector.isActiveWindow)
    way_back = projector.findChild(QLabel, "ProjectorWayBack")
    assert way_back is not None and way_back.isVisible()
    assert "Esc" in way_back.text() and "F5" in way_back.text()
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
        qtbot.keyClick(projector, key)
        qtbot.waitUntil(lambda: not projector.isVisible())
        qtbot.waitUntil(w.isActiveWindow)  # the keyboard is back in the meeting window
        qtbot.keyClick(w, Qt.Key.Key_F5)
        qtbot.waitUntil(projector.isActiveWindow)


TWO_SCREENS = {
    "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768},
        {"name": "projector", "x": 1366, "y": 0, "width": 1920, "height": 1080},
    ]
}

ON_TWO_SCREENS = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from facilitator.demo import create_demo
from facilitator.store import Workspace
from ui.main_window import MainWindow
from ui.session import Session
from ui.settings import SettingsStore
app = QApplication([])
ws = Workspace.open(Path(sys.argv[1]))
meeting = create_demo(ws)
window = MainWindow(Session(ws), SettingsStore(QSettings(sys.argv[2], QSettings.Format.IniFormat)))
window.open_meeting(meeting)
window.show()
app.processEvents()
window.toggle_projector()
app.processEvents()
projector = window.projector
shown = projector.isVisible() and projector.isFullScreen()
print(window.screen().name(), projector.screen().name(), shown, projector.geometry().width(),
      projector.way_back.isVisible())
"""


def test_the_projector_goes_full_screen_on_the_second_screen(tmp_path: Path) -> None:
    """With a laptop and a projector attached (Qt's offscreen platform, told of two screens), the
    projector view fills the second screen and the window stays on the laptop's."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(TWO_SCREENS), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            ON_TWO_SCREENS,
            str(tmp_path / "w.sqlite3"),
            str(tmp_path / "s.ini"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    # No "Esc or F5: back" line: the meeting window is on the laptop's screen, with the keyboard.
    assert result.stdout.split() == ["laptop", "projector", "True", "1920", "False"]
