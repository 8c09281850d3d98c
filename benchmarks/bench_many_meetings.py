"""A workspace of 1,000 meetings starts as fast as an empty one (goal: <= 1.2x).

    python benchmarks/bench_many_meetings.py [--runs 9] [--meetings 1000]

Both starts are fresh processes through `run_window`, timed from spawn until the window is exposed
(see bench_window_start.py; runs under Xvfb). The empty workspace shows the empty state; the full
one opens its last meeting (the sample meeting), which is also timed in a workspace holding only
it, so the cost of the other meetings shows apart from the cost of showing a meeting. Also timed:
File > Open meeting listing all of them.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_window_start import APP, child_env, ensure_display, taking_turns


def many_meetings(path: Path, count: int) -> None:
    from facilitator import board, live, meetings
    from facilitator.clock import FakeClock
    from facilitator.demo import AGENDA, FAMILY, NEUTRAL, SCHOOL, create_demo
    from facilitator.model import CaseId, MeetingId, MeetingKind
    from facilitator.store import Workspace

    clock = FakeClock("2024-01-08T15:00:00.000Z")
    rng = random.Random(1)
    with Workspace.open(path, clock=clock) as ws:
        for n in range(count - 2):
            case = meetings.create_case(ws, label=f"Student {n:04d}, grade {n % 12 + 1}")
            meeting_id = MeetingId(
                meetings.create_meeting(
                    ws,
                    case_id=CaseId(case.created_id or 0),
                    kind=rng.choice(list(MeetingKind)),
                    title=f"Meeting {n:04d}",
                    participants=[*FAMILY, *SCHOOL, *NEUTRAL],
                    agenda=AGENDA,
                ).created_id
                or 0
            )
            if n % 10 == 0:  # every tenth meeting was held, with a record to show for it
                people = [r["id"] for r in ws.rows(
                    "SELECT id FROM participants WHERE meeting_id = ?", (meeting_id,))]  # fmt: skip
                for _ in range(20):
                    live.switch_speaker(
                        ws, meeting_id=meeting_id, participant_id=rng.choice(people)
                    )
                    clock.advance(seconds=rng.randint(10, 90))
                board.add_concern(ws, meeting_id=meeting_id, text="A concern")
                live.end_meeting(ws, meeting_id=meeting_id)
            clock.advance(minutes=90)
        create_demo(ws)  # the last meeting worked on: the window opens it


def time_picker(path: Path) -> float:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from facilitator.store import Workspace
    from ui.main_window import MainWindow
    from ui.qt_compat import keep_none_alive
    from ui.session import Session
    from ui.settings import SettingsStore

    keep_none_alive()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(path) as ws:
        settings = SettingsStore(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(Session(ws), settings)
        window.show()
        app.processEvents()
        started = time.perf_counter()
        window.show_picker()
        app.processEvents()
        elapsed = time.perf_counter() - started
        assert window.picker.proxy.rowCount() >= 1000
        window.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--meetings", type=int, default=1000)
    options = parser.parse_args()
    ensure_display()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = child_env(folder)
        empty = folder / "empty.sqlite3"
        full = folder / "full.sqlite3"
        from facilitator.store import Workspace

        Workspace.open(empty).close()
        alone = folder / "alone.sqlite3"
        many_meetings(alone, 2)  # the same last meeting, without the others
        built = time.perf_counter()
        many_meetings(full, options.meetings)
        built = time.perf_counter() - built
        starts = [(APP, [str(empty)]), (APP, [str(full)]), (APP, [str(alone)])]
        floor, many, one = map(statistics.median, taking_turns(starts, env, options.runs))
        picker = time_picker(full)
    print(f"built {options.meetings} meetings in {built:.1f} s")
    print(f"empty workspace: {floor * 1000:7.1f} ms to a visible window (median of {options.runs})")
    print(f"{options.meetings} meetings:  {many * 1000:7.1f} ms to a visible window")
    print(f"ratio: {many / floor:.2f}x (goal <= 1.2x)")
    # The empty workspace shows the empty state, the full one a whole meeting: the same meeting in
    # a workspace of its own tells what the other meetings cost.
    print(f"that meeting alone: {one * 1000:7.1f} ms; {options.meetings} meetings / alone:"
          f" {many / one:.2f}x")  # fmt: skip
    print(f"File > Open meeting, all {options.meetings} listed: {picker * 1000:.1f} ms")


if __name__ == "__main__":
    main()
