"""Preparing an IEP meeting, the roster says which members 34 CFR 300.321(a) names it lacks, and
keeps saying it as people are added, marked away, or the meeting becomes another kind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator import meetings
from facilitator.model import Attendance, MeetingId, MeetingKind, Role
from tests.ui.conftest import people
from tests.ui.keys import press, type_text
from ui.main_window import MainWindow

EVALUATIONS = (
    "No one on the roster is someone who can interpret evaluation results (34 CFR"
    " 300.321(a)(5): unless a member above can)."
)
GENERAL_ED = (
    "No one on the roster is a general-education teacher (34 CFR 300.321(a)(2): if the child"
    " is, or may be, in general education)."
)


def test_the_roster_says_whom_an_iep_meeting_lacks_as_it_changes(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = window
    w.open_meeting(planned)
    w.activateWindow()
    roster = w.prepare.view.roster
    assert roster.team_note.isVisible()
    assert roster.team_note.text().splitlines() == [GENERAL_ED, EVALUATIONS]

    roster.focus_add()  # a general-education teacher joins, from the keyboard
    type_text(qtbot, roster.new.name, "Dana Kim")
    roster.new.role.setCurrentIndex(roster.new.role.findData(Role.GENERAL_ED_TEACHER.value))
    press(qtbot, roster.new.name, Qt.Key.Key_Return)
    teachers = w.session.ws.scalar(
        "SELECT count(*) FROM participants WHERE meeting_id = ? AND role = ?",
        (planned, Role.GENERAL_ED_TEACHER.value),
    )
    assert teachers == 1
    assert roster.team_note.text().splitlines() == [EVALUATIONS]

    ws, marcus = w.session.ws, people(w.session.ws, planned)["Marcus"]
    w.session.run(
        "Excuse Marcus",
        lambda: meetings.mark_attendance(ws, participant_id=marcus, attendance=Attendance.EXCUSED),
    )
    assert roster.team_note.text().splitlines() == [
        "The roster has a district (LEA) representative only as excused (34 CFR 300.321(a)(4)):"
        " an excusal takes the parent's and the district's written agreement and, when the"
        " member's area is discussed, the member's written input, given to the parent and the"
        " team before the meeting (34 CFR 300.321(e)).",
        EVALUATIONS,
    ]

    w.session.run(
        "A dialogue",
        lambda: meetings.update_meeting(ws, meeting_id=planned, kind=MeetingKind.PRE_IEP_DIALOGUE),
    )
    assert not roster.team_note.isVisible()  # a pre-IEP dialogue has no team the rule names
