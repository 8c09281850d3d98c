"""Every file the app writes about a meeting is readable by its owner alone (0600; folders 0700),
whatever the user's umask."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator import board
from facilitator.backups import BackupPolicy, make_backup, restore
from facilitator.clock import FakeClock
from facilitator.errors import WorkspaceError
from facilitator.exchange import export_json
from facilitator.lock import WorkspaceLock
from facilitator.model import MeetingId
from facilitator.recovery import set_aside_damaged
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """A umask that would leave new files world-readable if the app did not see to it."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def ws(db_path: Path, clock: FakeClock) -> Iterator[Workspace]:
    with Workspace.open(db_path, clock=clock) as opened:
        meeting_id, _ = small_meeting(opened)
        board.add_note(opened, meeting_id=meeting_id, text="private")
        yield opened


def test_the_workspace_and_its_log_and_index_are_owner_only(ws: Workspace) -> None:
    wal, shm = (ws.path.with_name(ws.path.name + s) for s in ("-wal", "-shm"))
    assert wal.exists() and shm.exists()
    assert (mode(ws.path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)


def test_the_lock_file_is_owner_only(db_path: Path) -> None:
    with WorkspaceLock(db_path) as lock:
        assert mode(lock.path) == 0o600


def test_backups_their_index_and_their_folder_are_owner_only(ws: Workspace, tmp_path: Path) -> None:
    policy = BackupPolicy(folder=tmp_path / "deep" / "backups")
    copy = make_backup(ws, policy, reason="manual")
    assert mode(policy.folder) == mode(policy.folder.parent) == 0o700
    assert mode(copy) == 0o600
    assert mode(copy.with_suffix(".json")) == 0o600


def test_a_json_export_is_owner_only(ws: Workspace, tmp_path: Path) -> None:
    meeting_id = MeetingId(ws.scalar("SELECT id FROM meetings"))
    out = export_json(ws, meeting_id, tmp_path / "meeting.json")
    assert mode(out) == 0o600


def test_a_restored_workspace_and_the_file_set_aside_are_owner_only(
    ws: Workspace, db_path: Path, tmp_path: Path
) -> None:
    policy = BackupPolicy(folder=tmp_path / "backups")
    copy = make_backup(ws, policy, reason="manual")
    ws.close()
    aside = restore(copy, db_path, policy)
    assert aside is not None
    assert (mode(db_path), mode(aside)) == (0o600, 0o600)


def test_a_damaged_file_set_aside_stays_owner_only(ws: Workspace, db_path: Path) -> None:
    ws.close()
    assert mode(set_aside_damaged(db_path)) == 0o600


# -- hardening only takes permissions away ---------------------------------------------------------


def companions(path: Path) -> tuple[Path, Path]:
    wal, shm = (path.with_name(path.name + s) for s in ("-wal", "-shm"))
    return wal, shm


def test_a_workspace_others_could_read_is_narrowed_to_its_owner(db_path: Path) -> None:
    Workspace.open(db_path).close()
    db_path.chmod(0o664)
    with Workspace.open(db_path):
        assert [mode(f) for f in (db_path, *companions(db_path))] == [0o600, 0o600, 0o600]


def test_a_workspace_made_read_only_is_never_made_writable(db_path: Path) -> None:
    """The user's own `chmod 444` stands: only group and other permissions are taken away, on the
    file and on the log and index SQLite makes beside it (which copy its permissions)."""
    Workspace.open(db_path).close()
    db_path.chmod(0o444)
    with Workspace.open(db_path):
        files = [f for f in (db_path, *companions(db_path)) if f.exists()]
        assert [mode(f) for f in files] == [0o400] * len(files)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only file")
def test_a_read_only_workspace_refuses_every_change_in_one_line(
    db_path: Path, clock: FakeClock
) -> None:
    with Workspace.open(db_path, clock=clock) as ws:
        meeting_id, _ = small_meeting(ws)
    db_path.chmod(0o444)
    before = db_path.read_bytes()
    with Workspace.open(db_path, clock=clock) as ws:
        assert ws.scalar("SELECT count(*) FROM meetings") == 1
        with pytest.raises(WorkspaceError, match=r"^not recorded: .* is read-only"):
            board.add_note(ws, meeting_id=meeting_id, text="never stored")
    assert mode(db_path) == 0o400 and db_path.read_bytes() == before


def test_a_shared_workspace_of_another_owner_opens_as_it_is(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workspace another user owns (and shares, mode 666) cannot be narrowed: that is no reason
    to refuse it. (The file system's EPERM is simulated: root may change anyone's file.)"""
    Workspace.open(db_path).close()
    db_path.chmod(0o666)
    WorkspaceLock(db_path).path.touch(mode=0o666)

    def not_the_owner(path: object, mode: int, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted", str(path))

    monkeypatch.setattr(os, "chmod", not_the_owner)
    with WorkspaceLock(db_path), Workspace.open(db_path) as ws:
        assert ws.scalar("SELECT count(*) FROM meetings") == 0
    assert mode(db_path) == 0o666
