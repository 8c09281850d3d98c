"""A second window on the same workspace is told who holds it; a dead holder never blocks; a holder
that found the workspace damaged leaves word for the next."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.errors import WorkspaceError
from facilitator.lock import DamageNote, WorkspaceLock, held_elsewhere

HOLDER = r"""
import sys, time
from facilitator.lock import WorkspaceLock
lock = WorkspaceLock(sys.argv[1]); lock.acquire(program="Facilitator window")
print("held", flush=True)
time.sleep(60)
"""


def test_a_second_holder_is_told_who_has_the_workspace(db_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(
            WorkspaceError, match=r"already open in Facilitator window \(process \d+"
        ):
            WorkspaceLock(db_path).acquire()
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    # The holder died without cleaning up: its lock went with it.
    lock = WorkspaceLock(db_path)
    lock.acquire()
    lock.release()


def test_the_lock_is_released_and_can_be_taken_again(db_path: Path) -> None:
    with WorkspaceLock(db_path):
        pass
    with WorkspaceLock(db_path) as again:
        assert again.path.exists()


def test_damage_one_holder_notes_is_read_by_the_next_even_after_a_crash(db_path: Path) -> None:
    note = DamageNote("database disk image is malformed", (1, 2))
    first = WorkspaceLock(db_path)
    first.acquire(program="the Facilitator window")
    first.note_damage(note)
    first.release()  # as a killed window's lock goes: the note stays in the file
    second = WorkspaceLock(db_path)
    with second:
        assert second.noted_damage == note
    with WorkspaceLock(db_path) as third:  # taking the lock wrote its own name over the note
        assert third.noted_damage is None


def test_a_note_taken_back_is_not_read(db_path: Path) -> None:
    with WorkspaceLock(db_path) as first:
        first.note_damage(DamageNote("malformed", (1, 2)))
        first.note_damage(None)
    with WorkspaceLock(db_path) as second:
        assert second.noted_damage is None


def test_whether_anyone_holds_the_lock_is_told_without_making_a_lock_file(db_path: Path) -> None:
    assert not held_elsewhere(db_path)
    assert not Path(f"{db_path}.lock").exists()
    with WorkspaceLock(db_path):
        assert held_elsewhere(db_path)
    assert not held_elsewhere(db_path)


def test_a_lock_file_that_cannot_be_made_owner_only_still_locks(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beside a workspace another user shares, the lock file may be theirs (EPERM on chmod)."""

    def not_the_owner(path: object, mode: int, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted", str(path))

    monkeypatch.setattr(os, "chmod", not_the_owner)
    with WorkspaceLock(db_path), pytest.raises(WorkspaceError, match="already open"):
        WorkspaceLock(db_path).acquire()
