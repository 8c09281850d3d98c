"""Times in the minutes: the title block names its time zone, and the agenda's actual minutes say
what has happened so far, with totals that add up as printed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from facilitator import live, meetings
from facilitator.clock import FakeClock
from facilitator.demo import create_demo
from facilitator.minutes import write_minutes
from facilitator.model import Attendance, MeetingId
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting
from tests.facilitator.minutes_reading import Reading, read_docx, time_zone


def _details(reading: Reading) -> list[str]:
    return reading.paragraphs("Minutes Detail") + reading.paragraphs("Minutes Detail Last")


def _export(ws: Workspace, meeting_id: MeetingId, out: Path, language: str = "en") -> Reading:
    return read_docx(write_minutes(ws, meeting_id, out, language=language))


# -- the time zone -----------------------------------------------------------------------------


def test_the_title_block_names_the_time_zone_once_and_nothing_else_repeats_it(
    fresh_ws: Workspace, clock: FakeClock, tmp_path: Path, central: None
) -> None:
    meeting_id, people = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)  # 15:00 UTC: 9:00 AM in Chicago
    clock.advance(minutes=10)
    meetings.mark_attendance(fresh_ws, participant_id=people[2], attendance=Attendance.ARRIVED_LATE)
    clock.advance(minutes=50)
    live.end_meeting(fresh_ws, meeting_id=meeting_id)

    english = _export(fresh_ws, meeting_id, tmp_path / "en.docx")
    spanish = _export(fresh_ws, meeting_id, tmp_path / "es.docx", "es")

    assert "Time\t9:00 AM to 10:00 AM CST" in _details(english)
    assert "Hora\tde las 9:00 a.m. a las 10:00 a.m. CST" in _details(spanish)
    for reading in (english, spanish):
        everything = "\n".join(reading.parts.values())
        assert everything.count("CST") == 1  # not in attendance, the header or the footer


def test_a_meeting_across_a_clock_change_names_both_zones(
    fresh_ws: Workspace, clock: FakeClock, tmp_path: Path, central: None
) -> None:
    """US daylight saving time ended at 2 AM on November 1, 2026."""
    clock.set("2026-11-01T06:30:00.000Z")  # 1:30 AM CDT
    meeting_id, _ = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=40)  # 1:10 AM CST
    live.end_meeting(fresh_ws, meeting_id=meeting_id)
    assert "Time\t1:30 AM CDT to 1:10 AM CST" in _details(
        _export(fresh_ws, meeting_id, tmp_path / "m.docx")
    )


def test_a_zone_without_an_abbreviation_is_named_by_its_offset(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    if not hasattr(time, "tzset"):
        pytest.skip("setting the local time zone needs time.tzset (Unix)")
    meeting_id, _ = small_meeting(fresh_ws)
    meetings.update_meeting(
        fresh_ws, meeting_id=meeting_id, scheduled_start="2026-12-01T15:00:00.000Z"
    )
    with time_zone("America/Sao_Paulo"):  # which the system calls "-03"
        reading = _export(fresh_ws, meeting_id, tmp_path / "m.docx")
    assert "Time\t12:00 PM UTC-03:00 (planned)" in _details(reading)


# -- the agenda's actual minutes and totals -----------------------------------------------------


def test_before_a_meeting_starts_no_item_is_not_reached_and_nothing_has_been_spent(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    english = _export(fresh_ws, meeting_id, tmp_path / "en.docx").table("Agenda")
    spanish = _export(fresh_ws, meeting_id, tmp_path / "es.docx", "es").table("Agenda")
    assert [row[3] for row in english[1:]] == ["Not started yet"] * 4
    assert english[-1] == ["", "Total", "30 min", "Not started yet"]
    assert [row[3] for row in spanish[1:]] == ["Todavía no ha comenzado"] * 4


def test_mid_meeting_the_items_ahead_have_not_started_and_the_total_is_the_time_so_far(
    fresh_ws: Workspace, clock: FakeClock, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=12)
    live.next_item(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=4)
    english = _export(fresh_ws, meeting_id, tmp_path / "en.docx").table("Agenda")
    spanish = _export(fresh_ws, meeting_id, tmp_path / "es.docx", "es").table("Agenda")
    assert [row[3] for row in english[1:]] == [
        "12 min",
        "4 min so far",
        "Not started yet",
        "16 min so far",
    ]
    assert english[-1][:3] == ["", "Total", "30 min"]
    assert spanish[3][3] == "Todavía no ha comenzado"
    assert spanish[-1][3] == "16 min hasta ahora"


def test_once_the_meeting_has_ended_an_item_never_taken_up_was_not_reached(
    fresh_ws: Workspace, clock: FakeClock, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=12)
    live.next_item(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=4)
    live.end_meeting(fresh_ws, meeting_id=meeting_id)
    table = _export(fresh_ws, meeting_id, tmp_path / "m.docx").table("Agenda")
    assert [row[3] for row in table[1:]] == ["12 min", "4 min", "Not reached", "16 min"]
    spanish = _export(fresh_ws, meeting_id, tmp_path / "es.docx", "es").table("Agenda")
    assert spanish[3][3] == "No se llegó a tratar"


def _minutes(cell: str) -> int:
    """The whole minutes a cell shows ("under 1 min" and "Not reached" show none)."""
    number = cell.split(" ")[0]
    return int(number) if number.isdigit() else 0


def test_each_total_is_the_sum_of_its_column_as_printed(
    fresh_ws: Workspace, clock: FakeClock, tmp_path: Path
) -> None:
    """Three stays of 1:29 each show "1 min"; their total shows 3 min, not the 4 min that
    4:27 rounds to. A stay of 20 seconds shows "under 1 min" and adds nothing."""
    meeting_id, _ = small_meeting(fresh_ws, items=4)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    for seconds in (89, 89, 89):
        clock.advance(seconds=seconds)
        live.next_item(fresh_ws, meeting_id=meeting_id)
    clock.advance(seconds=20)
    live.end_meeting(fresh_ws, meeting_id=meeting_id)
    table = _export(fresh_ws, meeting_id, tmp_path / "m.docx").table("Agenda")
    assert [row[3] for row in table[1:]] == ["1 min", "1 min", "1 min", "under 1 min", "3 min"]
    assert table[-1][2] == "40 min"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_sample_agenda_adds_up_as_printed(
    fresh_ws: Workspace, tmp_path: Path, language: str
) -> None:
    reading = _export(fresh_ws, create_demo(fresh_ws), tmp_path / "m.docx", language)
    table = reading.table("Agenda")
    rows, total = table[1:-1], table[-1]
    for column in (2, 3):
        assert sum(_minutes(row[column]) for row in rows) == _minutes(total[column])
