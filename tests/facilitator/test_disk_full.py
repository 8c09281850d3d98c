"""When the disk is full or the file cannot be written: the action is refused in one line that says
it was not recorded, nothing already stored is lost, and work goes on once writing is possible. A
workspace closed before the disk filled up can still be read (and its minutes exported)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

from facilitator import board, live
from facilitator.clock import FakeClock
from facilitator.errors import WorkspaceError
from facilitator.integrity import verify, verify_file
from facilitator.lock import WorkspaceLock
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


# -- opening on a full disk ------------------------------------------------------------------------


@contextmanager
def no_room_left(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A disk with no room left: it says it has no free space, and no file of this process can
    grow past 16 KiB (writes fail, as they do on a full disk; EFBIG here, ENOSPC there), so SQLite
    cannot make a workspace's -shm index (32 KiB). Files already there read as usual."""
    import signal

    resource = pytest.importorskip("resource")  # POSIX
    with monkeypatch.context() as patch:
        patch.setattr(shutil, "disk_usage", lambda path: SimpleNamespace(free=0))
        old_signal = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, hard))
        try:
            yield
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
            signal.signal(signal.SIGXFSZ, old_signal)


@pytest.fixture
def closed_demo(db_path: Path, demo_ws: Workspace) -> Path:
    """The sample case, its window closed cleanly: no -wal or -shm beside it."""
    demo_ws.close()
    return db_path


def test_a_workspace_on_a_full_disk_is_still_read_and_refuses_changes_saying_why(
    closed_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with no_room_left(monkeypatch), Workspace.open(closed_demo) as ws:  # as `actions` opens it
        assert ws.read_only
        assert ws.scalar("SELECT count(*) FROM meetings") == 2
        meeting_id = MeetingId(ws.scalar("SELECT max(id) FROM meetings"))
        with pytest.raises(WorkspaceError) as refused:
            board.add_concern(ws, meeting_id=meeting_id, text="never stored")
        assert str(refused.value).startswith("not recorded: the disk is full")
        assert verify_file(closed_demo).ok  # `facilitator verify` opens it read-only
    with Workspace.open(closed_demo) as ws:  # room again: recording as usual
        board.add_concern(ws, meeting_id=meeting_id, text="stored")


def test_a_full_disk_is_named_when_the_log_beside_the_workspace_keeps_it_from_being_read(
    db_path: Path, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write-ahead log left by a crash may hold changes the main file lacks: reading the main
    file alone would show an older record, so it is not read at all, and the reason is given."""
    ws = Workspace.open(db_path, clock=clock)
    meeting_id, _ = small_meeting(ws)
    board.add_note(ws, meeting_id=meeting_id, text="only in the log")
    crashed = tmp_path / "crashed.sqlite3"
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{db_path}{suffix}", f"{crashed}{suffix}")
    ws.close()
    before = [Path(f"{crashed}{s}").read_bytes() for s in ("", "-wal")]
    with no_room_left(monkeypatch), pytest.raises(WorkspaceError) as refused:
        Workspace.open(crashed)
    assert str(refused.value) == (
        f"cannot open {crashed}: the disk holding it is full (free some space; nothing stored"
        " is lost)"
    )
    assert [Path(f"{crashed}{s}").read_bytes() for s in ("", "-wal")] == before


def test_a_workspace_a_window_holds_is_not_read_without_its_index(
    closed_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading without the index is safe only while nothing writes: never while a window has it."""
    refused = pytest.raises(WorkspaceError, match="the disk holding it is full")
    with WorkspaceLock(closed_demo), no_room_left(monkeypatch), refused:
        Workspace.open(closed_demo, read_only=True)
