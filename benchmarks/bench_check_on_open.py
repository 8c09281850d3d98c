"""The start-up check (`recovery.check_on_open`) on a workspace of 1,000 meetings, against opening
the same workspace (`Workspace.open` + close), and the full chain walk (`facilitator verify`'s)
for comparison. Warm cache: the median of several runs after a first one.

    python benchmarks/bench_check_on_open.py [--meetings 1000] [--runs 7] [--dir PATH]

The workspace is built once (the sample case, repeated; about 100 KB and 83 events a meeting) and
kept in --dir, so later runs measure only.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from facilitator.audit import verify_chain
from facilitator.demo import create_demo
from facilitator.integrity import read_only_connection
from facilitator.recovery import check_on_open
from facilitator.store import Workspace


def build(path: Path, meetings: int) -> None:
    with Workspace.open(path) as ws:
        have = ws.scalar("SELECT count(*) FROM meetings")
        ws.conn.execute("PRAGMA synchronous = OFF")  # building only; the checks read as usual
        for _ in range(max(0, meetings - have) // 2):  # the sample case holds two meetings
            create_demo(ws)


def median_ms(run: Callable[[], object], runs: int) -> float:
    run()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    options = parser.parse_args()
    path = options.dir / f"bench-{options.meetings}-meetings.sqlite3"
    build(path, options.meetings)
    size_mb = path.stat().st_size / 1e6

    def open_close() -> None:
        Workspace.open(path).close()

    def check() -> None:
        assert check_on_open(path).ok

    def full_chain() -> None:
        conn = read_only_connection(path)
        assert verify_chain(conn).ok
        conn.close()

    floor = median_ms(open_close, options.runs)
    ours = median_ms(check, options.runs)
    chain = median_ms(full_chain, max(1, options.runs // 3))
    print(f"workspace: {options.meetings} meetings, {size_mb:.0f} MB, {path}")
    print(f"Workspace.open + close:   {floor:8.1f} ms")
    print(f"check_on_open:            {ours:8.1f} ms")
    print(f"full audit-chain walk:    {chain:8.1f} ms  (left to `facilitator verify`)")


if __name__ == "__main__":
    main()
