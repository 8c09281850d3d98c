"""Word minutes: every section holds what a parent (or the team) needs, in plain words."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from facilitator import board, live, meetings
from facilitator.clock import FakeClock, parse_timestamp
from facilitator.demo import create_demo
from facilitator.errors import NotFound
from facilitator.minutes import default_file_name, write_minutes
from facilitator.model import Attendance, CaseId, MeetingId, MeetingKind
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting
from tests.facilitator.minutes_reading import Reading, meeting_of_kind, read_docx

EXPORTED = datetime(2026, 11, 29, 18, 0, 5, tzinfo=UTC)
CENTRAL = ZoneInfo("America/Chicago")


@pytest.fixture
def demo(fresh_ws: Workspace) -> tuple[Workspace, MeetingId]:
    return fresh_ws, create_demo(fresh_ws)


@pytest.fixture
def parent_copy(demo: tuple[Workspace, MeetingId], tmp_path: Path, central: None) -> Reading:
    """The sample's parent copy, in English (its family's language, Spanish, is the default:
    see test_minutes_language)."""
    ws, meeting_id = demo
    out = tmp_path / "parent.docx"
    return read_docx(write_minutes(ws, meeting_id, out, now=EXPORTED, language="en"))


@pytest.fixture
def team_copy(demo: tuple[Workspace, MeetingId], tmp_path: Path, central: None) -> Reading:
    ws, meeting_id = demo
    out = tmp_path / "team.docx"
    return read_docx(write_minutes(ws, meeting_id, out, audience="team", now=EXPORTED))


def _clock(when: str) -> str:
    local = parse_timestamp(when).astimezone(CENTRAL)
    return f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def test_the_title_block_names_meeting_case_date_local_times_place_and_facilitator(
    parent_copy: Reading, demo: tuple[Workspace, MeetingId]
) -> None:
    ws, meeting_id = demo
    ended = ws.scalar("SELECT ended_at FROM meetings WHERE id = ?", (meeting_id,))
    assert parent_copy.paragraphs("Minutes Title") == ["Annual IEP meeting (facilitated)"]
    assert parent_copy.paragraphs("Minutes Subtitle") == ["Minutes: Facilitated IEP meeting"]
    details = parent_copy.paragraphs("Minutes Detail") + parent_copy.paragraphs(
        "Minutes Detail Last"
    )
    assert details == [
        "Meeting\tFacilitated IEP meeting",
        "Case\tMaya Rodríguez, grade 4 (sample)",
        "Date\tSunday, November 22, 2026",
        f"Time\t3:30 PM to {_clock(ended)} CST",  # 21:30 UTC is 3:30 PM in Chicago
        "Location\tLincoln Elementary, conference room B",
        "Facilitator\tSam Rivera",
        "Copy\tParent copy",
    ]
    assert parent_copy.paragraphs("Minutes Draft") == []


def test_purpose_says_the_meeting_can_decide_and_lists_desired_outcomes(
    parent_copy: Reading,
) -> None:
    purpose = parent_copy.section("Purpose")
    assert ("Minutes Body", "Review Maya's present levels, agree on annual goals and decide"
            " services, supports and placement.") in purpose  # fmt: skip
    assert (
        "Minutes Notice",
        "This meeting can make decisions. They are listed under “Agreements”.",
    ) in purpose
    bullets = parent_copy.section_paragraphs("Purpose", "Minutes Bullet")
    assert bullets[:2] == [
        "A complete IEP the family and school can support",
        "A clear action plan with owners and dates",
    ]
    assert "One person speaks at a time" in bullets


def test_participants_table_gives_role_side_and_attendance(parent_copy: Reading) -> None:
    table = parent_copy.table("Participants")
    assert table[0] == ["Name", "Role", "Side", "Attendance"]
    assert ["Ana Rodríguez", "Parent (Spanish)", "Family", "Present"] in table
    assert ["Marcus Lee", "District representative (LEA)", "School", "Present"] in table
    assert ["Carmen Ortiz", "Interpreter (Spanish)", "Neutral", "Present"] in table
    assert len(table) == 1 + 10


def test_attendance_says_absent_excused_and_late_or_early_with_the_local_time(
    fresh_ws: Workspace, clock: FakeClock, tmp_path: Path, central: None
) -> None:
    meeting_id, (ana, priya, tom, sam) = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    meetings.update_participant(fresh_ws, participant_id=ana, attendance="absent")
    meetings.update_participant(fresh_ws, participant_id=priya, attendance="excused")
    clock.advance(minutes=10)  # 15:10 UTC is 9:10 AM in Chicago
    meetings.mark_attendance(fresh_ws, participant_id=tom, attendance=Attendance.ARRIVED_LATE)
    clock.advance(minutes=30)
    meetings.mark_attendance(fresh_ws, participant_id=sam, attendance=Attendance.LEFT_EARLY)

    table = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "m.docx")).table(
        "Participants"
    )

    assert [row[3] for row in table[1:]] == [
        "Absent",
        "Excused",
        "Arrived late, at 9:10 AM",
        "Left early, at 9:40 AM",
    ]


def test_agenda_table_gives_planned_and_actual_minutes_with_totals(
    parent_copy: Reading, demo: tuple[Workspace, MeetingId]
) -> None:
    table = parent_copy.table("Agenda")
    assert table[0] == ["#", "Item", "Planned", "Actual"]
    assert table[1][:3] == ["1", "Welcome, purpose and the facilitator's role", "5 min"]
    assert all(row[3].endswith(" min") for row in table[1:])
    assert table[-1][1:3] == ["Total", "108 min"]
    assert len(table) == 1 + 10 + 1


def test_concerns_say_who_raised_them_and_where_they_stand(parent_copy: Reading) -> None:
    table = parent_copy.table("Concerns raised")
    assert table[0] == ["Concern", "Raised by", "Status"]
    assert [
        "Reading fluency is two grade levels below her class",
        "Ana Rodríguez (Parent)",
        "Addressed",
    ] in table
    assert [
        "Speech-language minutes were reduced last year",
        "Dana Whitfield (Advocate)",
        "Parked for a later meeting",
    ] in table
    assert ["Homework takes over two hours a night", "Luis Rodríguez (Parent)",
            "Still being discussed"] in table  # fmt: skip


def test_non_negotiables_of_each_side_come_with_their_basis(parent_copy: Reading) -> None:
    family, school = (
        parent_copy.table("Non-negotiables", 0),
        parent_copy.table("Non-negotiables", 1),
    )
    assert family[1:] == [
        ["Maya stays with her class for reading", "Her friendships and confidence"],
        [
            "Written updates in Spanish every two weeks",
            "The parents' native language, 34 CFR 300.503(c)",
        ],
    ]
    assert ["Services follow current evaluation data", "34 CFR 300.324(a)"] in school
    headings = parent_copy.section_paragraphs("Non-negotiables", "Heading 2")
    assert headings == ["Held by the family", "Held by the school"]


def _option(reading: Reading, text: str) -> list[str]:
    """An option's paragraph and the detail lines under it."""
    blocks = reading.section("Options considered")
    start = blocks.index(("Minutes Option", text))
    details = []
    for style, line in blocks[start + 1 :]:
        if style != "Minutes Option Detail":
            break
        details.append(str(line))
    return details


def test_an_agreed_option_names_who_proposed_it_and_the_concerns_it_addresses(
    parent_copy: Reading,
) -> None:
    blocks = parent_copy.section("Options considered")
    agreed = blocks.index(("Heading 2", "Agreed"))
    push_in = "Push-in reading support in the classroom, 30 minutes daily"
    option = blocks.index(("Minutes Option", push_in))
    assert agreed < option < blocks.index(("Heading 2", "Considered and not agreed"))
    assert _option(parent_copy, push_in) == [
        "Proposed by: Priya Natarajan (Special education teacher)",
        "Addresses: Reading fluency is two grade levels below her class; Leaving class for"
        " pull-out makes Maya anxious",
    ]


def test_a_not_agreed_option_gives_the_reason_for_the_prior_written_notice(
    parent_copy: Reading,
) -> None:
    assert _option(parent_copy, "Pull-out reading group, 45 minutes daily") == [
        "Why not agreed: Leaving class raises Maya's anxiety, and push-in support works on the"
        " same reading goal inside her classroom.",
        "Proposed by: Dr. Helen Cho (Evaluation specialist)",
        "Addresses: Reading fluency is two grade levels below her class",
    ]
    assert _option(parent_copy, "Private reading tutoring paid by the district")[0].startswith(
        "Why not agreed: The team will first try daily push-in support"
    )


def test_only_the_team_copy_says_the_reasons_can_serve_the_prior_written_notice(
    parent_copy: Reading, team_copy: Reading
) -> None:
    """An instruction to the school's staff, not news to the family."""
    assert parent_copy.section_paragraphs("Options considered", "Minutes Small") == [
        "Every option proposed, and what became of it."
    ]
    assert "300.503(b)(6)" not in "\n".join(parent_copy.parts.values())
    assert team_copy.section_paragraphs("Options considered", "Minutes Small") == [
        "Every option proposed, and what became of it.",
        "Team only The reasons for options not agreed can serve the prior written notice's “other"
        " options considered and the reasons why those options were rejected”"
        " (34 CFR 300.503(b)(6)).",
    ]


def test_a_parked_option_gives_its_reason_and_the_parking_lot_lists_what_carries_over(
    parent_copy: Reading,
) -> None:
    assert _option(parent_copy, "Increase speech-language services to 60 minutes a week")[0] == (
        "Why parked: Waiting for the updated speech-language evaluation."
    )
    lot = parent_copy.paragraphs()
    assert (
        "Parked concern: Speech-language minutes were reduced last year (raised by Dana"
        " Whitfield (Advocate))"
    ) in lot
    assert (
        "Parked option: Increase speech-language services to 60 minutes a week. Why parked:"
        " Waiting for the updated speech-language evaluation."
    ) in lot
    assert (
        "Open concern: Maya avoids writing tasks and gets frustrated (raised by Ana Rodríguez"
        " (Parent))"
    ) in lot


def test_the_parking_lot_names_who_raised_a_concern_only_when_someone_is_recorded(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, people = small_meeting(fresh_ws)
    board.add_concern(fresh_ws, meeting_id=meeting_id, text="Bus times", status="parked")
    board.add_concern(
        fresh_ws, meeting_id=meeting_id, text="Lunch", raised_by=people[0], status="parked"
    )
    english = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "en.docx", language="en"))
    spanish = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "es.docx", language="es"))
    assert english.paragraphs("Minutes Bullet")[:2] == [
        "Parked concern: Bus times",
        "Parked concern: Lunch (raised by Ana (Parent))",
    ]
    assert spanish.paragraphs("Minutes Bullet")[:2] == [
        "Inquietud aplazada: Bus times",
        "Inquietud aplazada: Lunch (planteada por Ana (Padre/madre))",
    ]
    assert english.table("Concerns raised")[1][:2] == ["Bus times", "Not recorded"]


def test_agreements_are_numbered_in_the_order_they_were_made(parent_copy: Reading) -> None:
    agreements = parent_copy.section_paragraphs("Agreements", "Minutes Numbered")
    assert len(agreements) == 4
    assert agreements[0].startswith("Maya receives push-in reading support in her classroom")
    assert agreements[3].startswith("Homework is capped at 45 minutes a night")


def test_action_table_lists_what_who_due_and_marks_items_carried_over(
    parent_copy: Reading,
) -> None:
    table = parent_copy.table("Action items")
    assert table[0] == ["What", "Who", "Due", "Status"]
    assert ["Set up the push-in reading schedule with Mr. Becker", "Priya Natarajan",
            "Nov 27, 2026", "Open"] in table  # fmt: skip
    assert ["Send the draft IEP in Spanish to the family", "Marcus Lee", "Nov 29, 2026",
            "Open"] in table  # fmt: skip
    assert table[-1] == [
        "Share the private speech-language report with the school\n"
        "From: Pre-IEP dialogue, Nov 1, 2026",
        "Ana Rodríguez",
        "Nov 15, 2026",
        "Carried over, overdue",  # due a week before this meeting: said in words
    ]
    assert len(table) == 1 + 5 + 1
    # Done items of earlier meetings do not carry over.
    assert "Send the evaluation summary in Spanish" not in parent_copy.section_text("Action items")


def test_an_item_carried_over_and_not_yet_due_is_still_open(
    demo: tuple[Workspace, MeetingId], tmp_path: Path, central: None
) -> None:
    ws, meeting_id = demo
    ws.conn.execute(
        "UPDATE action_items SET due_date = '2026-12-15' WHERE text LIKE 'Share the private%'"
    )  # later than the meeting's day
    out = write_minutes(ws, meeting_id, tmp_path / "p.docx", now=EXPORTED, language="en")
    assert read_docx(out).table("Action items")[-1][2:] == [
        "Dec 15, 2026",
        "Carried over, still open",
    ]


def test_next_steps_count_open_actions_and_say_whom_to_tell_about_mistakes(
    parent_copy: Reading,
) -> None:
    steps = parent_copy.section_paragraphs("Next steps", "Minutes Bullet")
    assert steps == [
        "No next meeting has been scheduled yet.",
        "6 action items are still open (see “Action items”). The earliest due date is"
        " November 15, 2026.",
        "If anything in these minutes is missing or not accurate, please tell Sam Rivera.",
    ]


def test_the_next_meeting_of_the_case_is_named_in_next_steps(
    demo: tuple[Workspace, MeetingId], tmp_path: Path, central: None
) -> None:
    ws, meeting_id = demo
    case_id = ws.scalar("SELECT case_id FROM meetings WHERE id = ?", (meeting_id,))
    meetings.create_meeting(
        ws, case_id=case_id, kind=MeetingKind.RECONVENED_IEP, title="Nine-week review",
        scheduled_start="2027-01-25T21:00:00.000Z", location="Lincoln Elementary, room B",
    )  # fmt: skip
    reading = read_docx(write_minutes(ws, meeting_id, tmp_path / "m.docx", language="en"))
    assert (
        "Next meeting: Nine-week review, Monday, January 25, 2027 at 3:00 PM, Lincoln Elementary,"
        " room B."
    ) in reading.paragraphs("Minutes Bullet")


def test_every_page_shows_page_x_of_y_from_fields(parent_copy: Reading) -> None:
    (footer,) = parent_copy.footers()
    assert "Page " in footer and " of " in footer
    assert '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in footer
    assert '<w:instrText xml:space="preserve"> NUMPAGES </w:instrText>' in footer
    assert footer.count('w:fldCharType="begin"') == 2
    assert "Exported November 29, 2026 at 12:00 PM" in footer  # local time


def test_document_properties_are_set_explicitly(parent_copy: Reading) -> None:
    props = parent_copy.doc.core_properties
    assert props.title == "Minutes: Annual IEP meeting (facilitated)"
    assert props.subject == "Facilitated IEP meeting, parent copy"
    assert (props.author, props.last_modified_by) == ("", "")
    assert props.created == props.modified == datetime(2026, 11, 29, 18, 0, 5, tzinfo=UTC)
    assert props.revision == 1
    assert (props.comments, props.keywords, props.category) == ("", "", "")
    assert props.content_status == "Final"
    core = parent_copy.parts["docProps/core.xml"] + parent_copy.parts["docProps/app.xml"]
    assert "python-docx" not in core and "Microsoft" not in core


def test_the_author_given_is_the_only_name_in_the_properties(
    demo: tuple[Workspace, MeetingId], tmp_path: Path
) -> None:
    ws, meeting_id = demo
    out = write_minutes(ws, meeting_id, tmp_path / "m.docx", author="Sam Rivera")
    props = read_docx(out).doc.core_properties
    assert (props.author, props.last_modified_by) == ("Sam Rivera", "Sam Rivera")


def test_the_package_has_no_comments_custom_xml_or_thumbnail(parent_copy: Reading) -> None:
    names = list(parent_copy.parts)
    assert not [n for n in names if "comments" in n or n.startswith("customXml")]
    assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n]
    assert "comments" not in parent_copy.parts["[Content_Types].xml"]


def test_the_team_copy_labels_team_only_items_and_adds_notes_and_the_speaking_balance(
    team_copy: Reading,
) -> None:
    assert (
        "Copy\tTeam copy: includes items marked “Team only”, which the parent copy leaves out"
        in (team_copy.paragraphs("Minutes Detail Last"))
    )
    concerns = team_copy.table("Concerns raised")
    assert concerns[-2][0] == (
        "Team only Occupational therapy may start late: the district has one OT for four schools"
    )
    notes = team_copy.section_paragraphs("Facilitator notes", "Minutes Bullet")
    assert notes[0] == (
        "Team only Advocate asked in advance for the evaluation protocols; Dr. Cho will bring them."
    )
    assert "The family received the procedural safeguards notice in Spanish." in notes
    assert "Team only Speaking balance" in team_copy.paragraphs("Heading 1")
    sides = team_copy.table("Speaking balance", 0)
    assert sides[0] == ["Side", "People", "Talk time", "Turns", "Share"]
    assert [row[0] for row in sides[1:]] == ["Family", "School", "Neutral"]
    assert sum(int(row[4].rstrip("%")) for row in sides[1:]) in (99, 100, 101)
    people = team_copy.table("Speaking balance", 1)
    assert people[0] == ["Name", "Role", "Side", "Talk time", "Turns", "Share"]
    assert {row[0] for row in people[1:]} >= {"Ana Rodríguez", "Sam Rivera", "Carmen Ortiz"}
    header = " ".join(team_copy.headers())
    assert "Team copy" in header


def test_the_speaking_balance_counts_only_those_who_attended_and_marks_the_others(
    fresh_ws: Workspace, clock: FakeClock, tmp_path: Path
) -> None:
    meeting_id, (ana, priya, tom, sam) = small_meeting(fresh_ws)
    meetings.update_participant(fresh_ws, participant_id=priya, attendance="absent")
    meetings.update_participant(fresh_ws, participant_id=tom, attendance="excused")
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(minutes=3)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=sam)
    clock.advance(minutes=1)
    live.end_meeting(fresh_ws, meeting_id=meeting_id)
    out = tmp_path / "team.docx"
    reading = read_docx(write_minutes(fresh_ws, meeting_id, out, audience="team"))
    assert reading.table("Speaking balance", 0)[1:] == [
        ["Family", "1", "3:00", "1", "75%"],
        ["School", "0", "0:00", "0", "0%"],  # both of its people were away
        ["Neutral", "1", "1:00", "1", "25%"],
    ]
    people = reading.table("Speaking balance", 1)[1:]
    assert [row[0] for row in people] == ["Ana", "Sam", "Priya (Absent)", "Tom (Excused)"]
    assert "A side's people are those who attended." in reading.section_text("Speaking balance")
    spanish = read_docx(
        write_minutes(fresh_ws, meeting_id, tmp_path / "es.docx", audience="team", language="es")
    )
    assert [row[0] for row in spanish.table("Tiempo de palabra", 1)[3:]] == [
        "Priya (Ausente)",
        "Tom (Dispensado/a de asistir)",
    ]


def test_the_team_copy_does_not_change_the_meeting(
    demo: tuple[Workspace, MeetingId], tmp_path: Path
) -> None:
    ws, meeting_id = demo
    events = ws.scalar("SELECT count(*) FROM events")
    write_minutes(ws, meeting_id, tmp_path / "t.docx", audience="team")
    assert ws.scalar("SELECT count(*) FROM events") == events


def test_pre_iep_dialogue_minutes_say_that_no_decisions_were_made(
    demo: tuple[Workspace, MeetingId], tmp_path: Path
) -> None:
    ws, _ = demo
    dialogue = meeting_of_kind(ws, "pre_iep_dialogue")
    reading = read_docx(write_minutes(ws, dialogue, tmp_path / "pre.docx", language="en"))
    notices = reading.paragraphs("Minutes Notice")
    assert notices[0].startswith("This meeting made no decisions. A pre-IEP dialogue is")
    # The same tense as the notice: the dialogue is over, so it made none.
    assert "None: this meeting made no decisions." in reading.section_text("Agreements")
    assert "Decisions are made at the IEP meeting, not in this dialogue." in reading.paragraphs()
    # Its open action item shows; the later IEP meeting is the next meeting of the case.
    assert "Next meeting: Annual IEP meeting (facilitated)" in reading.section_text("Next steps")


def test_a_meeting_set_to_make_no_decisions_says_so_whatever_its_kind(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    meetings.update_meeting(fresh_ws, meeting_id=meeting_id, makes_decisions=False)
    reading = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "m.docx"))
    assert reading.paragraphs("Minutes Notice") == ["This meeting makes no decisions."]


def test_mediation_minutes_say_confidential_in_every_page_header(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws, kind=MeetingKind.MEDIATION)
    reading = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "mediation.docx"))
    assert reading.headers()
    assert all("Confidential" in header for header in reading.headers())
    for section in reading.doc.sections:
        assert "Confidential" in "\n".join(p.text for p in section.header.paragraphs)
        assert not section.different_first_page_header_footer
    assert not reading.doc.settings.odd_and_even_pages_header_footer
    assert any("34 CFR 300.506(b)(8)" in n for n in reading.paragraphs("Minutes Notice"))


def test_a_facilitated_meeting_is_not_marked_confidential(parent_copy: Reading) -> None:
    assert not any("Confidential" in header for header in parent_copy.headers())


def test_minutes_of_a_live_meeting_say_draft_and_leave_it_running(
    fresh_ws: Workspace, clock: FakeClock, tmp_path: Path, central: None
) -> None:
    meeting_id, people = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=people[0])
    clock.advance(minutes=4)
    events = fresh_ws.scalar("SELECT count(*) FROM events")

    reading = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "live.docx"))
    write_minutes(fresh_ws, meeting_id, tmp_path / "live-team.docx", audience="team")

    assert reading.paragraphs("Minutes Draft") == [
        "Draft: this meeting is still in progress. These minutes are not final."
    ]
    assert all("Draft" in header for header in reading.headers())
    assert reading.doc.core_properties.content_status == "Draft"
    assert "Time\t9:00 AM CST, still in progress" in reading.paragraphs("Minutes Detail")
    assert reading.table("Agenda")[1][3] == "4 min so far"
    assert fresh_ws.row("SELECT status, ended_at FROM meetings WHERE id = ?", (meeting_id,)) == {
        "status": "live",
        "ended_at": None,
    }
    assert fresh_ws.scalar("SELECT count(*) FROM events") == events


def test_a_planned_meeting_exports_as_a_draft_with_its_scheduled_time(
    fresh_ws: Workspace, tmp_path: Path, central: None
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    meetings.update_meeting(
        fresh_ws, meeting_id=meeting_id, scheduled_start="2026-12-01T15:00:00.000Z"
    )
    reading = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "planned.docx"))
    assert reading.paragraphs("Minutes Draft")[0].startswith("Draft: this meeting has not started")
    assert "Time\t9:00 AM CST (planned)" in reading.paragraphs("Minutes Detail")


def test_interruptions_of_the_record_are_listed_with_their_local_times(
    fresh_ws: Workspace, clock: FakeClock, tmp_path: Path, central: None
) -> None:
    meeting_id, people = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=people[0])
    clock.advance(minutes=5)
    live.mark_alive(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=20)
    live.resume_meeting(fresh_ws, meeting_id=meeting_id)
    reading = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "m.docx"))
    gaps = reading.section_paragraphs("Interruptions of the record", "Minutes Bullet")
    assert gaps == ["Nov 29, 2026, 9:05 AM to 9:25 AM (20:00)".replace("Nov", "November")]


def test_a_meeting_with_nothing_recorded_says_so_in_each_section(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    case_id = CaseId(meetings.create_case(fresh_ws, label="Case B").created_id or 0)
    made = meetings.create_meeting(fresh_ws, case_id=case_id, kind=MeetingKind.OTHER, title="Empty")
    meeting_id = made.created_id
    reading = read_docx(write_minutes(fresh_ws, MeetingId(meeting_id or 0), tmp_path / "e.docx"))
    body = reading.paragraphs("Minutes Body")
    for said in (
        "No participants were recorded.",
        "No agenda was recorded.",
        "No concerns were recorded.",
        "No non-negotiables were recorded.",
        "No options were recorded.",
        "No agreements were recorded.",
        "Nothing was parked, and no concern or option was left open.",
        "No action items were recorded.",
    ):
        assert said in body
    assert "Date\tNot scheduled yet" in reading.paragraphs("Minutes Detail")


def test_an_unknown_meeting_is_not_found(fresh_ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        write_minutes(fresh_ws, 999, tmp_path / "m.docx")
    assert not (tmp_path / "m.docx").exists()


def test_the_default_file_name_has_the_local_date_title_and_copy(
    demo: tuple[Workspace, MeetingId], central: None
) -> None:
    ws, meeting_id = demo
    assert default_file_name(ws, meeting_id, language="en") == (
        "2026-11-22 Annual IEP meeting (facilitated) - parent copy.docx"
    )
    assert default_file_name(ws, meeting_id) == (  # the family speaks Spanish
        "2026-11-22 Annual IEP meeting (facilitated) - copia para la familia.docx"
    )
    assert default_file_name(ws, meeting_id, audience="team", suffix=".csv") == (
        "2026-11-22 Annual IEP meeting (facilitated) - action items (team copy).csv"
    )


def test_importing_the_minutes_package_does_not_load_python_docx() -> None:
    code = "import sys, facilitator.minutes; print('docx' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"
