"""Killing the process at any moment loses at most the operation in flight.

A child process records operations and acknowledges each one after it returned; the parent kills
it with SIGKILL at a random moment, then checks that the workspace verifies and that every
acknowledged operation is in it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.integrity import verify
from facilitator.store import Workspace

CHILD = r"""
import sys
from facilitator import board, live, meetings
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import Role
from facilitator.store import Workspace

ws = Workspace.open(sys.argv[1])
case = meetings.create_case(ws, label="Crash").created_id
meeting = meetings.create_meeting(
    ws, case_id=case, kind="facilitated_iep", title="Crash test",
    participants=[NewParticipant(n, Role.PARENT) for n in ("A", "B", "C")],
    agenda=[NewAgendaItem(f"Item {n}", 5) for n in range(5)],
).created_id
people = [r["id"] for r in ws.rows("SELECT id FROM participants ORDER BY id")]
print("meeting", meeting, flush=True)
n = 0
while True:
    n += 1
    if n % 3 == 0:
        board.add_concern(ws, meeting_id=meeting, text=f"concern {n}")
        print("concern", n, flush=True)
    elif n % 50 == 0:
        live.next_item(ws, meeting_id=meeting)
        print("next", n, flush=True)
    else:
        live.switch_speaker(ws, meeting_id=meeting, participant_id=people[n % 3])
        print("turn", n, flush=True)
"""


@pytest.mark.parametrize("trial", range(12))
def test_a_killed_process_loses_nothing_it_acknowledged(tmp_path: Path, trial: int) -> None:
    db = tmp_path / "crash.sqlite3"
    rng = random.Random(trial)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    acknowledged: list[tuple[str, int]] = []
    wanted = rng.randint(5, 120)
    for line in child.stdout:
        kind, number = line.split()
        if kind == "meeting":
            continue
        acknowledged.append((kind, int(number)))
        if len(acknowledged) >= wanted:
            break
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL, "the child stopped before it was killed"
    assert len(acknowledged) == wanted

    with Workspace.open(db) as ws:
        assert verify(ws).ok
        concerns = {r["text"] for r in ws.rows("SELECT text FROM concerns")}
        turns = ws.scalar("SELECT count(*) FROM speaking_turns")
        assert ws.scalar("SELECT count(*) FROM speaking_turns WHERE ended_at IS NULL") <= 1
    for kind, number in acknowledged:
        if kind == "concern":
            assert f"concern {number}" in concerns
    acked_turns = sum(1 for kind, _ in acknowledged if kind == "turn")
    # Every acknowledged switch is there; at most one more was in flight when the kill came.
    assert acked_turns <= turns <= acked_turns + 1 + sum(1 for k, _ in acknowledged if k == "next")
