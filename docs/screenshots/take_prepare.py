"""Take the prepare-mode screenshot: run at 1366x768 from the repository root, under Xvfb

    xvfb-run -a -s "-screen 0 1366x768x24" /tmp/venv/bin/python docs/screenshots/take_prepare.py

or offscreen (QT_QPA_PLATFORM=offscreen). Writes prepare-mode.png here: a resolution meeting
being prepared in the sample case, after the district received the parents' due-process complaint.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from facilitator import board, meetings
from facilitator.clock import FakeClock, format_timestamp
from facilitator.demo import create_demo
from facilitator.meetings import NewParticipant
from facilitator.model import CaseId, HeldBy, MeetingId, Role
from facilitator.preparation import meeting_from_template
from facilitator.store import Workspace
from facilitator.templates import find_template
from ui.main_window import MainWindow
from ui.qt_compat import keep_none_alive
from ui.session import Session
from ui.settings import SettingsStore
from ui.style import use_style

HERE = Path(__file__).resolve().parent
PEOPLE = [
    NewParticipant("Ana Rodríguez", Role.PARENT, language="Spanish"),
    NewParticipant("Luis Rodríguez", Role.PARENT, language="Spanish"),
    NewParticipant("Carmen Díaz", Role.INTERPRETER, language="Spanish"),
    NewParticipant("Marcus Lee", Role.DISTRICT_REPRESENTATIVE),
    NewParticipant("Priya Natarajan", Role.SPECIAL_ED_TEACHER),
    NewParticipant("Sam Rivera", Role.FACILITATOR),
]


def resolution_meeting(ws: Workspace) -> MeetingId:
    """The sample case, a complaint received eight days ago, and its resolution meeting."""
    create_demo(ws)
    case_id = CaseId(ws.scalar("SELECT id FROM cases ORDER BY id DESC LIMIT 1"))
    today = ws.clock.now().astimezone().date()
    meetings.set_complaint_received(ws, case_id=case_id, on=today - timedelta(days=8))
    start = ws.clock.now().astimezone().replace(hour=15, minute=30) + timedelta(days=5)
    meeting_id = MeetingId(
        meeting_from_template(
            ws, case_id=case_id, template=find_template("resolution_meeting"),
            title="Resolution meeting: reading services",
            scheduled_start=format_timestamp(start),
            planned_end=format_timestamp(start + timedelta(minutes=80)),
            location="District office, room 204", participants=PEOPLE,
        ).created_id
        or 0
    )  # fmt: skip
    for text, who in [
        ("Reading support was cut without telling us", 0),
        ("Maya is still two grade levels behind in reading", 1),
    ]:
        person = ws.scalar(
            "SELECT id FROM participants WHERE meeting_id = ? ORDER BY position LIMIT 1 OFFSET ?",
            (meeting_id, who),
        )
        board.add_concern(ws, meeting_id=meeting_id, text=text, raised_by=person)
    for text, basis, held_by, team_only in [
        ("Services follow current evaluation data", "34 CFR 300.324(a)", HeldBy.SCHOOL, False),
        ("Written updates in Spanish", "34 CFR 300.503(c)", HeldBy.FAMILY, False),
        ("No private-school placement", "Board policy 6.4", HeldBy.SCHOOL, True),
    ]:
        board.add_non_negotiable(
            ws, meeting_id=meeting_id, text=text, basis=basis, held_by=held_by, team_only=team_only
        )
    for text, team_only in [
        ("Push-in reading support, 30 minutes daily", False),
        ("Compensatory tutoring over the summer", True),
    ]:
        board.add_solution(ws, meeting_id=meeting_id, text=text, team_only=team_only)
    return meeting_id


def main() -> int:
    keep_none_alive()
    app = QApplication(sys.argv[:1])
    use_style(app)  # as the app does
    folder = Path(tempfile.mkdtemp(prefix="facilitator-shots-"))
    clock = FakeClock(datetime.now(UTC).replace(hour=17, minute=0, second=0, microsecond=0))
    ws = Workspace.open(folder / "workspace.sqlite3", clock=clock)
    meeting_id = resolution_meeting(ws)
    settings = SettingsStore(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    settings.update(holidays=(clock.now().date() + dt.timedelta(days=10),))
    window = MainWindow(Session(ws), settings)
    window.open_meeting(meeting_id)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(HERE / "prepare-mode.png"))
    print(f"screenshot written to {HERE / 'prepare-mode.png'}")
    window.close()
    ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
