"""Minutes of a 3-hour meeting (12 people, 2,000 turns, 80 concerns, 40 options, 30 action items),
against python-docx writing the same text directly (same paragraphs and tables, naive but one row
at a time, from python-docx's default template) in the same run. Goal: <= 1.5x and under 1 s.

Our time is the whole export: reading the meeting, wording it, rendering, writing the file safely.
The floor's is python-docx alone, from text already worded; it is also shown starting from the
app's own (smaller) styles template, so the template's size is not what makes the difference.

    python benchmarks/bench_minutes.py [--runs 7] [--dir PATH]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import docx

from facilitator import board, live, meetings
from facilitator.clock import FakeClock, format_timestamp
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.minutes import write_minutes
from facilitator.minutes.content import build_minutes
from facilitator.minutes.document import Audience, Heading, Minutes, Paragraph, Table
from facilitator.minutes.docx_writer import TEMPLATE
from facilitator.minutes.sources import gather
from facilitator.model import (
    CaseId,
    ConcernId,
    MeetingId,
    MeetingKind,
    ParticipantId,
    Role,
    SolutionId,
    SolutionStatus,
)
from facilitator.store import Workspace

ROLES = [
    Role.PARENT, Role.PARENT, Role.ADVOCATE, Role.STUDENT, Role.SPECIAL_ED_TEACHER,
    Role.GENERAL_ED_TEACHER, Role.EVALUATION_INTERPRETER, Role.RELATED_SERVICES,
    Role.DISTRICT_REPRESENTATIVE, Role.ADMINISTRATOR, Role.INTERPRETER, Role.FACILITATOR,
]  # fmt: skip
WORDS = [
    "reading", "fluency", "writing", "math", "behaviour", "recess", "homework", "anxiety",
    "speech", "services", "minutes", "support", "classroom", "progress", "data", "goals",
    "evaluation", "placement", "schedule", "notebook",
]  # fmt: skip


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def three_hour_meeting(ws: Workspace) -> MeetingId:
    """Built through the core operations, as the window would, with a fake clock."""
    clock = FakeClock("2026-11-22T15:00:00.000Z")
    ws = Workspace(ws.conn, ws.path, clock)
    rng = random.Random(7)
    case_id = CaseId(meetings.create_case(ws, label="Bench case, grade 5").created_id or 0)
    meeting_id = MeetingId(
        meetings.create_meeting(
            ws, case_id=case_id, kind=MeetingKind.FACILITATED_IEP, title="Three-hour IEP meeting",
            location="District office, room 4", purpose=sentence(rng, 30),
            desired_outcomes="\n".join(sentence(rng, 8) for _ in range(4)),
            participants=[NewParticipant(f"Person {i + 1} {r.label}", r) for i, r in
                          enumerate(ROLES)],
            agenda=[NewAgendaItem(sentence(rng, 6), 18) for _ in range(10)],
        ).created_id or 0
    )  # fmt: skip
    people = [
        ParticipantId(r["id"])
        for r in ws.rows("SELECT id FROM participants WHERE meeting_id = ?", (meeting_id,))
    ]
    live.start_meeting(ws, meeting_id=meeting_id)
    for turn in range(2000):
        live.switch_speaker(ws, meeting_id=meeting_id, participant_id=people[turn % 12])
        clock.advance(ms=5_400 - 1)  # 2,000 turns over three hours
        if turn % 200 == 199:
            live.next_item(ws, meeting_id=meeting_id)
    concerns = [
        ConcernId(
            board.add_concern(
                ws, meeting_id=meeting_id, text=sentence(rng, 12), raised_by=rng.choice(people),
                team_only=i % 10 == 0,
            ).created_id or 0
        )
        for i in range(80)
    ]  # fmt: skip
    for i in range(40):
        option = SolutionId(
            board.add_solution(
                ws, meeting_id=meeting_id, text=sentence(rng, 10), proposed_by=rng.choice(people),
                addresses=rng.sample(concerns, 3), team_only=i % 8 == 0,
            ).created_id or 0
        )  # fmt: skip
        status = [SolutionStatus.AGREED, SolutionStatus.NOT_AGREED, SolutionStatus.PARKED][i % 3]
        board.decide_solution(ws, solution_id=option, status=status, reason=sentence(rng, 16))
        if status is SolutionStatus.AGREED:
            board.add_agreement(ws, meeting_id=meeting_id, text=sentence(rng, 14))
    for i in range(30):
        board.add_action_item(
            ws, meeting_id=meeting_id, text=sentence(rng, 9), owner_participant_id=people[i % 12],
            due_date=format_timestamp(clock.now() + timedelta(days=i))[:10], team_only=i % 7 == 0,
        )  # fmt: skip
    for _ in range(12):
        board.add_note(ws, meeting_id=meeting_id, text=sentence(rng, 15))
    live.end_meeting(ws, meeting_id=meeting_id)
    return meeting_id


def floor(minutes: Minutes, out: Path, template: Path | None = None) -> None:
    """python-docx writing the same text: add_paragraph / add_table, one row at a time."""
    doc = docx.Document(str(template) if template else None)
    doc.add_paragraph(minutes.title, "Title" if template is None else "Minutes Title")
    doc.add_paragraph(minutes.subtitle)
    for label, value in minutes.details:
        doc.add_paragraph(f"{label}\t{value}")
    names = _names(doc)
    styles = {"bullet": "List Bullet", "numbered": "List Number"}
    if "List Bullet" not in names:  # the app's own template names its list styles differently
        styles = {"bullet": "Minutes Bullet", "numbered": "Minutes Numbered"}
    for block in minutes.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, block.level)
        elif isinstance(block, Paragraph):
            text = f"{block.label} {block.text}" if block.label else block.text
            doc.add_paragraph(text, styles.get(block.kind))
        else:
            _table(doc, block)
    section = doc.sections[0]
    section.header.paragraphs[0].text = f"{minutes.header_text}\t{minutes.header_copy}"
    section.footer.paragraphs[0].text = minutes.footer_text
    doc.core_properties.title = minutes.properties.title
    doc.core_properties.subject = minutes.properties.subject
    doc.save(str(out))


def _table(doc: Any, block: Table) -> None:
    table = doc.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid" if "Table Grid" in _names(doc) else "Minutes Table"
    for cell, text in zip(table.rows[0].cells, block.columns, strict=True):
        cell.text = text
    for row in (*block.rows, *([block.total] if block.total else [])):
        for cell, text in zip(table.add_row().cells, row.cells, strict=True):
            cell.text = text


def _names(doc: Any) -> set[str]:
    return {style.name for style in doc.styles}


def median_time(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def compare(
    ws: Workspace, meeting_id: MeetingId, folder: Path, audience: Audience, runs: int
) -> None:
    minutes = build_minutes(gather(ws, meeting_id, audience=audience))
    out = folder / f"{audience}.docx"

    def export() -> None:
        write_minutes(ws, meeting_id, out, audience=audience)

    median_time(export, 1)  # warm up: imports, template
    base = median_time(lambda: floor(minutes, folder / "floor.docx"), runs)
    lean = median_time(lambda: floor(minutes, folder / "floor.docx", TEMPLATE), runs)
    ours = median_time(export, runs)
    print(
        f"{audience:<6} copy: python-docx floor {base * 1000:6.1f} ms"
        f" (with the app's template {lean * 1000:6.1f} ms)   write_minutes {ours * 1000:6.1f} ms"
        f"   ratio {ours / base:4.2f}x ({ours / lean:4.2f}x)   {out.stat().st_size // 1024} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as name:
        folder = Path(name)
        ws = Workspace.open(folder / "bench.sqlite3")
        built = time.perf_counter()
        meeting_id = three_hour_meeting(ws)
        print(f"built the 3-hour meeting in {time.perf_counter() - built:.1f} s")
        audiences: tuple[Audience, ...] = ("parent", "team")
        for audience in audiences:
            compare(ws, meeting_id, folder, audience, args.runs)
        print("goal: write_minutes <= 1.5x the python-docx floor, and under 1000 ms")
        ws.close()


if __name__ == "__main__":
    main()
