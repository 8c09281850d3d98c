"""`facilitator backup` is consistent while another process keeps writing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from facilitator.integrity import backup, verify
from facilitator.store import Workspace

WRITER = r"""
import sys
from facilitator import board, meetings
from facilitator.store import Workspace
ws = Workspace.open(sys.argv[1])
case = meetings.create_case(ws, label="Busy").created_id
meeting = meetings.create_meeting(ws, case_id=case, kind="other", title="Busy").created_id
print("ready", flush=True)
n = 0
while True:
    n += 1
    board.add_note(ws, meeting_id=meeting, text=f"note {n}")
"""


def test_a_backup_taken_during_writes_verifies(tmp_path: Path) -> None:
    db = tmp_path / "busy.sqlite3"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        copies = []
        with Workspace.open(db) as ws:
            for n in range(3):
                copies.append(backup(ws, tmp_path / f"copy{n}.sqlite3"))
    finally:
        writer.kill()
        writer.wait()
    counts = []
    for copy in copies:
        with Workspace.open(copy) as restored:
            assert verify(restored).ok
            counts.append(restored.scalar("SELECT count(*) FROM notes"))
            # No note without its event: the copy is one moment of the workspace.
            assert (
                restored.scalar("SELECT count(*) FROM events WHERE kind = 'note.add'") == counts[-1]
            )
    assert counts == sorted(counts)
