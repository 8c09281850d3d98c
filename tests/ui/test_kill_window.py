"""Killing the real window mid-meeting loses nothing it acknowledged, and the meeting resumes.

The app runs in a child process (`python -m ui.launcher --db X --meeting N`, offscreen) driven by
`FACILITATOR_TEST_SCRIPT`: the window presses its own speaker keys (its QActions) and prints
"ack <event id> <kind>" once each action is committed. The parent kills it with SIGKILL at a
random moment, checks the file, then opens the window on it again.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from facilitator import live, meetings
from facilitator.integrity import verify_file
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import CaseId, MeetingId, MeetingKind, Role
from facilitator.store import Workspace
from ui.app import TEST_SCRIPT
from ui.main_window import MainWindow
from ui.session import Session
from ui.settings import SettingsStore
from ui.startup import left_unclean, open_workspace

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def live_meeting(path: Path) -> MeetingId:
    """A meeting under way (started on this laptop before the window was opened on it)."""
    with Workspace.open(path) as ws:
        case = CaseId(meetings.create_case(ws, label="Kill test").created_id or 0)
        change = meetings.create_meeting(
            ws,
            case_id=case,
            kind=MeetingKind.FACILITATED_IEP,
            title="Killed mid-meeting",
            participants=[NewParticipant(n, Role.PARENT) for n in ("Ana", "Luis", "Priya")],
            agenda=[NewAgendaItem("Concerns", 30)],
        )
        meeting_id = MeetingId(change.created_id or 0)
        live.start_meeting(ws, meeting_id=meeting_id)
        return meeting_id


def run_and_kill(path: Path, meeting_id: int, home: Path, wanted: int) -> list[tuple[int, str]]:
    """Start the window on the meeting, kill it after `wanted` acknowledgements; returns them."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{TEST_SCRIPT: "switch 100000"})
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    child = subprocess.Popen(
        [sys.executable, "-m", "ui.launcher", "--db", str(path), "--meeting", str(meeting_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    watchdog = threading.Timer(30, child.kill)  # never hang the suite on a child that hangs
    watchdog.start()
    acknowledged: list[tuple[int, str]] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            word, *rest = line.split()
            if word == "ack":
                acknowledged.append((int(rest[0]), rest[1]))
            if len(acknowledged) >= wanted:
                break
        os.kill(child.pid, signal.SIGKILL)
        code = child.wait()
    finally:
        watchdog.cancel()
    assert child.stderr is not None
    errors = child.stderr.read()
    assert code == -signal.SIGKILL, f"the window stopped before it was killed: {errors}"
    assert len(acknowledged) == wanted
    return acknowledged


@pytest.mark.parametrize("trial", range(2))
def test_a_killed_window_loses_nothing_it_acknowledged_and_resumes(
    qtbot: QtBot, tmp_path: Path, settings: SettingsStore, trial: int
) -> None:
    path = tmp_path / "killed.sqlite3"
    meeting_id = live_meeting(path)
    wanted = random.Random(trial).randint(5, 60)
    acknowledged = run_and_kill(path, meeting_id, tmp_path, wanted)

    # The core, on the file as the kill left it: it verifies, and every acknowledged action is in.
    assert left_unclean(path)
    assert verify_file(path).ok
    with Workspace.open(path, read_only=True) as ws:
        events = {r["id"]: r["kind"] for r in ws.rows("SELECT id, kind FROM events")}
        turns = ws.scalar("SELECT count(*) FROM speaking_turns WHERE meeting_id = ?", (meeting_id,))
        assert ws.scalar("SELECT status FROM meetings WHERE id = ?", (meeting_id,)) == "live"
    for event_id, kind in acknowledged:
        assert events.get(event_id) == kind
    switches = sum(1 for _, kind in acknowledged if kind == "speaker.switch")
    assert switches <= turns <= switches + 1  # at most the one in flight besides

    # The window again, as `run_window` opens it: checked (a crash left its log), then resumed.
    opened = open_workspace(path, ask_read_only=lambda why: False)
    assert opened.damage is None
    window = MainWindow(Session(opened.ws, lock=opened.lock), settings)
    qtbot.addWidget(window)
    try:
        window.open_meeting(meeting_id)
        window.show()
        gaps = opened.ws.rows(
            "SELECT * FROM interruptions WHERE meeting_id = ? ORDER BY id", (meeting_id,)
        )
        assert len(gaps) == 2  # one when the child opened it, one now: the kill
        assert gaps[-1]["stopped_at"] >= max(
            opened.ws.scalar("SELECT at FROM events WHERE id = ?", (event_id,))
            for event_id, _ in acknowledged
        )
        assert window.banner.isVisible() and "Recording stopped" in window.banner.label.text()
    finally:
        window.close()  # before its workspace: closing saves the layout, which repaints
        opened.close()
