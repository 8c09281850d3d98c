"""Action items as CSV: what, who, due, status, meeting and case, for parents or the team."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from facilitator import board
from facilitator.demo import create_demo
from facilitator.errors import FacilitatorError
from facilitator.minutes import write_actions_csv
from facilitator.model import MeetingId
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting

CASE = "Maya Rodríguez, grade 4 (sample)"
MEETING = "Annual IEP meeting (facilitated) (2026-11-22)"


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheet programs read accents
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.fixture
def demo(fresh_ws: Workspace) -> tuple[Workspace, MeetingId]:
    return fresh_ws, create_demo(fresh_ws)


def test_the_parent_csv_has_the_shared_items_and_those_carried_over(
    demo: tuple[Workspace, MeetingId], tmp_path: Path
) -> None:
    ws, meeting_id = demo
    rows = _read(write_actions_csv(ws, meeting_id, tmp_path / "actions.csv", language="en"))
    assert rows[0] == ["What", "Who", "Due", "Status", "Meeting", "Case"]
    assert rows[1] == [
        "Set up the push-in reading schedule with Mr. Becker",
        "Priya Natarajan",
        "2026-11-27",
        "Open",
        MEETING,
        CASE,
    ]
    assert rows[-1] == [
        "Share the private speech-language report with the school",
        "Ana Rodríguez",
        "2026-11-15",
        "Open",
        "Pre-IEP dialogue (2026-11-01)",
        CASE,
    ]
    assert len(rows) == 1 + 5 + 1
    assert not [r for r in rows if "contract OT" in r[0]]


def test_the_team_csv_adds_team_only_items_and_marks_them(
    demo: tuple[Workspace, MeetingId], tmp_path: Path
) -> None:
    ws, meeting_id = demo
    rows = _read(write_actions_csv(ws, meeting_id, tmp_path / "a.csv", audience="team"))
    assert rows[0][-1] == "Team only"
    (secret,) = [r for r in rows if "contract OT" in r[0]]
    assert secret[1:] == ["Marcus Lee", "2026-12-02", "Open", MEETING, CASE, "yes"]
    assert len(rows) == 1 + 6 + 1


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    board.add_action_item(
        fresh_ws, meeting_id=meeting_id, text='=HYPERLINK("http://x","click")', owner="@admin"
    )
    board.add_action_item(fresh_ws, meeting_id=meeting_id, text="Bell\x07 rings\r\nsecond line")
    rows = _read(write_actions_csv(fresh_ws, meeting_id, tmp_path / "a.csv"))
    assert rows[1][:2] == ['\'=HYPERLINK("http://x","click")', "'@admin"]
    assert rows[2][0] == "Bell rings\nsecond line"
    assert rows[1][4] == "IEP meeting"  # never held or scheduled: no date to show


def test_a_read_only_csv_target_keeps_the_old_file(fresh_ws: Workspace, tmp_path: Path) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    out = tmp_path / "a.csv"
    out.write_text("old")
    out.chmod(0o444)
    with pytest.raises(FacilitatorError, match="read-only"):
        write_actions_csv(fresh_ws, meeting_id, out)
    assert out.read_text() == "old"
