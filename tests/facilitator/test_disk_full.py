"""When the disk is full or the file cannot be written: the action is refused in one line that says
it was not recorded, nothing already stored is lost, and work goes on once writing is possible."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator import board, live
from facilitator.errors import WorkspaceError
from facilitator.integrity import verify
from facilitator.model import MeetingId
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting

LONG = "A concern the family raised, written out at some length. " * 20


def fill_until_refused(ws: Workspace, meeting_id: MeetingId) -> tuple[int, WorkspaceError]:
    """Add concerns until one is refused; returns how many were recorded and the refusal."""
    for n in range(10_000):
        try:
            board.add_concern(ws, meeting_id=meeting_id, text=f"{n}: {LONG}")
        except WorkspaceError as error:
            return n, error
    raise AssertionError("the disk never filled up")


@pytest.fixture
def nearly_full(fresh_ws: Workspace) -> tuple[Workspace, MeetingId]:
    """A workspace whose file may grow by a few pages only, as on a disk that is nearly full."""
    meeting_id, _ = small_meeting(fresh_ws)
    pages = fresh_ws.scalar("PRAGMA page_count")
    fresh_ws.conn.execute(f"PRAGMA max_page_count = {pages + 8}")
    return fresh_ws, meeting_id


def test_a_write_on_a_full_disk_is_refused_saying_it_was_not_recorded(
    nearly_full: tuple[Workspace, MeetingId],
) -> None:
    ws, meeting_id = nearly_full
    recorded, error = fill_until_refused(ws, meeting_id)
    assert recorded > 0
    assert str(error).startswith("not recorded: the disk is full")
    assert "\n" not in str(error)


def test_a_full_disk_loses_nothing_already_stored(
    nearly_full: tuple[Workspace, MeetingId], db_path: Path
) -> None:
    ws, meeting_id = nearly_full
    events = ws.scalar("SELECT count(*) FROM events")
    recorded, _ = fill_until_refused(ws, meeting_id)
    with pytest.raises(WorkspaceError, match="not recorded"):
        live.start_meeting(ws, meeting_id=meeting_id)  # a small write fails as well, and cleanly
    assert ws.scalar("SELECT count(*) FROM concerns") == recorded
    assert ws.scalar("SELECT count(*) FROM events") == events + recorded
    assert ws.scalar("SELECT status FROM meetings WHERE id = ?", (meeting_id,)) == "planned"
    assert verify(ws).ok
    ws.close()
    with Workspace.open(db_path) as again:
        assert again.scalar("SELECT count(*) FROM concerns") == recorded
        assert verify(again).ok


def test_work_goes_on_once_there_is_room_again(
    nearly_full: tuple[Workspace, MeetingId],
) -> None:
    ws, meeting_id = nearly_full
    recorded, _ = fill_until_refused(ws, meeting_id)
    ws.conn.execute("PRAGMA max_page_count = 1073741823")  # space was freed
    board.add_concern(ws, meeting_id=meeting_id, text="after the disk was cleared")
    live.start_meeting(ws, meeting_id=meeting_id)
    assert ws.scalar("SELECT count(*) FROM concerns") == recorded + 1
    assert verify(ws).ok


# -- read-only -------------------------------------------------------------------------------------


def test_a_read_only_open_reads_but_refuses_every_change(
    fresh_ws: Workspace, db_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    board.add_concern(fresh_ws, meeting_id=meeting_id, text="Reading")
    events = fresh_ws.scalar("SELECT count(*) FROM events")
    with Workspace.open(db_path, read_only=True) as reader:
        assert reader.read_only
        assert reader.scalar("SELECT text FROM concerns") == "Reading"
        with pytest.raises(WorkspaceError) as raised:
            board.add_concern(reader, meeting_id=meeting_id, text="never stored")
        assert str(raised.value) == f"not recorded: {db_path} is open read-only"
        # Even SQL that goes around the operations cannot write.
        with pytest.raises(Exception, match="readonly"):
            reader.conn.execute("DELETE FROM concerns")
        # It sees what the writer records meanwhile.
        board.add_concern(fresh_ws, meeting_id=meeting_id, text="Math")
        assert reader.scalar("SELECT count(*) FROM concerns") == 2
    assert fresh_ws.scalar("SELECT count(*) FROM events") == events + 1
    assert verify(fresh_ws).ok


def test_a_read_only_open_takes_any_file_name(tmp_path: Path) -> None:
    path = tmp_path / "Meeting #1? 50% done.sqlite3"
    with Workspace.open(path) as ws:
        small_meeting(ws)
    with Workspace.open(path, read_only=True) as reader:
        assert reader.scalar("SELECT count(*) FROM meetings") == 1


def test_a_read_only_open_never_creates_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="no workspace at"):
        Workspace.open(tmp_path / "none.sqlite3", read_only=True)
    assert not (tmp_path / "none.sqlite3").exists()


def test_a_read_only_open_refuses_what_is_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    with pytest.raises(WorkspaceError, match="not a Facilitator workspace"):
        Workspace.open(path, read_only=True)


def test_a_file_that_turns_read_only_refuses_writes_then_recovers(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    board.add_concern(fresh_ws, meeting_id=meeting_id, text="Reading")
    fresh_ws.conn.execute("PRAGMA query_only = ON")  # the medium stops taking writes
    with pytest.raises(WorkspaceError, match=r"^not recorded: .* is read-only$"):
        board.add_concern(fresh_ws, meeting_id=meeting_id, text="Math")
    fresh_ws.conn.execute("PRAGMA query_only = OFF")
    board.add_concern(fresh_ws, meeting_id=meeting_id, text="Writing")
    texts = [r["text"] for r in fresh_ws.rows("SELECT text FROM concerns ORDER BY id")]
    assert texts == ["Reading", "Writing"]
    assert verify(fresh_ws).ok
