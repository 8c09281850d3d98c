"""The team-only rule: nothing marked team-only reaches any part of a parent copy's file, in
any language the copy is written in."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator import board, meetings
from facilitator.demo import create_demo
from facilitator.minutes import write_minutes
from facilitator.model import (
    AgendaItemId,
    CaseId,
    ConcernId,
    HeldBy,
    MeetingId,
    MeetingKind,
    SolutionId,
    SolutionStatus,
)
from facilitator.record import load_meeting
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting
from tests.facilitator.minutes_reading import meeting_of_kind, read_docx

TEXT_COLUMNS = ("text", "title", "basis", "reason")
LANGUAGES = ("en", "es", "bilingual")
TEAM_ONLY = {"en": "Team only", "es": "Solo para el equipo", "bilingual": "Solo para el equipo"}


def _package_text(path: Path) -> str:
    """Every part of the .docx (XML, relationships, anything else) as text."""
    with zipfile.ZipFile(path) as package:
        return "\n".join(
            package.read(name).decode("utf-8", "replace") for name in package.namelist()
        )


def _found(text: str, package: str) -> bool:
    return text in package or escape(text) in package


def _add_team_only_rows(ws: Workspace, meeting_id: MeetingId) -> None:
    """One more team-only row of every kind, linked to shared rows where links exist."""
    shared_option = SolutionId(
        ws.scalar("SELECT min(id) FROM solutions WHERE meeting_id = ? AND team_only = 0",
                  (meeting_id,))
    )  # fmt: skip
    secret_concern = board.add_concern(
        ws, meeting_id=meeting_id, text="Budget review of related services", team_only=True
    ).created_id
    board.link_solution(
        ws, solution_id=shared_option, concern_id=ConcernId(secret_concern or 0)
    )  # a shared option addresses a team-only concern: the link must not show the concern
    board.add_non_negotiable(
        ws, meeting_id=meeting_id, text="Staffing stays as budgeted", held_by=HeldBy.SCHOOL,
        basis="Board decision of March", team_only=True,
    )  # fmt: skip
    rejected = board.add_solution(
        ws, meeting_id=meeting_id, text="Hire a second OT mid-year", team_only=True
    ).created_id
    board.decide_solution(
        ws, solution_id=SolutionId(rejected or 0), status=SolutionStatus.NOT_AGREED,
        reason="No vacancy can be posted before July",
    )  # fmt: skip
    board.add_agreement(
        ws, meeting_id=meeting_id, text="Principal to brief the superintendent", team_only=True,
        solution_id=SolutionId(rejected or 0),
    )  # fmt: skip
    # No operation marks an agenda item team-only yet; an imported meeting can hold one.
    item = AgendaItemId(ws.scalar("SELECT max(id) FROM agenda_items WHERE meeting_id = ?",
                                  (meeting_id,)))  # fmt: skip
    # Its title is not a shipped template's, which a Spanish copy would show translated.
    ws.conn.execute(
        "UPDATE agenda_items SET team_only = 1, title = 'Staff huddle on caseloads' WHERE id = ?",
        (item,),
    )
    earlier = meeting_of_kind(ws, "pre_iep_dialogue")
    board.add_action_item(
        ws, meeting_id=earlier, text="Check the OT waiting list before the IEP meeting",
        owner="Marcus Lee", team_only=True,
    )  # fmt: skip


def _team_only_texts(ws: Workspace, meeting_id: MeetingId) -> list[str]:
    record = load_meeting(ws, meeting_id)
    texts = [
        str(row[column])
        for rows in record.tables.values()
        for row in rows
        if row.get("team_only")
        for column in TEXT_COLUMNS
        if row.get(column)
    ]
    earlier = load_meeting(ws, meeting_of_kind(ws, "pre_iep_dialogue"))
    texts += [
        a["text"] for a in earlier["action_items"] if a["team_only"] and a["status"] == "open"
    ]
    return texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_team_only_text_appears_in_any_part_of_the_parent_copy(
    fresh_ws: Workspace, tmp_path: Path, language: str
) -> None:
    meeting_id = create_demo(fresh_ws)
    _add_team_only_rows(fresh_ws, meeting_id)
    secrets = _team_only_texts(fresh_ws, meeting_id)
    assert len(secrets) >= 14  # text, basis, reason and notes of every kind are checked

    parent = _package_text(
        write_minutes(fresh_ws, meeting_id, tmp_path / "parent.docx", language=language)
    )
    team = _package_text(
        write_minutes(
            fresh_ws, meeting_id, tmp_path / "team.docx", audience="team", language=language
        )
    )

    assert [s for s in secrets if _found(s, parent)] == []
    assert [s for s in secrets if not _found(s, team)] == []
    # Not even the name of the style team-only lines are set in (styles.xml, "Team Only").
    assert not [label for label in TEAM_ONLY.values() if label.casefold() in parent.casefold()]
    assert TEAM_ONLY[language] in team


def test_a_shared_option_never_names_a_team_only_concern_it_addresses(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, people = small_meeting(fresh_ws)
    shared = board.add_concern(fresh_ws, meeting_id=meeting_id, text="Reading", raised_by=people[0])
    hidden = board.add_concern(
        fresh_ws, meeting_id=meeting_id, text="Caseload", raised_by=people[1], team_only=True
    )
    board.add_solution(
        fresh_ws, meeting_id=meeting_id, text="Daily reading group", proposed_by=people[1],
        addresses=[ConcernId(shared.created_id or 0), ConcernId(hidden.created_id or 0)],
    )  # fmt: skip
    parent = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "p.docx"))
    team = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "t.docx", audience="team"))
    assert "Addresses: Reading" in parent.paragraphs("Minutes Option Detail")
    assert "Addresses: Reading; Caseload" in team.paragraphs("Minutes Option Detail")


def test_a_team_only_agenda_item_is_left_out_of_the_parent_agenda_and_its_totals(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws, items=3)
    fresh_ws.conn.execute(
        "UPDATE agenda_items SET team_only = 1, title = 'Staffing' WHERE meeting_id = ?"
        " AND position = 1",
        (meeting_id,),
    )
    parent = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "p.docx"))
    team = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "t.docx", audience="team"))
    assert [row[1] for row in parent.table("Agenda")] == ["Item", "Item 1", "Item 3", "Total"]
    assert parent.table("Agenda")[-1][2] == "20 min"
    assert "Team only Staffing" in [row[1] for row in team.table("Agenda")]


KINDS = ("concern", "non_negotiable", "option", "agreement", "action", "note")


@pytest.mark.parametrize("language", LANGUAGES)
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(flags=st.lists(st.tuples(st.sampled_from(KINDS), st.booleans()), min_size=1, max_size=12))
def test_whatever_is_marked_team_only_the_parent_copy_has_exactly_the_shared_items(
    flags: list[tuple[str, bool]], language: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace.open(Path(folder) / "w.sqlite3")
        try:
            meeting_id, _ = small_meeting(ws)
            made: list[tuple[str, bool]] = []
            for index, (kind, team_only) in enumerate(flags):
                text = f"{kind}-{index}-{'secret' if team_only else 'shared'}-marker"
                _add(ws, meeting_id, kind, text, team_only)
                made.append((text, team_only))
            parent = _package_text(
                write_minutes(ws, meeting_id, Path(folder) / "p.docx", language=language)
            )
        finally:
            ws.close()
    for text, team_only in made:
        assert (text in parent) is not team_only, text


def _add(ws: Workspace, meeting_id: MeetingId, kind: str, text: str, team_only: bool) -> None:
    if kind == "concern":
        board.add_concern(ws, meeting_id=meeting_id, text=text, team_only=team_only)
    elif kind == "non_negotiable":
        board.add_non_negotiable(
            ws, meeting_id=meeting_id, text=text, held_by=HeldBy.FAMILY, basis=text + "-basis",
            team_only=team_only,
        )  # fmt: skip
    elif kind == "option":
        option = board.add_solution(ws, meeting_id=meeting_id, text=text, team_only=team_only)
        board.decide_solution(
            ws, solution_id=SolutionId(option.created_id or 0),
            status=SolutionStatus.NOT_AGREED, reason=text + "-reason",
        )  # fmt: skip
    elif kind == "agreement":
        board.add_agreement(ws, meeting_id=meeting_id, text=text, team_only=team_only)
    elif kind == "action":
        board.add_action_item(ws, meeting_id=meeting_id, text=text, team_only=team_only)
    else:
        board.add_note(ws, meeting_id=meeting_id, text=text, team_only=team_only)


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_from_an_internal_review_reaches_a_parent_copy_of_another_meeting(
    fresh_ws: Workspace, tmp_path: Path, language: str
) -> None:
    meeting_id = create_demo(fresh_ws)
    case_id = CaseId(fresh_ws.scalar("SELECT case_id FROM meetings WHERE id = ?", (meeting_id,)))
    for title, start in (("Fresh eyes, before", "2026-11-20T15:00:00.000Z"),
                         ("Fresh eyes, after", "2026-12-01T15:00:00.000Z")):  # fmt: skip
        review = meetings.create_meeting(
            fresh_ws, case_id=case_id, kind=MeetingKind.INTERNAL_REVIEW, title=title,
            scheduled_start=start,
        ).created_id  # fmt: skip
        board.add_action_item(
            fresh_ws, meeting_id=MeetingId(review or 0), text=f"Redraft goal 2 ({title})"
        )
    parent = _package_text(
        write_minutes(fresh_ws, meeting_id, tmp_path / "p.docx", language=language)
    )
    team = _package_text(write_minutes(fresh_ws, meeting_id, tmp_path / "t.docx", audience="team"))
    assert "Fresh eyes" not in parent and "Redraft goal 2" not in parent
    assert "Redraft goal 2 (Fresh eyes, before)" in team  # carried over, for the team
    assert "Next meeting: Fresh eyes, after" in team
