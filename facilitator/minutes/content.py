"""What the minutes say: from a meeting record to neutral, plain-language blocks (pure).

The caller decides what the reader may see: a parent copy is built from `record.shared_only()`,
without the speaking balance, and with team-only carried-over items removed. Nothing here reads
the workspace, so the wording can be tested (and translated, see `wording._`) on its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from facilitator.minutes import wording as w
from facilitator.minutes.document import Block, Heading, Minutes, Paragraph, Properties, Row, Table
from facilitator.minutes.outcomes import outcome_sections
from facilitator.minutes.sources import Sources
from facilitator.minutes.wording import _
from facilitator.model import MeetingKind, MeetingStatus, Role

MEDIATION_RULE = "34 CFR 300.506(b)(8)"


def build_minutes(src: Sources) -> Minutes:
    meeting = src.record.meeting
    kind = w.enum_label(MeetingKind, meeting["kind"])
    draft = meeting["status"] != MeetingStatus.ENDED
    confidential = meeting["kind"] == MeetingKind.MEDIATION
    copy = _("Parent copy") if src.audience == "parent" else _("Team copy")
    held = meeting["started_at"] or meeting["scheduled_start"]
    day = w.short_date(w.local(held, src.tz).date()) if held else ""
    marks = ([_("Confidential: mediation")] if confidential else []) + (
        [_("Draft: not final")] if draft else []
    )
    exported = w.local(src.exported_at.isoformat(), src.tz)
    blocks = [
        *_purpose(src),
        *_participants(src),
        *_agenda(src),
        *_concerns(src),
        *_non_negotiables(src),
        *outcome_sections(src),
    ]
    return Minutes(
        audience=src.audience,
        title=meeting["title"],
        subtitle=_("Minutes: {kind}").format(kind=kind),
        draft_notice=_draft_notice(meeting["status"]) if draft else "",
        details=tuple(_details(src, kind, copy)),
        blocks=tuple(blocks),
        header_marks=tuple(marks),
        header_text=" · ".join(t for t in (meeting["title"], day) if t),
        header_copy=copy,
        footer_text=_("Exported {date} at {time}").format(
            date=w.short_date(exported.date()), time=w.clock_time(exported)
        ),
        page_of=_("Page {page} of {pages}"),
        team_only_label=_("Team only"),
        properties=Properties(
            title=_("Minutes: {title}").format(title=meeting["title"]),
            subject=_("{kind}, {copy}").format(kind=kind, copy=copy.lower()),
            status=_("Draft") if draft else _("Final"),
        ),
        confidential=confidential,
        draft=draft,
    )


def _draft_notice(status: str) -> str:
    if status == MeetingStatus.PLANNED:
        return _("Draft: this meeting has not started yet. These minutes are not final.")
    return _("Draft: this meeting is still in progress. These minutes are not final.")


def _details(src: Sources, kind: str, copy: str) -> Iterator[tuple[str, str]]:
    meeting, tz = src.record.meeting, src.tz
    yield _("Meeting"), kind
    yield _("Case"), str(src.record.case.get("label") or "")
    start, end = meeting["started_at"], meeting["ended_at"]
    planned = start is None
    start = start or meeting["scheduled_start"]
    if start is None:
        yield _("Date"), _("Not scheduled yet")
    else:
        yield _("Date"), w.long_date(w.local(start, tz).date())
        begins = w.clock_time(w.local(start, tz))
        end = end or (meeting["planned_end"] if planned else None)
        if end:
            span = _("{start} to {end}").format(start=begins, end=w.clock_time(w.local(end, tz)))
        elif planned:
            span = _("{start} (planned)").format(start=begins)
        else:
            span = _("{start}, still in progress").format(start=begins)
        yield _("Time"), _("{span} (planned)").format(span=span) if planned and end else span
    yield _("Location"), meeting["location"] or _("Not recorded")
    facilitators = [p["name"] for p in src.record["participants"] if p["role"] == Role.FACILITATOR]
    yield _("Facilitator"), ", ".join(facilitators) or _("None listed")
    if src.audience == "team":
        copy = _("Team copy: includes items marked “Team only”, which the parent copy leaves out")
    yield _("Copy"), copy


def _purpose(src: Sources) -> Iterator[Block]:
    meeting = src.record.meeting
    ended = meeting["status"] == MeetingStatus.ENDED
    yield Heading(_("Purpose"))
    yield Paragraph(meeting["purpose"] or _("No purpose was recorded."))
    if not meeting["makes_decisions"]:
        said = (
            _("This meeting made no decisions.") if ended else _("This meeting makes no decisions.")
        )
        if meeting["kind"] == MeetingKind.PRE_IEP_DIALOGUE:
            said += " " + _(
                "A pre-IEP dialogue is an informal meeting to share information and hear"
                " everyone's hopes and concerns before the IEP meeting, where decisions are made."
            )
        yield Paragraph(said, "notice")
    else:
        yield Paragraph(
            _("This meeting can make decisions. They are listed under “Agreements”."), "notice"
        )
    if meeting["kind"] == MeetingKind.MEDIATION:
        yield Paragraph(
            _(
                "Confidential: discussions in mediation are confidential and may not be used as"
                " evidence in any later due process hearing or civil proceeding ({rule})."
            ).format(rule=MEDIATION_RULE),
            "notice",
        )
    for title, text in (
        (_("Desired outcomes"), meeting["desired_outcomes"]),
        (_("Ground rules"), meeting["ground_rules"]),
    ):
        items = [line.strip() for line in (text or "").splitlines() if line.strip()]
        if items:
            yield Heading(title, 2)
            yield from (Paragraph(item, "bullet") for item in items)


def _participants(src: Sources) -> Iterator[Block]:
    yield Heading(_("Participants"))
    rows = []
    for person in src.record["participants"]:
        role = w.role(person["role"])
        if person.get("language"):
            role = _("{role} ({language})").format(role=role, language=person["language"])
        rows.append(
            Row((person["name"], role, w.side(person["side"]), w.attendance(person, src.tz)))
        )
    if not rows:
        yield Paragraph(_("No participants were recorded."))
        return
    columns = (_("Name"), _("Role"), _("Side"), _("Attendance"))
    yield Table(columns, tuple(rows), (28, 32, 12, 28))


def _agenda(src: Sources) -> Iterator[Block]:
    yield Heading(_("Agenda"))
    items = {i["id"]: i for i in src.record["agenda_items"]}
    rows = []
    for number, timing in enumerate((t for t in src.timing if t.item_id in items), start=1):
        if timing.is_current:
            actual = _("{time} so far").format(time=w.minutes(timing.actual_ms))
        else:
            actual = w.minutes(timing.actual_ms) if timing.visited else _("Not reached")
        team_only = bool(items[timing.item_id].get("team_only"))
        rows.append(
            Row((str(number), timing.title, w.minutes(timing.planned_ms), actual), team_only, 1)
        )
    if not rows:
        yield Paragraph(_("No agenda was recorded."))
        return
    shown = [t for t in src.timing if t.item_id in items]
    total = Row(
        (
            "",
            _("Total"),
            w.minutes(sum(t.planned_ms for t in shown)),
            w.minutes(sum(t.actual_ms for t in shown)),
        )
    )
    columns = (_("#"), _("Item"), _("Planned"), _("Actual"))
    yield Table(columns, tuple(rows), (6, 62, 16, 16), total)


def _concerns(src: Sources) -> Iterator[Block]:
    yield Heading(_("Concerns raised"))
    rows = tuple(
        Row(
            (c["text"], w.person(src.record, c["raised_by"]), w.concern_status(c["status"])),
            c["team_only"],
        )
        for c in src.record["concerns"]
    )
    if rows:
        yield Table((_("Concern"), _("Raised by"), _("Status")), rows, (52, 28, 20))
    else:
        yield Paragraph(_("No concerns were recorded."))


def _non_negotiables(src: Sources) -> Iterator[Block]:
    yield Heading(_("Non-negotiables"))
    found = src.record["non_negotiables"]
    if not found:
        yield Paragraph(_("No non-negotiables were recorded."))
        return
    yield Paragraph(_("What each side said it must have or cannot accept, and why."), "small")
    for held_by, title in (
        ("family", _("Held by the family")),
        ("school", _("Held by the school")),
    ):
        rows = tuple(
            Row((n["text"], n["basis"] or _("Not stated")), n["team_only"])
            for n in found
            if n["held_by"] == held_by
        )
        if rows:
            yield Heading(title, 2)
            yield Table((_("Non-negotiable"), _("Basis")), rows, (60, 40))
