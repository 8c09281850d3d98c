"""Take the window's screenshots: run under Xvfb at 1366x768 from the repository root:

    xvfb-run -a -s "-screen 0 1366x768x24" /tmp/venv/bin/python docs/screenshots/take.py

Writes run-mode.png (a live meeting part-way through), help-overlay.png and projector.png here.
The meeting is made live through the core's own operations with a fake clock.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from facilitator import board, live, meetings
from facilitator.clock import FakeClock, format_timestamp
from facilitator.demo import AGENDA, FAMILY, NEUTRAL, SCHOOL
from facilitator.model import CaseId, ConcernStatus, HeldBy, MeetingId, MeetingKind, SolutionStatus
from facilitator.store import Workspace
from ui.main_window import MainWindow
from ui.qt_compat import keep_none_alive
from ui.session import Session
from ui.settings import SettingsStore
from ui.style import use_style

HERE = Path(__file__).resolve().parent


def live_meeting(ws: Workspace, clock: FakeClock) -> MeetingId:
    """A facilitated IEP meeting 50 minutes in, on the family's hopes and concerns."""
    case = meetings.create_case(ws, label="Maya Rodríguez, grade 4 (sample)")
    meeting_id = MeetingId(
        meetings.create_meeting(
            ws,
            case_id=CaseId(case.created_id or 0),
            kind=MeetingKind.FACILITATED_IEP,
            title="Annual IEP meeting (facilitated)",
            planned_end=format_timestamp(clock.now() + timedelta(minutes=110)),
            location="Lincoln Elementary, conference room B",
            participants=[*FAMILY, *SCHOOL, *NEUTRAL],
            agenda=AGENDA,
        ).created_id
        or 0
    )
    people = [
        r["id"]
        for r in ws.rows(
            "SELECT id FROM participants WHERE meeting_id = ? ORDER BY position", (meeting_id,)
        )
    ]
    ana, luis, dana, priya, tom, helen, jordan, marcus, carmen, sam = people
    for text, basis, held_by, team_only in [
        ("Services follow current evaluation data", "34 CFR 300.324(a)", HeldBy.SCHOOL, False),
        ("Placement in the least restrictive environment", "34 CFR 300.114", HeldBy.SCHOOL, False),
        ("Maya stays with her class for reading", "Her friendships", HeldBy.FAMILY, False),
        ("Written updates in Spanish", "34 CFR 300.503(c)", HeldBy.FAMILY, False),
        ("No one-to-one aide this year", "Budget already committed", HeldBy.SCHOOL, True),
    ]:
        board.add_non_negotiable(
            ws, meeting_id=meeting_id, text=text, basis=basis, held_by=held_by, team_only=team_only
        )
    rng = random.Random(7)
    live.start_meeting(ws, meeting_id=meeting_id)
    for item in range(4):
        for _ in range(6):
            who = rng.choice([sam, ana, priya, tom, helen, dana, marcus, carmen])
            live.switch_speaker(ws, meeting_id=meeting_id, participant_id=who)
            clock.advance(seconds=rng.randint(30, 110))
        if item < 3:
            live.next_item(ws, meeting_id=meeting_id)
    clock.advance(minutes=9)  # the family's item runs over its time box
    concerns = []
    for text, who, status, team_only in [
        ("Reading fluency is two grade levels below her class", ana, ConcernStatus.DISCUSSING, 0),
        ("Leaving class for pull-out makes Maya anxious", luis, ConcernStatus.RAISED, 0),
        ("Homework takes over two hours a night", luis, ConcernStatus.RAISED, 0),
        ("Home and school do not hear from each other often", ana, ConcernStatus.ADDRESSED, 0),
        ("Speech-language minutes were reduced last year", dana, ConcernStatus.PARKED, 0),
        ("OT may start late: one OT for four schools", marcus, ConcernStatus.RAISED, 1),
    ]:
        change = board.add_concern(
            ws, meeting_id=meeting_id, text=text, raised_by=who, status=status,
            team_only=bool(team_only),
        )  # fmt: skip
        concerns.append(change.created_id or 0)
    for text, who, addresses in [
        ("Push-in reading support in class, 30 minutes daily", priya, [concerns[0], concerns[1]]),
        ("Pull-out reading group, 45 minutes daily", helen, [concerns[0]]),
        ("Bilingual home-school notebook every Friday", ana, [concerns[3]]),
    ]:
        board.add_solution(
            ws, meeting_id=meeting_id, text=text, proposed_by=who, addresses=addresses
        )
    sql = "SELECT id FROM solutions WHERE meeting_id = ? ORDER BY id"
    options = [r["id"] for r in ws.rows(sql, (meeting_id,))]
    board.decide_solution(
        ws, solution_id=options[1], status=SolutionStatus.NOT_AGREED,
        reason="Leaving class raises Maya's anxiety",
    )  # fmt: skip
    board.decide_solution(ws, solution_id=options[2], status=SolutionStatus.AGREED)
    board.add_agreement(ws, meeting_id=meeting_id, text="A bilingual notebook goes home on Fridays")
    board.add_action_item(
        ws, meeting_id=meeting_id, text="Start the notebook", owner_participant_id=priya,
        due_date=(clock.now() + timedelta(days=5)).date().isoformat(),
    )  # fmt: skip
    board.add_note(ws, meeting_id=meeting_id, text="Family side quieter in present levels")
    live.raise_hand(ws, meeting_id=meeting_id, participant_id=tom)
    clock.advance(seconds=40)
    live.raise_hand(ws, meeting_id=meeting_id, participant_id=luis)
    live.switch_speaker(ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=75)
    return meeting_id


def main() -> int:
    keep_none_alive()
    app = QApplication(sys.argv[:1])
    use_style(app)  # as the app does
    folder = Path(tempfile.mkdtemp(prefix="facilitator-shots-"))
    start = datetime.now(UTC).replace(hour=18, minute=0, second=0, microsecond=0)
    clock = FakeClock(start)
    ws = Workspace.open(folder / "workspace.sqlite3", clock=clock)
    meeting_id = live_meeting(ws, clock)
    settings = SettingsStore(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    session = Session(ws)
    window = MainWindow(session, settings)
    session.meeting_id = meeting_id  # shown as live, without a resume: the clock never stopped
    session.meeting_opened.emit(meeting_id)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(HERE / "run-mode.png"))
    window.toggle_help()
    app.processEvents()
    window.grab().save(str(HERE / "help-overlay.png"))
    window.toggle_help()
    settings.update(projector_talk_times=True)
    window.toggle_projector()
    window.projector.setGeometry(0, 0, 1366, 768)
    for _ in range(5):
        app.processEvents()
    window.projector.grab().save(str(HERE / "projector.png"))
    print(f"screenshots written to {HERE}")
    window.close()
    ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
