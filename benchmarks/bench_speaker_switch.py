"""Speaker switch committed to disk, against one raw sqlite3 insert+commit (WAL, synchronous=FULL)
measured in the same run on the same folder. Goal: p99 <= 3x the floor's p99.

    python benchmarks/bench_speaker_switch.py [--n 1000] [--dir PATH]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from facilitator import live, meetings
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import CaseId, MeetingId, ParticipantId, Role
from facilitator.store import Workspace


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def floor(folder: Path, n: int) -> list[float]:
    conn = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c TEXT)")
    samples = []
    for i in range(n):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO t (a, b, c) VALUES (?, ?, ?)", (i, "2026-11-29T18:02:03.123Z", None)
        )
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - start)
    conn.close()
    return samples


def switches(folder: Path, n: int) -> list[float]:
    ws = Workspace.open(folder / "workspace.sqlite3")
    case_id = CaseId(meetings.create_case(ws, label="Bench").created_id or 0)
    meeting_id = MeetingId(
        meetings.create_meeting(
            ws, case_id=case_id, kind="facilitated_iep", title="Bench",  # type: ignore[arg-type]
            participants=[NewParticipant(f"P{i}", Role.OTHER) for i in range(12)],
            agenda=[NewAgendaItem("Item", 180)],
        ).created_id or 0
    )  # fmt: skip
    people = [ParticipantId(r["id"]) for r in ws.rows("SELECT id FROM participants ORDER BY id")]
    live.start_meeting(ws, meeting_id=meeting_id)
    samples = []
    for i in range(n):
        start = time.perf_counter()
        live.switch_speaker(ws, meeting_id=meeting_id, participant_id=people[i % len(people)])
        samples.append(time.perf_counter() - start)
    ws.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        base = floor(Path(folder), args.n)
        ours = switches(Path(folder), args.n)
    for name, samples in (("raw insert+commit (floor)", base), ("speaker switch", ours)):
        print(
            f"{name:<27} p50 {statistics.median(samples) * 1000:7.3f} ms"
            f"   p99 {percentile(samples, 99) * 1000:7.3f} ms"
        )
    ratio50 = statistics.median(ours) / statistics.median(base)
    ratio99 = percentile(ours, 99) / percentile(base, 99)
    print(f"ratio p50 {ratio50:.2f}x   p99 {ratio99:.2f}x   (goal: p99 <= 3x)")


if __name__ == "__main__":
    main()
