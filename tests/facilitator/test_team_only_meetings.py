"""A whole meeting can be the school team's only (an internal review, a mediation's preparation):
it has no parent copy, nothing from it reaches another meeting's parent copy, and what is carried
from it starts team-only. The flag is kept through templates, meeting files and old workspaces."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from facilitator import board, history, meetings, preparation
from facilitator.actions import list_actions
from facilitator.errors import FacilitatorError
from facilitator.exchange import import_json, meeting_to_json
from facilitator.minutes import write_actions_csv, write_minutes
from facilitator.minutes.sources import visible_carried
from facilitator.model import (
    CaseId,
    ConcernId,
    ConcernStatus,
    MeetingId,
    MeetingKind,
)
from facilitator.preparation import meeting_from_template, template_from_meeting
from facilitator.schema_version import SCHEMA_VERSION
from facilitator.store import Workspace
from facilitator.templates.loading import find_template, parse_template
from facilitator.templates.saving import template_to_toml
from tests.facilitator.helpers import small_meeting
from tests.facilitator.minutes_reading import read_docx
from tests.facilitator.test_cli import invoke, refused


def _meeting(ws: Workspace, case_id: CaseId, kind: MeetingKind, title: str, **more: object) -> int:
    return int(
        meetings.create_meeting(ws, case_id=case_id, kind=kind, title=title, **more).created_id or 0
    )


def _all_parts(path: Path) -> str:
    """Every XML part of the .docx, as a leak check reads it."""
    return "\n".join(read_docx(path).parts.values())


def _team_only(ws: Workspace, meeting_id: int) -> bool:
    return bool(ws.scalar("SELECT team_only FROM meetings WHERE id = ?", (meeting_id,)))


def _case(ws: Workspace, meeting_id: int) -> CaseId:
    return CaseId(ws.scalar("SELECT case_id FROM meetings WHERE id = ?", (meeting_id,)))


@pytest.mark.parametrize("name", ["mediation_preparation", "internal_team_review"])
def test_a_meeting_from_a_team_only_template_has_no_parent_copy(
    fresh_ws: Workspace, tmp_path: Path, name: str
) -> None:
    case_id = CaseId(meetings.create_case(fresh_ws, label="Case Z").created_id or 0)
    template = find_template(name)
    assert template.team_only
    meeting_id = int(
        meeting_from_template(fresh_ws, case_id=case_id, template=template).created_id or 0
    )
    assert _team_only(fresh_ws, meeting_id)
    board.add_concern(fresh_ws, meeting_id=MeetingId(meeting_id), text="Settlement limits")

    for write, out in ((write_minutes, "m.docx"), (write_actions_csv, "a.csv")):
        with pytest.raises(FacilitatorError, match="for the school team only: it has no parent"):
            write(fresh_ws, meeting_id, tmp_path / out)
        assert not (tmp_path / out).exists()
    team = write_minutes(fresh_ws, meeting_id, tmp_path / "t.docx", audience="team")
    assert "Settlement limits" in _all_parts(team)


def test_the_command_line_refuses_a_parent_copy_of_a_team_only_meeting_in_one_line(
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.sqlite3"
    ws = Workspace.open(db)
    meeting_id, _ = small_meeting(ws, kind=MeetingKind.INTERNAL_REVIEW)
    ws.close()
    result = invoke("export", str(meeting_id), "--db", str(db), "--out", str(tmp_path / "m.docx"))
    refused(result, "for the school team only")
    ok = invoke(
        "export", str(meeting_id), "--db", str(db), "--out", str(tmp_path / "t.docx"),
        "--audience", "team",
    )  # fmt: skip
    assert ok.exit_code == 0, ok.output


def test_an_internal_review_is_always_team_only(fresh_ws: Workspace) -> None:
    review, _ = small_meeting(fresh_ws, kind=MeetingKind.INTERNAL_REVIEW)
    assert _team_only(fresh_ws, review)
    meetings.update_meeting(fresh_ws, meeting_id=review, team_only=False)
    assert _team_only(fresh_ws, review)

    other = _meeting(fresh_ws, _case(fresh_ws, review), MeetingKind.FACILITATED_IEP, "IEP")
    assert not _team_only(fresh_ws, other)
    meetings.update_meeting(fresh_ws, meeting_id=MeetingId(other), kind="internal_review")
    assert _team_only(fresh_ws, other)


def test_the_flag_can_be_set_and_cleared_on_other_meetings_and_undone(
    fresh_ws: Workspace,
) -> None:
    meeting_id, _ = small_meeting(fresh_ws, kind=MeetingKind.MEDIATION)
    change = meetings.update_meeting(fresh_ws, meeting_id=meeting_id, team_only=True)
    assert _team_only(fresh_ws, meeting_id)
    history.undo_event(fresh_ws, change.event_id)
    assert not _team_only(fresh_ws, meeting_id)


def test_nothing_from_a_team_only_meeting_reaches_another_meetings_parent_copy(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    prep, _ = small_meeting(fresh_ws, kind=MeetingKind.MEDIATION)
    meetings.update_meeting(fresh_ws, meeting_id=prep, team_only=True, title="Prep: limits")
    case_id = _case(fresh_ws, prep)
    board.add_action_item(fresh_ws, meeting_id=prep, text="PREPLEAK counsel sign-off")
    later = _meeting(
        fresh_ws,
        case_id,
        MeetingKind.FACILITATED_IEP,
        "IEP",
        scheduled_start="2099-01-05T15:00:00.000Z",
    )
    # The prep is held after the first meeting: it must not be the parents' "next meeting" either.
    meetings.update_meeting(fresh_ws, meeting_id=prep, scheduled_start="2099-01-02T15:00:00.000Z")
    first = _meeting(
        fresh_ws,
        case_id,
        MeetingKind.FACILITATED_IEP,
        "First",
        scheduled_start="2099-01-01T15:00:00.000Z",
    )

    assert [line.text for line in visible_carried(fresh_ws, later, audience="team")] == [
        "PREPLEAK counsel sign-off"
    ]
    assert visible_carried(fresh_ws, later, audience="parent") == []
    assert "PREPLEAK" not in _all_parts(write_minutes(fresh_ws, later, tmp_path / "later.docx"))
    assert "Prep: limits" not in _all_parts(write_minutes(fresh_ws, first, tmp_path / "f.docx"))
    team = write_minutes(fresh_ws, first, tmp_path / "t.docx", audience="team")
    assert "Prep: limits" in _all_parts(team)
    assert [a.team_only for a in list_actions(fresh_ws)] == [True]


def test_a_mediations_items_stay_out_of_other_meetings_parent_copies(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    mediation, _ = small_meeting(fresh_ws, kind=MeetingKind.MEDIATION)
    case_id = _case(fresh_ws, mediation)
    board.add_action_item(fresh_ws, meeting_id=mediation, text="MEDLEAK consider the offer")
    later = {"scheduled_start": "2099-01-05T15:00:00.000Z"}
    iep = _meeting(fresh_ws, case_id, MeetingKind.FACILITATED_IEP, "IEP", **later)
    second = _meeting(fresh_ws, case_id, MeetingKind.MEDIATION, "Mediation, again", **later)

    assert visible_carried(fresh_ws, iep, audience="parent") == []
    assert len(visible_carried(fresh_ws, iep, audience="team")) == 1
    assert len(visible_carried(fresh_ws, second, audience="parent")) == 1


@pytest.mark.parametrize(
    ("origin", "target", "starts_team_only"),
    [
        (MeetingKind.INTERNAL_REVIEW, MeetingKind.FACILITATED_IEP, True),
        (MeetingKind.MEDIATION, MeetingKind.FACILITATED_IEP, True),
        (MeetingKind.MEDIATION, MeetingKind.MEDIATION, False),
        (MeetingKind.FACILITATED_IEP, MeetingKind.FACILITATED_IEP, False),
    ],
)
def test_a_concern_carried_from_a_team_only_meeting_or_a_mediation_starts_team_only(
    fresh_ws: Workspace, origin: MeetingKind, target: MeetingKind, starts_team_only: bool
) -> None:
    earlier, _ = small_meeting(fresh_ws, kind=origin)
    concern = ConcernId(
        board.add_concern(fresh_ws, meeting_id=earlier, text="Cap the offer").created_id or 0
    )
    board.set_concern_status(fresh_ws, concern_id=concern, status=ConcernStatus.PARKED)
    later = MeetingId(_meeting(fresh_ws, _case(fresh_ws, earlier), target, "Later"))
    offered = preparation.open_from_earlier_meetings(fresh_ws, later)
    assert [row["text"] for row in offered] == ["Cap the offer"]
    preparation.carry_concerns(fresh_ws, meeting_id=later, concern_ids=[concern])
    carried = fresh_ws.row("SELECT team_only FROM concerns WHERE meeting_id = ?", (later,))
    assert carried is not None and bool(carried["team_only"]) is starts_team_only


def test_a_template_keeps_which_items_and_whether_the_meeting_are_team_only(
    fresh_ws: Workspace,
) -> None:
    meeting_id, _ = small_meeting(fresh_ws, kind=MeetingKind.MEDIATION)
    meetings.update_meeting(fresh_ws, meeting_id=meeting_id, team_only=True, purpose="Prepare")
    huddle = fresh_ws.scalar(
        "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position", (meeting_id,)
    )
    fresh_ws.conn.execute("UPDATE agenda_items SET team_only = 1 WHERE id = ?", (huddle,))

    saved = template_from_meeting(fresh_ws, meeting_id, name="Prep")
    again = parse_template(template_to_toml(saved), path=Path("Prep.toml"))
    assert again.team_only and [item.team_only for item in again.items] == [True, False, False]

    remade = int(
        meeting_from_template(fresh_ws, case_id=_case(fresh_ws, meeting_id), template=again)
        .created_id or 0
    )  # fmt: skip
    assert _team_only(fresh_ws, remade)
    flags = fresh_ws.rows(
        "SELECT team_only FROM agenda_items WHERE meeting_id = ? ORDER BY position", (remade,)
    )
    assert [row["team_only"] for row in flags] == [1, 0, 0]


def test_a_template_items_team_only_must_be_true_or_false() -> None:
    from facilitator.templates.check import check_text

    text = template_to_toml(find_template("pre_iep_dialogue")).replace(
        "minutes = ", 'team_only = "yes"\nminutes = ', 1
    )
    problems = check_text(text, Path("t.toml"))
    assert any("team_only must be true or false" in p.message for p in problems)


def test_a_meeting_file_keeps_the_flag_and_an_old_file_of_an_internal_review_gets_it(
    fresh_ws: Workspace,
) -> None:
    meeting_id, _ = small_meeting(fresh_ws, kind=MeetingKind.MEDIATION)
    meetings.update_meeting(fresh_ws, meeting_id=meeting_id, team_only=True)
    copied = import_json(fresh_ws, meeting_to_json(fresh_ws, meeting_id))
    assert _team_only(fresh_ws, copied)

    review, _ = small_meeting(fresh_ws, kind=MeetingKind.INTERNAL_REVIEW)
    old = meeting_to_json(fresh_ws, review)
    del old["meeting"]["team_only"]  # as a file written before the flag existed
    assert _team_only(fresh_ws, import_json(fresh_ws, old))


def test_an_older_workspace_is_upgraded_and_its_team_meetings_marked(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    ws = Workspace.open(db)
    review, _ = small_meeting(ws, kind=MeetingKind.INTERNAL_REVIEW)
    iep, _ = small_meeting(ws)
    case_id = CaseId(meetings.create_case(ws, label="Case P").created_id or 0)
    prep = int(
        meeting_from_template(
            ws, case_id=case_id, template=find_template("mediation_preparation")
        ).created_id
        or 0
    )
    ws.close()
    # Back to schema 1, as a workspace written before the flag.
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE meetings DROP COLUMN team_only")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_team_only_meetings'")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    ws = Workspace.open(db)
    try:
        assert ws.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert [_team_only(ws, m) for m in (review, iep, prep)] == [True, False, True]
    finally:
        ws.close()
