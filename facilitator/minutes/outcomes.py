"""What the meeting came to: options, agreements, the parking lot, action items, next steps, and
(for the team) notes, the speaking balance and interruptions of the record. Pure, like `content`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from facilitator.minutes import wording as w
from facilitator.minutes.document import Block, Heading, Paragraph, Row, Table
from facilitator.minutes.sources import Sources
from facilitator.minutes.wording import N_, Wording, Words
from facilitator.model import (
    ActionStatus,
    Attendance,
    MeetingKind,
    MeetingStatus,
    Role,
    SolutionStatus,
)
from facilitator.talk_time import format_duration

PWN_RULE = "34 CFR 300.503(b)(6)"


def outcome_sections(src: Sources, say: Words) -> Iterator[Block]:
    yield from _options(src, say)
    yield from _agreements(src, say)
    yield from _parking_lot(src, say)
    yield from _actions(src, say)
    yield from _next_steps(src, say)
    yield from _notes(src, say)
    yield from _balance(src, say)
    yield from _interruptions(src, say)


_OPTION_GROUPS = (
    (SolutionStatus.AGREED, N_("Agreed"), ""),
    (
        SolutionStatus.NOT_AGREED,
        N_("Considered and not agreed"),
        N_(
            "Each option below was considered and not agreed, with the reason given in the meeting."
        ),
    ),
    (SolutionStatus.PARKED, N_("Parked"), N_("Set aside for a later meeting.")),
    (SolutionStatus.PROPOSED, N_("Still open"), N_("Proposed, and not decided in this meeting.")),
)
_REASON_LABEL = {
    SolutionStatus.AGREED: N_("Note:"),
    SolutionStatus.NOT_AGREED: N_("Why not agreed:"),
    SolutionStatus.PARKED: N_("Why parked:"),
    SolutionStatus.PROPOSED: N_("Note:"),
}


def _solution_status(value: object) -> SolutionStatus | None:
    try:
        return SolutionStatus(str(value))
    except ValueError:
        return None


def _options(src: Sources, say: Words) -> Iterator[Block]:
    yield Heading(say.label(N_("Options considered")))
    options = src.record["solutions"]
    if not options:
        yield Paragraph(say.sentence(N_("No options were recorded.")))
        return
    yield Paragraph(say.sentence(N_("Every option proposed, and what became of it.")), "small")
    if src.audience == "team":  # an instruction to the school's staff, not news to the family
        yield Paragraph(
            say.sentence(
                lambda one: one._(
                    "The reasons for options not agreed can serve the prior written notice's"
                    " “other options considered and the reasons why those options were rejected”"
                    " ({rule})."
                ).format(rule=PWN_RULE)
            ),
            "small",
            team_only=True,
        )
    for status, title, intro in _OPTION_GROUPS:
        group = [s for s in options if _solution_status(s["status"]) is status]
        if not group:
            continue
        yield Heading(say.label(title), 2)
        if intro:
            yield Paragraph(say.sentence(intro))
        for option in group:
            yield from _option(src, say, option, status)


def _option(
    src: Sources, say: Words, option: dict[str, Any], status: SolutionStatus
) -> Iterator[Block]:
    team_only = bool(option["team_only"])
    yield Paragraph(option["text"], "option", team_only)
    if option["reason"]:
        yield Paragraph(option["reason"], "detail", team_only, say.label(_REASON_LABEL[status]))
    yield Paragraph(
        say.person(src.record, option["proposed_by"]),
        "detail",
        team_only,
        say.label(N_("Proposed by:")),
    )
    addressed = [c["text"] for c in src.record.concerns_of(option["id"])]
    if addressed:
        yield Paragraph("; ".join(addressed), "detail", team_only, say.label(N_("Addresses:")))


def _agreements(src: Sources, say: Words) -> Iterator[Block]:
    yield Heading(say.label(N_("Agreements")))
    found = src.record["agreements"]
    for agreement in found:
        yield Paragraph(agreement["text"], "numbered", bool(agreement["team_only"]))
    if not found:
        meeting = src.record.meeting
        if meeting["makes_decisions"]:
            none = N_("No agreements were recorded.")
        elif meeting["status"] == MeetingStatus.ENDED:  # in the tense of the notice under Purpose
            none = N_("None: this meeting made no decisions.")
        else:
            none = N_("None: this meeting makes no decisions.")
        yield Paragraph(say.sentence(none))


def _parking_lot(src: Sources, say: Words) -> Iterator[Block]:
    yield Heading(say.label(N_("Parking lot and what carries to the next meeting")))
    items: list[Paragraph] = []
    # TRANSLATORS: followed by a person's name, in "(raised by Ana Rodríguez (Parent))".
    raised_by = say.label(N_("raised by"))
    recorded = {p["id"] for p in src.record["participants"]}
    for label, status in ((N_("Parked concern:"), "parked"), (N_("Open concern:"), "raised")):
        for c in src.record["concerns"]:
            if c["status"] == status or (status == "raised" and c["status"] == "discussing"):
                said = c["text"]
                if c["raised_by"] in recorded:  # nobody recorded: no "(raised by Not recorded)"
                    said += f" ({raised_by} {say.person(src.record, c['raised_by'])})"
                items.append(Paragraph(said, "bullet", bool(c["team_only"]), say.label(label)))
    for label, status in (
        (N_("Parked option:"), SolutionStatus.PARKED),
        (N_("Open option:"), SolutionStatus.PROPOSED),
    ):
        for s in src.record["solutions"]:
            if _solution_status(s["status"]) is status:
                said = s["text"]
                if s["reason"]:
                    why = say.label(_REASON_LABEL[status])
                    said = w.sentence(said) + " " + why + " " + s["reason"]
                items.append(Paragraph(said, "bullet", bool(s["team_only"]), say.label(label)))
    if not items:
        yield Paragraph(
            say.sentence(N_("Nothing was parked, and no concern or option was left open."))
        )
        return
    yield Paragraph(
        say.sentence(
            N_("These items carry to the next meeting, with the open action items below.")
        ),
        "small",
    )
    yield from items


def _actions(src: Sources, say: Words) -> Iterator[Block]:
    yield Heading(say.label(N_("Action items")))
    own = sorted(
        src.record["action_items"],
        key=lambda a: (a["due_date"] is None, a["due_date"] or "", a["id"]),
    )
    not_assigned = say.label(N_("Not assigned"))
    rows = [
        Row(
            (
                a["text"],
                a["owner"] or not_assigned,
                say.due_date(a["due_date"], short=True),
                say.value(w.ACTION_STATUS, a["status"]),
            ),
            bool(a["team_only"]),
        )
        for a in own
    ]
    carried, came_from = say.label(N_("Carried over, still open")), say.label(N_("From:"))
    overdue = say.label(N_("Carried over, overdue"))
    day = _meeting_day(src)
    for line in src.carried:
        origin = line.meeting_title
        if line.meeting_date:
            held = w.local(line.meeting_date, src.tz).date()
            origin = say.first._("{meeting}, {date}").format(
                meeting=line.meeting_title, date=say.table_date(held)
            )
        rows.append(
            Row(
                (
                    f"{line.text}\n{came_from} {origin}",
                    line.owner or not_assigned,
                    say.due_date(line.due_date, short=True),
                    overdue if line.is_overdue(day) else carried,  # in words, not by colour
                ),
                line.team_only,
            )
        )
    if not rows:
        yield Paragraph(say.sentence(N_("No action items were recorded.")))
        return
    columns = tuple(say.label(c) for c in (N_("What"), N_("Who"), N_("Due"), N_("Status")))
    yield Table(columns, tuple(rows), (48, 20, 15, 17))


def _meeting_day(src: Sources) -> dt.date:
    """The day the meeting was held (or is planned for; else the day of the export): what an
    item carried over is overdue against."""
    meeting = src.record.meeting
    held = meeting["started_at"] or meeting["scheduled_start"]
    return w.local(held, src.tz).date() if held else src.exported_at.astimezone(src.tz).date()


def _next_steps(src: Sources, say: Words) -> Iterator[Block]:
    yield Heading(say.label(N_("Next steps")))
    meeting, nxt, tz = src.record.meeting, src.next_meeting, src.tz
    if nxt is not None:
        when = w.local(nxt["held"], tz)

        def next_meeting(one: Wording) -> str:
            said = one._("Next meeting: {title}, {date} {at_time}").format(
                title=nxt["title"], date=one.long_date(when.date()), at_time=one.at_time(when)
            )
            if nxt["location"]:
                said += one._(", {location}").format(location=nxt["location"])
            return said + "."

        yield Paragraph(say.sentence(next_meeting), "bullet")
    else:
        yield Paragraph(say.sentence(N_("No next meeting has been scheduled yet.")), "bullet")
    if meeting["kind"] == MeetingKind.PRE_IEP_DIALOGUE:
        yield Paragraph(
            say.sentence(N_("Decisions are made at the IEP meeting, not in this dialogue.")),
            "bullet",
        )
    open_items = [a for a in src.record["action_items"] if a["status"] == ActionStatus.OPEN]
    open_dates = sorted(
        [a["due_date"] for a in open_items if a["due_date"]]
        + [c.due_date for c in src.carried if c.due_date]
    )
    count = len(open_items) + len(src.carried)
    if count:

        def still_open(one: Wording) -> str:
            said = one.ngettext(
                "{count} action item is still open (see “Action items”).",
                "{count} action items are still open (see “Action items”).",
                count,
            ).format(count=one.number(count))
            if open_dates:
                said += " " + one._("The earliest due date is {date}.").format(
                    date=one.due_date(open_dates[0])
                )
            return said

        yield Paragraph(say.sentence(still_open), "bullet")
    facilitators = [p["name"] for p in src.record["participants"] if p["role"] == Role.FACILITATOR]
    yield Paragraph(
        say.sentence(
            lambda one: one._(
                "If anything in these minutes is missing or not accurate, please tell {who}."
            ).format(who=", ".join(facilitators) or one._("the school"))
        ),
        "bullet",
    )


def _notes(src: Sources, say: Words) -> Iterator[Block]:
    notes = src.record["notes"]
    if src.audience == "parent":
        if notes:
            yield Heading(say.label(N_("Notes")))
            yield from (Paragraph(n["text"], "bullet") for n in notes)
        return
    yield Heading(say.label(N_("Facilitator notes")))
    yield from (Paragraph(n["text"], "bullet", bool(n["team_only"])) for n in notes)
    if not notes:
        yield Paragraph(say.sentence(N_("No notes were recorded.")))


def _balance(src: Sources, say: Words) -> Iterator[Block]:
    """Talk time per side and per person. A side's people are those who attended; someone absent
    or excused is listed last, marked so, rather than counted at 0:00 among the rest."""
    balance = src.balance
    if balance is None:
        return
    number, percent, everyone = say.first.number, say.first.percent, balance.people
    away = {  # who was absent or excused, and which
        p["id"]: str(p["attendance"])
        for p in src.record["participants"]
        if p["attendance"] in (Attendance.ABSENT, Attendance.EXCUSED)
    }
    yield Heading(say.label(N_("Speaking balance")), team_only=True)
    yield Paragraph(
        say.sentence(
            N_(
                "Measured from the speaker changes recorded during the meeting. Silence and"
                " interruptions of the record are not counted; the share is of all recorded talk"
                " time. A side's people are those who attended."
            )
        ),
        "small",
    )
    sides = tuple(
        Row(
            (
                say.value(w.SIDE, s.side),
                number(sum(p.side == s.side and p.participant_id not in away for p in everyone)),
                format_duration(s.talk_ms),
                number(s.turns),
                percent(s.share),
            )
        )
        for s in balance.sides.values()
        if s.people  # a side whose people were all away still shows, with 0 people
    )
    yield Heading(say.label(N_("By side")), 2)
    by_side = (N_("Side"), N_("People"), N_("Talk time"), N_("Turns"), N_("Share"))
    yield Table(tuple(say.label(c) for c in by_side), sides, (32, 17, 17, 17, 17))
    people = tuple(
        Row(
            (
                _name(say, p.name, away.get(p.participant_id)),
                say.role(p.role),
                say.value(w.SIDE, p.side),
                format_duration(p.talk_ms),
                number(p.turns),
                percent(p.share),
            )
        )
        for p in sorted(everyone, key=lambda p: (p.participant_id in away, -p.talk_ms))
    )
    yield Heading(say.label(N_("By person")), 2)
    by_person = (N_("Name"), N_("Role"), N_("Side"), N_("Talk time"), N_("Turns"), N_("Share"))
    yield Table(tuple(say.label(c) for c in by_person), people, (26, 28, 12, 12, 10, 12))
    silent = [p.name for p in everyone if not p.has_spoken and p.participant_id not in away]
    if silent:
        label = say.label(N_("Not heard in the record:"))
        yield Paragraph(", ".join(silent), "body", label=label)


def _name(say: Words, name: str, attendance: str | None) -> str:
    """A name in the speaking balance, with "(Absent)" or "(Excused)" for someone away."""
    if attendance is None:
        return name
    said = say.value(w.ATTENDANCE, attendance)
    return say.first._("{name} ({attendance})").format(name=name, attendance=said)


def _interruptions(src: Sources, say: Words) -> Iterator[Block]:
    gaps = src.record["interruptions"]
    if not gaps:
        return
    yield Heading(say.label(N_("Interruptions of the record")))
    yield Paragraph(
        say.sentence(
            N_(
                "The app was not recording during these periods (for example, the laptop was off)."
                " Times and talk times leave them out."
            )
        ),
        "small",
    )
    for gap in gaps:
        stopped, resumed = w.local(gap["stopped_at"], src.tz), w.local(gap["resumed_at"], src.tz)
        yield Paragraph(say.label(_gap(stopped, resumed)), "bullet")


def _gap(stopped: datetime, resumed: datetime) -> Callable[[Wording], str]:
    """How one language says when the record was interrupted, and for how long."""
    length = format_duration(int((resumed - stopped).total_seconds() * 1000))

    def said(one: Wording) -> str:
        return one._("{date}, {start} to {end} ({length})").format(
            date=one.short_date(stopped.date()),
            start=one.the_time(stopped),
            end=one.the_time(resumed),
            length=length,
        )

    return said
