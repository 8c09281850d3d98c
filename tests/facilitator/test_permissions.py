"""Every file the app writes about a meeting is readable by its owner alone (0600; folders 0700),
whatever the user's umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator import board
from facilitator.backups import BackupPolicy, make_backup, restore
from facilitator.clock import FakeClock
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
