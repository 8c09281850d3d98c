"""Deleting a meeting or a case removes its text from the tables, the audit log, the file on disk
and (when asked) the backups, while the audit chain still verifies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator import board, live, meetings
from facilitator.audit import REDACTED
from facilitator.backups import BackupPolicy, list_backups, make_backup, read_sidecar
from facilitator.board import ItemKind
from facilitator.clock import FakeClock
from facilitator.deletion import (
    delete_case,
    delete_meeting,
    delete_meeting_from_backups,
)
from facilitator.errors import NotFound, UndoConflict
from facilitator.history import undo_event
from facilitator.integrity import verify, verify_file
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import (
    CaseId,
    ConcernId,
    HeldBy,
    MeetingId,
    MeetingKind,
    Role,
    SolutionId,
    SolutionStatus,
)
from facilitator.record import MEETING_TABLES
from facilitator.store import Workspace


def marked_meeting(ws: Workspace, mark: str, case_id: CaseId | None = None) -> MeetingId:
    """A meeting with `mark` in every text field a person writes, run live and edited (so the log
    holds before and after images of its rows, and an undo)."""
    if case_id is None:
        case_id = CaseId(meetings.create_case(ws, label=f"{mark} case").created_id or 0)
        ws.conn.execute("UPDATE cases SET notes = ? WHERE id = ?", (f"{mark} case notes", case_id))
    meeting_id = MeetingId(
        meetings.create_meeting(
            ws,
            case_id=case_id,
            kind=MeetingKind.FACILITATED_IEP,
            title=f"{mark} title",
            location=f"{mark} room",
            purpose=f"{mark} purpose",
            desired_outcomes=f"{mark} outcome",
            ground_rules=f"{mark} rule",
            template=f"{mark} template",
            participants=[
                NewParticipant(f"{mark} parent", Role.PARENT, language=f"{mark} language"),
                NewParticipant(f"{mark} teacher", Role.SPECIAL_ED_TEACHER),
            ],
            agenda=[NewAgendaItem(f"{mark} item", 10, prompts=f"{mark} prompt")],
        ).created_id
        or 0
    )
    parent, teacher = (
        r["id"] for r in ws.rows("SELECT id FROM participants WHERE meeting_id = ?", (meeting_id,))
    )
    live.switch_speaker(ws, meeting_id=meeting_id, participant_id=parent)
    concern = board.add_concern(ws, meeting_id=meeting_id, text=f"{mark} concern", raised_by=parent)
    board.edit_item(
        ws, kind=ItemKind.CONCERN, item_id=concern.created_id or 0, text=f"{mark} concern edited"
    )
    board.add_non_negotiable(
        ws, meeting_id=meeting_id, text=f"{mark} must", held_by=HeldBy.SCHOOL, basis=f"{mark} rule"
    )
    solution = SolutionId(
        board.add_solution(
            ws, meeting_id=meeting_id, text=f"{mark} option", proposed_by=teacher
        ).created_id
        or 0
    )
    board.link_solution(ws, solution_id=solution, concern_id=ConcernId(concern.created_id or 0))
    reason = f"{mark} reason"
    board.decide_solution(ws, solution_id=solution, status=SolutionStatus.NOT_AGREED, reason=reason)
    board.add_agreement(ws, meeting_id=meeting_id, text=f"{mark} agreement", team_only=True)
    board.add_action_item(ws, meeting_id=meeting_id, text=f"{mark} action", owner=f"{mark} owner")
    note = board.add_note(ws, meeting_id=meeting_id, text=f"{mark} note")
    undo_event(ws, note.event_id)
    board.add_note(ws, meeting_id=meeting_id, text=f"{mark} second note")
    live.raise_hand(ws, meeting_id=meeting_id, participant_id=teacher)
    live.mark_alive(ws, meeting_id=meeting_id)
    live.end_meeting(ws, meeting_id=meeting_id)
    return meeting_id


FIELDS = (
    "case", "title", "room", "purpose", "outcome", "rule", "template", "parent", "teacher",
    "language", "item", "prompt", "concern", "concern edited", "must", "option", "reason",
    "agreement", "action", "owner", "note", "second note",
)  # fmt: skip


def marks(data: bytes, mark: str) -> set[str]:
    """Which of the marked fields (`<mark> title` ...) appear in `data`: {"title", ...}."""
    return {field for field in FIELDS if f"{mark} {field}".encode() in data}


def on_disk(path: Path) -> bytes:
    """Everything the workspace has on disk: the file and its write-ahead log."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@pytest.fixture
def two_meetings(fresh_ws: Workspace) -> tuple[MeetingId, MeetingId]:
    gone = marked_meeting(fresh_ws, "GONEMARK")
    kept = marked_meeting(fresh_ws, "KEPTMARK")
    return gone, kept


def test_a_deleted_meetings_text_is_nowhere_in_the_file_nor_its_log(
    fresh_ws: Workspace, db_path: Path, two_meetings: tuple[MeetingId, MeetingId]
) -> None:
    gone, kept = two_meetings
    every_field = set(FIELDS)
    assert marks(on_disk(db_path), "GONEMARK") == marks(on_disk(db_path), "KEPTMARK") == every_field
    delete_meeting(fresh_ws, gone)
    # The case is another record: its label and notes stay.
    assert marks(on_disk(db_path), "GONEMARK") == {"case"}
    assert verify(fresh_ws).ok
    fresh_ws.close()
    assert marks(on_disk(db_path), "GONEMARK") == {"case"}
    assert marks(on_disk(db_path), "KEPTMARK") == every_field
    assert verify_file(db_path).ok
    with Workspace.open(db_path) as again:
        assert [r["id"] for r in again.rows("SELECT id FROM meetings")] == [kept]


def test_a_deleted_case_takes_its_meetings_and_its_label_with_it(
    fresh_ws: Workspace, db_path: Path, two_meetings: tuple[MeetingId, MeetingId]
) -> None:
    gone, _ = two_meetings
    case_id = fresh_ws.scalar("SELECT case_id FROM meetings WHERE id = ?", (gone,))
    second = marked_meeting(fresh_ws, "GONEMARK", case_id=case_id)
    change = delete_case(fresh_ws, case_id)
    assert change.kind == "case.delete"
    assert fresh_ws.scalar("SELECT count(*) FROM meetings WHERE id IN (?, ?)", (gone, second)) == 0
    assert fresh_ws.scalar("SELECT count(*) FROM cases WHERE id = ?", (case_id,)) == 0
    fresh_ws.close()
    assert b"GONEMARK" not in on_disk(db_path)
    assert b"KEPTMARK" in on_disk(db_path)
    assert verify_file(db_path).ok


def test_the_deletion_event_names_ids_and_counts_only(
    fresh_ws: Workspace, two_meetings: tuple[MeetingId, MeetingId]
) -> None:
    gone, _ = two_meetings
    about_it = [
        r["id"]
        for r in fresh_ws.rows("SELECT id FROM events WHERE meeting_id = ? ORDER BY id", (gone,))
    ]
    created = fresh_ws.scalar("SELECT min(id) FROM events WHERE kind = 'meeting.create'")
    change = delete_meeting(fresh_ws, gone)
    payload = json.loads(
        fresh_ws.scalar("SELECT payload FROM events WHERE id = ?", (change.event_id,))
    )
    summary = payload["summary"]
    assert summary["meeting_id"] == gone
    assert summary["redacted_events"] == sorted({created, *about_it})
    assert summary["rows"]["concerns"] == 1 and summary["rows"]["meetings"] == 1
    assert all(c["before"] is None and c["after"] is None for c in payload["changes"])
    assert payload["undoable"] is False
    payloads = {
        fresh_ws.scalar("SELECT payload FROM events WHERE id = ?", (event_id,))
        for event_id in about_it
    }
    assert payloads == {REDACTED}
    assert {"meetings", "concerns", "notes", "liveness"} <= change.tables


def test_a_deletion_cannot_be_undone(
    fresh_ws: Workspace, two_meetings: tuple[MeetingId, MeetingId]
) -> None:
    change = delete_meeting(fresh_ws, two_meetings[0])
    assert not change.undoable
    with pytest.raises(UndoConflict, match="cannot be undone"):
        undo_event(fresh_ws, change.event_id)


def test_every_row_of_the_meeting_is_gone(
    fresh_ws: Workspace, two_meetings: tuple[MeetingId, MeetingId]
) -> None:
    gone, kept = two_meetings
    delete_meeting(fresh_ws, gone)
    for table in (*MEETING_TABLES, "liveness"):
        if table == "solution_concerns":
            continue
        assert fresh_ws.scalar(f"SELECT count(*) FROM {table} WHERE meeting_id = ?", (gone,)) == 0
        if table not in ("agenda_visits", "interruptions"):
            left = fresh_ws.scalar(f"SELECT count(*) FROM {table} WHERE meeting_id = ?", (kept,))
            assert left > 0, table
    assert fresh_ws.scalar("SELECT count(*) FROM solution_concerns") == 1


def test_deleting_a_meeting_then_its_case_still_verifies(
    fresh_ws: Workspace, two_meetings: tuple[MeetingId, MeetingId]
) -> None:
    gone, _ = two_meetings
    delete_meeting(fresh_ws, gone)
    delete_case(fresh_ws, fresh_ws.scalar("SELECT id FROM cases WHERE label LIKE 'GONEMARK%'"))
    assert verify(fresh_ws).ok


def test_deleting_what_does_not_exist_is_refused(fresh_ws: Workspace) -> None:
    with pytest.raises(NotFound, match="meeting 42"):
        delete_meeting(fresh_ws, 42)
    with pytest.raises(NotFound, match="case 42"):
        delete_case(fresh_ws, 42)
    assert fresh_ws.scalar("SELECT count(*) FROM events") == 0


def test_a_meeting_is_deleted_from_the_backups_that_hold_it(
    tmp_path: Path,
    fresh_ws: Workspace,
    clock: FakeClock,
    two_meetings: tuple[MeetingId, MeetingId],
) -> None:
    gone, _ = two_meetings
    created_at = fresh_ws.scalar("SELECT created_at FROM meetings WHERE id = ?", (gone,))
    policy = BackupPolicy(folder=tmp_path / "backups")
    holding = [make_backup(fresh_ws, policy, reason="periodic")]
    clock.advance(minutes=5)
    holding.append(make_backup(fresh_ws, policy, reason="meeting-end"))
    with Workspace.open(tmp_path / "other.sqlite3", clock=clock) as other:
        marked_meeting(other, "OTHERMARK")
        clock.advance(minutes=5)
        elsewhere = make_backup(other, policy, reason="periodic")
    delete_meeting(fresh_ws, gone)
    changed = delete_meeting_from_backups(policy, gone, fresh_ws.path, created_at=created_at)
    assert sorted(changed) == sorted(holding)
    for copy in holding:
        assert b"GONEMARK title" not in copy.read_bytes()
        assert not copy.with_name(copy.name + "-wal").exists()  # still one file
        assert verify_file(copy).ok
        sidecar = read_sidecar(copy)
        assert sidecar is not None
        assert "GONEMARK" not in json.dumps(sidecar)
    assert b"OTHERMARK" in elsewhere.read_bytes()
    assert len(list_backups(policy)) == 3


def test_a_reused_meeting_id_does_not_delete_another_meeting_from_backups(
    tmp_path: Path, fresh_ws: Workspace, two_meetings: tuple[MeetingId, MeetingId]
) -> None:
    _, kept = two_meetings
    policy = BackupPolicy(folder=tmp_path / "backups")
    copy = make_backup(fresh_ws, policy, reason="periodic")
    changed = delete_meeting_from_backups(
        policy, kept, fresh_ws.path, created_at="2000-01-01T00:00:00.000Z"
    )
    assert changed == []
    assert b"KEPTMARK title" in copy.read_bytes()


def test_every_table_that_holds_meeting_rows_is_deleted(fresh_ws: Workspace) -> None:
    """A new table with a meeting_id must join MEETING_TABLES, or deletion would leave it behind."""
    tables = [
        r[0] for r in fresh_ws.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    with_meeting = {
        t
        for t in tables
        if "meeting_id" in {c[1] for c in fresh_ws.conn.execute(f"PRAGMA table_info({t})")}
    }
    assert with_meeting - {"events"} == set(MEETING_TABLES) - {"solution_concerns"} | {"liveness"}
