"""What the room may see, built only from the shared record: never a team-only item.

Pure functions from the store's shared record (`load_meeting(...).shared_only()`) and the timing to
lines of text, so a test can check every word the projector could show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.model import ConcernStatus, HeldBy, SolutionStatus
from facilitator.record import MeetingRecord
from facilitator.talk_time import SpeakingBalance, format_duration
from facilitator.timing import MeetingTiming
from ui.models.concerns import BOARD_ORDER
from ui.models.lines import Line, LineKind
from ui.panels.agenda_timer import item_clock, meeting_clock
from ui.panels.balance_bar import balance_text

_OPTION_MARK = {
    SolutionStatus.PROPOSED: "Proposed",
    SolutionStatus.AGREED: "✓ Agreed",
    SolutionStatus.NOT_AGREED: "✗ Not agreed",
    SolutionStatus.PARKED: "Parked",
}


@dataclass(frozen=True)
class Board:
    """The shared items, read when the store changes."""

    title: str
    shared_items: frozenset[int]
    concerns: list[Line] = field(default_factory=list)
    options: list[Line] = field(default_factory=list)
    agreements: list[Line] = field(default_factory=list)
    non_negotiables: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class Clock:
    """The agenda and clocks, read every second."""

    now: str
    over: bool
    meeting: str
    meeting_over: bool
    agenda: list[Line]


def shared_board(record: MeetingRecord) -> Board:
    """The projector's items. `record` must already be `shared_only()`."""
    concerns: list[Line] = []
    for status in BOARD_ORDER:
        cards = [c for c in record["concerns"] if c["status"] == status]
        if cards or status in (ConcernStatus.RAISED, ConcernStatus.DISCUSSING):
            concerns.append(Line(f"{status.label} ({len(cards)})", LineKind.HEADING))
            concerns.extend(Line(f"• {c['text']}") for c in cards)
    options = []
    for option in record["solutions"]:
        outcome = SolutionStatus(option["status"])
        text = f"{_OPTION_MARK[outcome]}: {option['text']}"
        if outcome is SolutionStatus.NOT_AGREED and option["reason"]:
            text += f" (why: {option['reason']})"
        options.append(
            Line(text, LineKind.CURRENT if outcome is SolutionStatus.AGREED else LineKind.ITEM)
        )
    agreements = [Line(f"• {a['text']}") for a in record["agreements"]]
    held: list[Line] = []
    for side in (HeldBy.FAMILY, HeldBy.SCHOOL):
        rows = [n for n in record["non_negotiables"] if n["held_by"] == side]
        if rows:
            held.append(Line(f"{side.label}", LineKind.HEADING))
            held.extend(
                Line(f"• {n['text']}" + (f" ({n['basis']})" if n["basis"] else "")) for n in rows
            )
    return Board(
        title=str(record.meeting["title"]),
        shared_items=frozenset(i["id"] for i in record["agenda_items"]),
        concerns=concerns,
        options=options,
        agreements=agreements,
        non_negotiables=held,
    )


def shared_clock(
    timing: MeetingTiming, shared_items: frozenset[int], titles: dict[int, str]
) -> Clock:
    """The agenda (shared items only, numbered among themselves) and the clocks."""
    agenda: list[Line] = []
    number = 0
    now = "Not started"
    for item in timing.items:
        if item.item_id not in shared_items:
            continue
        number += 1
        title = titles.get(item.item_id, item.title)
        planned = f"{item.planned_ms // 60_000} min"
        if item.is_current:
            agenda.append(Line(f"▶ {number}. {title} ({planned})", LineKind.CURRENT))
            now = f"{number}. {title}"
        elif item.visited:
            late = f", {format_duration(item.overrun_ms)} over" if item.overrun_ms else ""
            agenda.append(Line(f"✓ {number}. {title} ({planned}{late})"))
        else:
            agenda.append(Line(f"{number}. {title} ({planned})"))
    current = timing.current
    if current is not None and current.item_id not in shared_items:
        now = "Agenda item in progress"
    elif current is None and timing.ended_ms is not None:
        now = "The meeting has ended"
    elif current is None and timing.started_ms is not None:
        now = "Between agenda items"
    item_text, over = item_clock(timing)
    meeting_text, meeting_over = meeting_clock(timing)
    return Clock(
        now=f"Now: {now}" + (f"   {item_text}" if item_text else ""),
        over=over,
        meeting=meeting_text,
        meeting_over=meeting_over,
        agenda=agenda,
    )


def talk_lines(balance: SpeakingBalance) -> list[Line]:
    lines = [Line(balance_text(balance), LineKind.HEADING)]
    lines.extend(
        Line(f"{p.name}: {format_duration(p.talk_ms)} ({round(p.share * 100)}%)")
        for p in balance.people
    )
    return lines
