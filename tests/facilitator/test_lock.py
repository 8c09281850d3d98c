"""A second window on the same workspace is told who holds it; a dead holder never blocks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.errors import WorkspaceError
from facilitator.lock import WorkspaceLock

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
