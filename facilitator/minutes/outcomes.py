"""What the meeting came to: options, agreements, the parking lot, action items, next steps, and
(for the team) notes, the speaking balance and interruptions of the record. Pure, like `content`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from facilitator.minutes import wording as w
from facilitator.minutes.document import Block, Heading, Paragraph, Row, Table
from facilitator.minutes.sources import Sources
from facilitator.minutes.wording import N_, _
from facilitator.model import ActionStatus, Attendance, MeetingKind, Role, SolutionStatus
from facilitator.talk_time import format_duration

PWN_RULE = "34 CFR 300.503(b)(6)"


def outcome_sections(src: Sources) -> Iterator[Block]:
    yield from _options(src)
    yield from _agreements(src)
    yield from _parking_lot(src)
    yield from _actions(src)
    yield from _next_steps(src)
    yield from _notes(src)
    yield from _balance(src)
    yield from _interruptions(src)


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


def _options(src: Sources) -> Iterator[Block]:
    yield Heading(_("Options considered"))
    options = src.record["solutions"]
    if not options:
        yield Paragraph(_("No options were recorded."))
        return
    yield Paragraph(
        _(
            "Every option proposed, and what became of it. The reasons for options not agreed can"
            " serve the prior written notice's “other options considered and the reasons why"
            " those options were rejected” ({rule})."
        ).format(rule=PWN_RULE),
        "small",
    )
    for status, title, intro in _OPTION_GROUPS:
        group = [s for s in options if w.solution_status(s["status"]) is status]
        if not group:
            continue
        yield Heading(_(title), 2)
        if intro:
            yield Paragraph(_(intro))
        for option in group:
            yield from _option(src, option, status)


def _option(src: Sources, option: dict[str, Any], status: SolutionStatus) -> Iterator[Block]:
    team_only = bool(option["team_only"])
    yield Paragraph(option["text"], "option", team_only)
    if option["reason"]:
        yield Paragraph(option["reason"], "detail", team_only, _(_REASON_LABEL[status]))
    yield Paragraph(
        w.person(src.record, option["proposed_by"]), "detail", team_only, _("Proposed by:")
    )
    addressed = [c["text"] for c in src.record.concerns_of(option["id"])]
    if addressed:
        yield Paragraph("; ".join(addressed), "detail", team_only, _("Addresses:"))


def _agreements(src: Sources) -> Iterator[Block]:
    yield Heading(_("Agreements"))
    found = src.record["agreements"]
    for agreement in found:
        yield Paragraph(agreement["text"], "numbered", bool(agreement["team_only"]))
    if not found:
        decides = src.record.meeting["makes_decisions"]
        yield Paragraph(
            _("No agreements were recorded.")
            if decides
            else _("None: this meeting makes no decisions.")
        )


def _parking_lot(src: Sources) -> Iterator[Block]:
    yield Heading(_("Parking lot and what carries to the next meeting"))
    items: list[Paragraph] = []
    for label, status in ((_("Parked concern:"), "parked"), (_("Open concern:"), "raised")):
        for c in src.record["concerns"]:
            if c["status"] == status or (status == "raised" and c["status"] == "discussing"):
                said = _("{text} (raised by {who})").format(
                    text=c["text"], who=w.person(src.record, c["raised_by"])
                )
                items.append(Paragraph(said, "bullet", bool(c["team_only"]), label))
    for label, status in (
        (_("Parked option:"), SolutionStatus.PARKED),
        (_("Open option:"), SolutionStatus.PROPOSED),
    ):
        for s in src.record["solutions"]:
            if w.solution_status(s["status"]) is status:
                said = s["text"]
                if s["reason"]:
                    said = w.sentence(said) + " " + _(_REASON_LABEL[status]) + " " + s["reason"]
                items.append(Paragraph(said, "bullet", bool(s["team_only"]), label))
    if not items:
        yield Paragraph(_("Nothing was parked, and no concern or option was left open."))
        return
    yield Paragraph(
        _("These items carry to the next meeting, with the open action items below."), "small"
    )
    yield from items


def _actions(src: Sources) -> Iterator[Block]:
    yield Heading(_("Action items"))
    own = sorted(
        src.record["action_items"],
        key=lambda a: (a["due_date"] is None, a["due_date"] or "", a["id"]),
    )
    rows = [
        Row(
            (
                a["text"],
                a["owner"] or _("Not assigned"),
                w.due_date(a["due_date"], short=True),
                w.enum_label(ActionStatus, a["status"]),
            ),
            bool(a["team_only"]),
        )
        for a in own
    ]
    for line in src.carried:
        held = w.local(line.meeting_date, src.tz).date() if line.meeting_date else None
        origin = _("From: {meeting}").format(meeting=line.meeting_title)
        if held:
            origin = _("From: {meeting}, {date}").format(
                meeting=line.meeting_title, date=w.table_date(held)
            )
        rows.append(
            Row(
                (
                    line.text + "\n" + origin,
                    line.owner or _("Not assigned"),
                    w.due_date(line.due_date, short=True),
                    _("Carried over, still open"),
                ),
                line.team_only,
            )
        )
    if not rows:
        yield Paragraph(_("No action items were recorded."))
        return
    yield Table((_("What"), _("Who"), _("Due"), _("Status")), tuple(rows), (48, 20, 15, 17))


def _next_steps(src: Sources) -> Iterator[Block]:
    yield Heading(_("Next steps"))
    meeting, nxt, tz = src.record.meeting, src.next_meeting, src.tz
    if nxt is not None:
        when = w.local(nxt["held"], tz)
        said = _("Next meeting: {title}, {date} at {time}").format(
            title=nxt["title"], date=w.long_date(when.date()), time=w.clock_time(when)
        )
        if nxt["location"]:
            said += _(", {location}").format(location=nxt["location"])
        yield Paragraph(said + ".", "bullet")
    else:
        yield Paragraph(_("No next meeting has been scheduled yet."), "bullet")
    if meeting["kind"] == MeetingKind.PRE_IEP_DIALOGUE:
        yield Paragraph(_("Decisions are made at the IEP meeting, not in this dialogue."), "bullet")
    open_items = [a for a in src.record["action_items"] if a["status"] == ActionStatus.OPEN]
    open_dates = sorted(
        [a["due_date"] for a in open_items if a["due_date"]]
        + [c.due_date for c in src.carried if c.due_date]
    )
    count = len(open_items) + len(src.carried)
    if count:
        said = _("Open action items: {count} (see “Action items”).").format(count=count)
        if open_dates:
            said += " " + _("The earliest due date is {date}.").format(
                date=w.due_date(open_dates[0])
            )
        yield Paragraph(said, "bullet")
    facilitators = [p["name"] for p in src.record["participants"] if p["role"] == Role.FACILITATOR]
    who = ", ".join(facilitators) or _("the school")
    yield Paragraph(
        _("If anything in these minutes is missing or not accurate, please tell {who}.").format(
            who=who
        ),
        "bullet",
    )


def _notes(src: Sources) -> Iterator[Block]:
    notes = src.record["notes"]
    if src.audience == "parent":
        if notes:
            yield Heading(_("Notes"))
            yield from (Paragraph(n["text"], "bullet") for n in notes)
        return
    yield Heading(_("Facilitator notes"))
    yield from (Paragraph(n["text"], "bullet", bool(n["team_only"])) for n in notes)
    if not notes:
        yield Paragraph(_("No notes were recorded."))


def _balance(src: Sources) -> Iterator[Block]:
    balance = src.balance
    if balance is None:
        return
    yield Heading(_("Speaking balance"), team_only=True)
    yield Paragraph(
        _(
            "Measured from the speaker changes recorded during the meeting. Silence and"
            " interruptions of the record are not counted; the share is of all recorded talk time."
        ),
        "small",
    )
    sides = tuple(
        Row(
            (
                w.side(s.side),
                str(s.people),
                format_duration(s.talk_ms),
                str(s.turns),
                w.percent(s.share),
            )
        )
        for s in balance.sides.values()
        if s.people
    )
    yield Heading(_("By side"), 2)
    yield Table(
        (_("Side"), _("People"), _("Talk time"), _("Turns"), _("Share")),
        sides,
        (32, 17, 17, 17, 17),
    )
    people = tuple(
        Row(
            (
                p.name,
                w.role(p.role),
                w.side(p.side),
                format_duration(p.talk_ms),
                str(p.turns),
                w.percent(p.share),
            )
        )
        for p in sorted(balance.people, key=lambda p: -p.talk_ms)
    )
    yield Heading(_("By person"), 2)
    columns = (_("Name"), _("Role"), _("Side"), _("Talk time"), _("Turns"), _("Share"))
    yield Table(columns, people, (26, 28, 12, 12, 10, 12))
    away = {Attendance.ABSENT.value, Attendance.EXCUSED.value}
    present = {p["id"] for p in src.record["participants"] if p["attendance"] not in away}
    silent = [p.name for p in balance.people if not p.has_spoken and p.participant_id in present]
    if silent:
        yield Paragraph(", ".join(silent), "body", label=_("Not heard in the record:"))


def _interruptions(src: Sources) -> Iterator[Block]:
    gaps = src.record["interruptions"]
    if not gaps:
        return
    yield Heading(_("Interruptions of the record"))
    yield Paragraph(
        _(
            "The app was not recording during these periods (for example, the laptop was off)."
            " Times and talk times leave them out."
        ),
        "small",
    )
    for gap in gaps:
        stopped, resumed = w.local(gap["stopped_at"], src.tz), w.local(gap["resumed_at"], src.tz)
        span_ms = int((resumed - stopped).total_seconds() * 1000)
        said = _("{date}, {start} to {end} ({length})").format(
            date=w.short_date(stopped.date()),
            start=w.clock_time(stopped),
            end=w.clock_time(resumed),
            length=format_duration(span_ms),
        )
        yield Paragraph(said, "bullet")
