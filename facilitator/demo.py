"""A realistic sample case: a pre-IEP dialogue and the facilitated IEP meeting that followed.

Every name is invented. The meetings are built through the same operations the window uses, with a
fake clock, so the sample's audit log is as real as any other.
"""

from __future__ import annotations

import random
from datetime import timedelta

from facilitator import board, live, meetings
from facilitator.clock import FakeClock, format_timestamp
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import (
    ActionItemId,
    ActionStatus,
    CaseId,
    ConcernId,
    ConcernStatus,
    HeldBy,
    MeetingId,
    MeetingKind,
    ParticipantId,
    Role,
    Side,
    SolutionId,
    SolutionStatus,
)
from facilitator.store import Workspace

FAMILY = [
    NewParticipant("Ana Rodríguez", Role.PARENT, language="Spanish"),
    NewParticipant("Luis Rodríguez", Role.PARENT, language="Spanish"),
    NewParticipant("Dana Whitfield", Role.ADVOCATE),
]
SCHOOL = [
    NewParticipant("Priya Natarajan", Role.SPECIAL_ED_TEACHER),
    NewParticipant("Tom Becker", Role.GENERAL_ED_TEACHER),
    NewParticipant("Dr. Helen Cho", Role.EVALUATION_INTERPRETER),
    NewParticipant("Jordan Ellis", Role.RELATED_SERVICES),
    NewParticipant("Marcus Lee", Role.DISTRICT_REPRESENTATIVE),
]
NEUTRAL = [
    NewParticipant("Carmen Ortiz", Role.INTERPRETER, language="Spanish"),
    NewParticipant("Sam Rivera", Role.FACILITATOR),
]

# The schema has no mark for the sample: it is known by these, exactly as `create_demo` stores
# them (never translated; a case the user renames is no longer taken for the sample).
SAMPLE_CASE_LABEL = "Maya Rodríguez, grade 4 (sample)"
SAMPLE_MEETING_TITLE = "Annual IEP meeting (facilitated)"

AGENDA = [
    NewAgendaItem("Welcome, purpose and the facilitator's role", 5),
    NewAgendaItem("Introductions and one strength of Maya", 8),
    NewAgendaItem("Desired outcomes, agenda, end time and ground rules", 5),
    NewAgendaItem("Family's hopes and concerns", 15),
    NewAgendaItem("Present levels: evaluation results", 15),
    NewAgendaItem("Progress on current goals", 10),
    NewAgendaItem("Proposed annual goals and how progress is measured", 15),
    NewAgendaItem("Services, supports and placement (LRE, ESY)", 20),
    NewAgendaItem("Confirm agreements and the action plan", 10),
    NewAgendaItem("Next steps and debrief", 5),
]


def find_demo(ws: Workspace) -> MeetingId | None:
    """The sample case's facilitated IEP meeting, if the workspace holds it (the first made, should
    there be more than one); None if not."""
    found = ws.scalar(
        "SELECT meetings.id FROM meetings JOIN cases ON cases.id = meetings.case_id"
        " WHERE cases.label = ? AND meetings.kind = ? AND meetings.title = ?"
        " ORDER BY meetings.id LIMIT 1",
        (SAMPLE_CASE_LABEL, MeetingKind.FACILITATED_IEP.value, SAMPLE_MEETING_TITLE),
    )
    return None if found is None else MeetingId(found)


def create_demo(ws: Workspace) -> MeetingId:
    """Add the sample case; returns the facilitated IEP meeting's id."""
    start = (ws.clock.now() - timedelta(days=7)).replace(
        hour=21, minute=30, second=0, microsecond=0
    )
    clock = FakeClock(start - timedelta(days=21))
    demo = Workspace(ws.conn, ws.path, clock)
    case_id = CaseId(meetings.create_case(demo, label=SAMPLE_CASE_LABEL).created_id or 0)
    _pre_iep_dialogue(demo, case_id, clock)
    clock.set(start - timedelta(minutes=20))
    return _facilitated_meeting(demo, case_id, clock, start)


def _pre_iep_dialogue(ws: Workspace, case_id: CaseId, clock: FakeClock) -> MeetingId:
    meeting_id = MeetingId(
        meetings.create_meeting(
            ws,
            case_id=case_id,
            kind=MeetingKind.PRE_IEP_DIALOGUE,
            title="Pre-IEP dialogue",
            scheduled_start=format_timestamp(clock.now()),
            location="Lincoln Elementary, library",
            purpose="Share assessment summaries and hear the family's hopes before the annual IEP"
            " meeting. This meeting makes no decisions.",
            participants=[FAMILY[0], FAMILY[1], NEUTRAL[0], SCHOOL[0], SCHOOL[2], NEUTRAL[1]],
            agenda=[
                NewAgendaItem("Welcome and purpose", 5),
                NewAgendaItem("Assessment summaries", 15),
                NewAgendaItem("Family's hopes and concerns", 15),
                NewAgendaItem("What to bring to the IEP meeting", 5),
            ],
        ).created_id
        or 0
    )
    people = _people(ws, meeting_id)
    live.start_meeting(ws, meeting_id=meeting_id)
    rng = random.Random(3)
    for _ in range(4):
        for _ in range(5):
            live.switch_speaker(ws, meeting_id=meeting_id, participant_id=rng.choice(people))
            clock.advance(seconds=rng.randint(40, 160))
        live.next_item(ws, meeting_id=meeting_id)
    board.add_concern(
        ws, meeting_id=meeting_id, text="Maya is two grade levels behind in reading fluency",
        raised_by=people[0], status=ConcernStatus.PARKED,
    )  # fmt: skip
    board.add_action_item(
        ws, meeting_id=meeting_id, text="Send the evaluation summary in Spanish before the IEP"
        " meeting", owner_participant_id=people[4], due_date=_date(clock, 7),
    )  # fmt: skip
    summary = ActionItemId(
        ws.scalar("SELECT max(id) FROM action_items WHERE meeting_id = ?", (meeting_id,))
    )
    board.set_action_status(ws, action_id=summary, status=ActionStatus.DONE)
    board.add_action_item(
        ws, meeting_id=meeting_id, text="Share the private speech-language report with the school",
        owner_participant_id=people[0], due_date=_date(clock, 14),
    )  # fmt: skip
    live.end_meeting(ws, meeting_id=meeting_id)
    return meeting_id


def _facilitated_meeting(
    ws: Workspace, case_id: CaseId, clock: FakeClock, start: object
) -> MeetingId:
    meeting_id = MeetingId(
        meetings.create_meeting(
            ws,
            case_id=case_id,
            kind=MeetingKind.FACILITATED_IEP,
            title=SAMPLE_MEETING_TITLE,
            scheduled_start=format_timestamp(clock.now() + timedelta(minutes=20)),
            planned_end=format_timestamp(clock.now() + timedelta(minutes=20 + 110)),
            location="Lincoln Elementary, conference room B",
            purpose="Review Maya's present levels, agree on annual goals and decide services,"
            " supports and placement.",
            desired_outcomes="A complete IEP the family and school can support\n"
            "A clear action plan with owners and dates",
            ground_rules="Start and end on time\nOne person speaks at a time\n"
            "Everyone shares views and questions\nFocus on Maya's success",
            template="facilitated_iep_meeting",
            participants=[*FAMILY, *SCHOOL, *NEUTRAL],
            agenda=AGENDA,
        ).created_id
        or 0
    )
    p = _people(ws, meeting_id)
    ana, luis, dana, priya, tom, helen, jordan, marcus, carmen, sam = p
    _preload(ws, meeting_id, p)
    clock.advance(minutes=20)
    live.start_meeting(ws, meeting_id=meeting_id)
    rng = random.Random(11)
    family, school = [ana, luis, dana], [priya, tom, helen, jordan, marcus]
    concerns = _concern_ids(ws, meeting_id)
    for index in range(len(AGENDA)):
        speakers = [sam] + [rng.choice(family if rng.random() < 0.42 else school) for _ in range(6)]
        for turn, speaker in enumerate(speakers):
            live.switch_speaker(ws, meeting_id=meeting_id, participant_id=speaker)
            clock.advance(seconds=rng.randint(25, 150))
            if speaker in (ana, luis) and turn % 2:
                # The interpreter renders what the parents said.
                live.switch_speaker(ws, meeting_id=meeting_id, participant_id=carmen)
                clock.advance(seconds=rng.randint(15, 60))
        if index == 3:
            live.raise_hand(ws, meeting_id=meeting_id, participant_id=tom)
            board.add_concern(
                ws, meeting_id=meeting_id, text="Maya avoids writing tasks and gets frustrated",
                raised_by=ana,
            )  # fmt: skip
            concerns = _concern_ids(ws, meeting_id)
        if index == 7:
            _options(ws, meeting_id, p, concerns)
        live.pause(ws, meeting_id=meeting_id)
        clock.advance(seconds=20)
        live.next_item(ws, meeting_id=meeting_id)
    _decisions(ws, meeting_id, p, concerns, clock)
    live.end_meeting(ws, meeting_id=meeting_id)
    return meeting_id


def _preload(ws: Workspace, meeting_id: MeetingId, p: list[ParticipantId]) -> None:
    ana, luis, dana, priya, tom, helen, jordan, marcus, carmen, sam = p
    concerns = [
        ("Reading fluency is two grade levels below her class", ana, ConcernStatus.ADDRESSED),
        ("Leaving class for pull-out makes Maya anxious", luis, ConcernStatus.ADDRESSED),
        ("Home and school do not hear from each other often enough", ana, ConcernStatus.ADDRESSED),
        ("Speech-language minutes were reduced last year", dana, ConcernStatus.PARKED),
        ("Homework takes over two hours a night", luis, ConcernStatus.DISCUSSING),
        ("Conflicts at recess in the fall", tom, ConcernStatus.ADDRESSED),
    ]
    for text, who, status in concerns:
        board.add_concern(ws, meeting_id=meeting_id, text=text, raised_by=who, status=status)
    board.add_concern(
        ws, meeting_id=meeting_id, text="Occupational therapy may start late: the district has"
        " one OT for four schools", raised_by=marcus, team_only=True,
    )  # fmt: skip
    for text, basis, held_by, team_only in [
        ("Services follow current evaluation data", "34 CFR 300.324(a)", HeldBy.SCHOOL, False),
        ("Placement in the least restrictive environment", "34 CFR 300.114", HeldBy.SCHOOL, False),
        ("Maya stays with her class for reading", "Her friendships and confidence", HeldBy.FAMILY,
         False),
        ("Written updates in Spanish every two weeks", "The parents' native language,"
         " 34 CFR 300.503(c)", HeldBy.FAMILY, False),
        ("No one-to-one aide this school year", "Budget already committed", HeldBy.SCHOOL, True),
    ]:  # fmt: skip
        board.add_non_negotiable(
            ws, meeting_id=meeting_id, text=text, basis=basis, held_by=held_by, team_only=team_only
        )
    board.add_note(
        ws, meeting_id=meeting_id, text="Advocate asked in advance for the evaluation protocols;"
        " Dr. Cho will bring them.",
    )  # fmt: skip


def _options(
    ws: Workspace, meeting_id: MeetingId, p: list[ParticipantId], concerns: list[ConcernId]
) -> None:
    ana, luis, dana, priya, tom, helen, jordan, marcus, carmen, sam = p
    reading, anxiety, contact, speech, homework, recess, ot, writing = concerns
    for text, who, addresses, team_only in [
        ("Push-in reading support in the classroom, 30 minutes daily", priya, [reading, anxiety],
         False),
        ("Pull-out reading group, 45 minutes daily", helen, [reading], False),
        ("Private reading tutoring paid by the district", dana, [reading], False),
        ("Bilingual home-school notebook, sent home every Friday", ana, [contact], False),
        ("Increase speech-language services to 60 minutes a week", dana, [speech], False),
        ("Trial of speech-to-text software for writing assignments", jordan, [writing], False),
        ("Cap homework at 45 minutes a night for six weeks", luis, [homework], False),
        ("Ask the neighbouring district for a contract OT", marcus, [ot], True),
    ]:  # fmt: skip
        board.add_solution(
            ws, meeting_id=meeting_id, text=text, proposed_by=who, addresses=addresses,
            team_only=team_only,
        )  # fmt: skip


def _decisions(
    ws: Workspace,
    meeting_id: MeetingId,
    p: list[ParticipantId],
    concerns: list[ConcernId],
    clock: FakeClock,
) -> None:
    ana, luis, dana, priya, tom, helen, jordan, marcus, carmen, sam = p
    options = [
        SolutionId(r["id"])
        for r in ws.rows("SELECT id FROM solutions WHERE meeting_id = ? ORDER BY id", (meeting_id,))
    ]
    push_in, pull_out, tutoring, notebook, speech, speech_to_text, homework, _ = options
    outcomes = [
        (push_in, SolutionStatus.AGREED, ""),
        (pull_out, SolutionStatus.NOT_AGREED, "Leaving class raises Maya's anxiety, and push-in"
         " support works on the same reading goal inside her classroom."),
        (tutoring, SolutionStatus.NOT_AGREED, "The team will first try daily push-in support"
         " with progress checks every three weeks; the family may ask to revisit this at the"
         " nine-week review."),
        (notebook, SolutionStatus.AGREED, ""),
        (speech, SolutionStatus.PARKED, "Waiting for the updated speech-language evaluation."),
        (speech_to_text, SolutionStatus.AGREED, ""),
        (homework, SolutionStatus.AGREED, ""),
    ]  # fmt: skip
    for option, status, reason in outcomes:
        board.decide_solution(ws, solution_id=option, status=status, reason=reason)
    for text, option in [
        ("Maya receives push-in reading support in her classroom, 30 minutes daily, starting"
         " Monday.", push_in),
        ("Ms. Natarajan sends a bilingual notebook home every Friday; the family replies by"
         " Monday.", notebook),
        ("Maya tries speech-to-text software for writing assignments for six weeks.",
         speech_to_text),
        ("Homework is capped at 45 minutes a night for six weeks, then reviewed.", homework),
    ]:  # fmt: skip
        board.add_agreement(ws, meeting_id=meeting_id, text=text, solution_id=option)
    board.set_concern_status(ws, concern_id=concerns[-1], status=ConcernStatus.DISCUSSING)
    for text, who, days in [
        ("Schedule the updated speech-language evaluation", jordan, 14),
        ("Set up the push-in reading schedule with Mr. Becker", priya, 5),
        ("Install and show Maya the speech-to-text software", jordan, 10),
        ("Send the draft IEP in Spanish to the family", marcus, 7),
        ("Reply in the home-school notebook each Monday", ana, 10),
    ]:
        board.add_action_item(
            ws, meeting_id=meeting_id, text=text, owner_participant_id=who,
            due_date=_date(clock, days),
        )  # fmt: skip
    board.add_action_item(
        ws, meeting_id=meeting_id, text="Ask the neighbouring district about a contract OT",
        owner_participant_id=marcus, due_date=_date(clock, 10), team_only=True,
    )  # fmt: skip
    board.add_note(
        ws, meeting_id=meeting_id, text="Family side spoke far less in the goals item; offered"
        " a round robin, which helped.",
    )  # fmt: skip
    board.add_note(
        ws, meeting_id=meeting_id, text="The family received the procedural safeguards notice"
        " in Spanish.", team_only=False,
    )  # fmt: skip


def _people(ws: Workspace, meeting_id: MeetingId) -> list[ParticipantId]:
    return [
        ParticipantId(r["id"])
        for r in ws.rows(
            "SELECT id FROM participants WHERE meeting_id = ? ORDER BY position", (meeting_id,)
        )
    ]


def _concern_ids(ws: Workspace, meeting_id: MeetingId) -> list[ConcernId]:
    return [
        ConcernId(r["id"])
        for r in ws.rows("SELECT id FROM concerns WHERE meeting_id = ? ORDER BY id", (meeting_id,))
    ]


def _date(clock: FakeClock, days: int) -> str:
    return (clock.now() + timedelta(days=days)).date().isoformat()


__all__ = ["Side", "create_demo", "find_demo"]
