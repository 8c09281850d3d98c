"""What the minutes say: from a meeting record to neutral, plain-language blocks (pure).

The caller decides what the reader may see: a parent copy is built from `record.shared_only()`,
without the speaking balance, and with team-only carried-over items removed. Nothing here reads
the workspace, so the wording can be tested (and translated, see `wording.Words`) on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo
from typing import Any

from facilitator.minutes import wording as w
from facilitator.minutes.document import Block, Heading, Minutes, Paragraph, Properties, Row, Table
from facilitator.minutes.language import ENGLISH, copy_languages
from facilitator.minutes.outcomes import outcome_sections
from facilitator.minutes.sanitise import shorten
from facilitator.minutes.sources import Sources
from facilitator.minutes.wording import N_, Wording, Words
from facilitator.model import MeetingKind, MeetingStatus, Role

MEDIATION_RULE = "34 CFR 300.506(b)(8)"
# Characters of the meeting title repeated in every page header (the title block has it whole):
# a header that grows with the title pushes the page's text away, and a very long one stalls
# word processors laying out every page.
HEADER_TITLE_LIMIT = 120


def build_minutes(src: Sources, language: str | None = None) -> Minutes:
    """The minutes of `src` in `language` ("es", "en" or "bilingual"; None: the default for the
    copy, see `language.copy_languages`)."""
    say = Words.of(copy_languages(src.record, audience=src.audience, language=language))
    meeting = src.record.meeting
    draft = meeting["status"] != MeetingStatus.ENDED
    confidential = meeting["kind"] == MeetingKind.MEDIATION
    copy = say.label(N_("Parent copy") if src.audience == "parent" else N_("Team copy"))
    held = meeting["started_at"] or meeting["scheduled_start"]
    day = say.first.short_date(w.local(held, src.tz).date()) if held else ""
    marks = ([say.label(N_("Confidential: mediation"))] if confidential else []) + (
        [say.label(N_("Draft: not final"))] if draft else []
    )
    exported = w.local(src.exported_at.isoformat(), src.tz)

    def subject(one: Wording) -> str:
        copy = one._("parent copy") if src.audience == "parent" else one._("team copy")
        kind = one.label(w.KIND, meeting["kind"])
        return one._("{kind}, {copy}").format(kind=kind, copy=copy)

    blocks = [
        *_as_typed(say),
        *_purpose(src, say),
        *_participants(src, say),
        *_agenda(src, say),
        *_concerns(src, say),
        *_non_negotiables(src, say),
        *outcome_sections(src, say),
    ]
    return Minutes(
        audience=src.audience,
        title=meeting["title"],
        subtitle=say.label(
            lambda one: one._("Minutes: {kind}").format(kind=one.label(w.KIND, meeting["kind"]))
        ),
        draft_notice=_draft_notice(say, meeting["status"]) if draft else "",
        details=tuple(_details(src, say, copy)),
        blocks=tuple(blocks),
        header_marks=tuple(marks),
        header_text=" · ".join(
            t for t in (shorten(meeting["title"], HEADER_TITLE_LIMIT), day) if t
        ),
        header_copy=copy,
        footer_text=say.label(
            lambda one: one._("Exported {date} {at_time}").format(
                date=one.short_date(exported.date()), at_time=one.at_time(exported)
            )
        ),
        page_of=say.label(N_("Page {page} of {pages}")),
        team_only_label=say.label(N_("Team only")),
        properties=Properties(
            title=say.first._("Minutes: {title}").format(title=meeting["title"]),
            subject=say.label(subject),
            status=say.label(N_("Draft") if draft else N_("Final")),
            language=say.first.tag,
        ),
        confidential=confidential,
        draft=draft,
    )


def _as_typed(say: Words) -> Iterator[Block]:
    """Whatever the copy's language, people's own words are not translated: say so."""
    if say.bilingual or say.first.code != ENGLISH:
        yield Paragraph(
            say.sentence(N_("What participants wrote appears as written, not translated.")),
            "small",
        )


def _draft_notice(say: Words, status: str) -> str:
    if status == MeetingStatus.PLANNED:
        return say.sentence(
            N_("Draft: this meeting has not started yet. These minutes are not final.")
        )
    return say.sentence(
        N_("Draft: this meeting is still in progress. These minutes are not final.")
    )


def _details(src: Sources, say: Words, copy: str) -> Iterator[tuple[str, str]]:
    meeting, tz = src.record.meeting, src.tz
    yield say.label(N_("Meeting")), say.value(w.KIND, meeting["kind"])
    yield say.label(N_("Case")), str(src.record.case.get("label") or "")
    start, end = meeting["started_at"], meeting["ended_at"]
    planned = start is None
    start = start or meeting["scheduled_start"]
    if start is None:
        yield say.label(N_("Date")), say.label(N_("Not scheduled yet"))
    else:
        begins = w.local(start, tz)
        yield say.label(N_("Date")), say.label(lambda one: one.long_date(begins.date()))
        end = end or (meeting["planned_end"] if planned else None)
        yield say.label(N_("Time")), say.label(lambda one: _span(one, begins, end, planned, tz))
    yield say.label(N_("Location")), meeting["location"] or say.label(N_("Not recorded"))
    facilitators = [p["name"] for p in src.record["participants"] if p["role"] == Role.FACILITATOR]
    yield say.label(N_("Facilitator")), ", ".join(facilitators) or say.label(N_("None listed"))
    if src.audience == "team":
        copy = say.label(
            N_("Team copy: includes items marked “Team only”, which the parent copy leaves out")
        )
    yield say.label(N_("Copy")), copy


def _span(one: Wording, begins: datetime, end: str | None, planned: bool, tz: tzinfo | None) -> str:
    """When the meeting was held, or is planned: "3:30 PM to 5:20 PM CST", with the time zone
    (as this computer names it) once, after the last time; twice only if a clock change falls
    in between."""
    zone = w.zone_name(begins)
    if end:
        ends = w.local(end, tz)
        end_zone = w.zone_name(ends)
        start = one.the_time(begins) + ("" if end_zone == zone else f" {zone}")
        span = one._("{start} to {end}").format(start=start, end=f"{one.the_time(ends)} {end_zone}")
        return one._("{span} (planned)").format(span=span) if planned else span
    start = f"{one.clock_time(begins)} {zone}"
    if planned:
        return one._("{start} (planned)").format(start=start)
    return one._("{start}, still in progress").format(start=start)


def _purpose(src: Sources, say: Words) -> Iterator[Block]:
    meeting = src.record.meeting
    ended = meeting["status"] == MeetingStatus.ENDED

    def no_decisions(one: Wording) -> str:
        said = (
            one._("This meeting made no decisions.")
            if ended
            else one._("This meeting makes no decisions.")
        )
        if meeting["kind"] == MeetingKind.PRE_IEP_DIALOGUE:
            said += " " + one._(
                "A pre-IEP dialogue is an informal meeting to share information and hear"
                " everyone's hopes and concerns before the IEP meeting, where decisions are made."
            )
        return said

    yield Heading(say.label(N_("Purpose")))
    purpose = meeting["purpose"]
    yield Paragraph(
        say.sentence(lambda one: one.template_words(purpose))
        if purpose and purpose.strip()
        else say.sentence(N_("No purpose was recorded."))
    )
    if not meeting["makes_decisions"]:
        yield Paragraph(say.sentence(no_decisions), "notice")
    else:
        yield Paragraph(
            say.sentence(
                N_("This meeting can make decisions. They are listed under “Agreements”.")
            ),
            "notice",
        )
    if meeting["kind"] == MeetingKind.MEDIATION:
        yield Paragraph(
            say.sentence(
                lambda one: one._(
                    "Confidential: discussions in mediation are confidential and may not be used"
                    " as evidence in any later due process hearing or civil proceeding ({rule})."
                ).format(rule=MEDIATION_RULE)
            ),
            "notice",
        )
    for title, text in (
        (N_("Desired outcomes"), meeting["desired_outcomes"]),
        (N_("Ground rules"), meeting["ground_rules"]),
    ):
        items = [line.strip() for line in (text or "").splitlines() if line.strip()]
        if items:
            yield Heading(say.label(title), 2)
            for item in items:  # a template's own words in the copy's language, else as typed
                yield Paragraph(say.sentence(_template_words(item)), "bullet")


def _template_words(text: str) -> Callable[[Wording], str]:
    """How each language says a line that may be a shipped template's (`Wording.template_words`)."""
    return lambda one: one.template_words(text)


def _participants(src: Sources, say: Words) -> Iterator[Block]:
    yield Heading(say.label(N_("Participants")))
    rows = []
    for person in src.record["participants"]:
        role = say.label(_role(person))
        side = say.value(w.SIDE, person["side"])
        rows.append(Row((person["name"], role, side, say.attendance(person, src.tz))))
    if not rows:
        yield Paragraph(say.sentence(N_("No participants were recorded.")))
        return
    columns = tuple(say.label(c) for c in (N_("Name"), N_("Role"), N_("Side"), N_("Attendance")))
    yield Table(columns, tuple(rows), (22, 36, 16, 26))


def _role(person: dict[str, Any]) -> Callable[[Wording], str]:
    """How one language names a participant's role, with their language if one is recorded:
    "Parent (Spanish)", "Padre/madre (español)"; a bilingual copy pairs the two whole."""
    language = str(person.get("language") or "")

    def said(one: Wording) -> str:
        role = one.label(w.ROLE, person["role"])
        if not language:
            return role
        name = one.language_name(language)
        return one._("{role} ({language})").format(role=role, language=name)

    return said


def _agenda(src: Sources, say: Words) -> Iterator[Block]:
    """Planned and actual minutes per item. Until the meeting has ended, an item not yet taken
    up is "Not started yet" (it may still be reached) and the actual total is the time so far;
    after, it is "Not reached". Each total is the sum of its column as printed, so the table
    adds up."""
    yield Heading(say.label(N_("Agenda")))
    items = {i["id"]: i for i in src.record["agenda_items"]}
    shown = [t for t in src.timing if t.item_id in items]
    if not shown:
        yield Paragraph(say.sentence(N_("No agenda was recorded.")))
        return
    status = src.record.meeting["status"]
    ended = status == MeetingStatus.ENDED
    not_covered = say.label(N_("Not reached") if ended else N_("Not started yet"))
    rows, actual_ms = [], []
    for number, timing in enumerate(shown, start=1):
        if timing.is_current:
            actual = say.so_far(timing.actual_ms)
        elif timing.visited:
            actual = say.minutes(timing.actual_ms)
        else:
            actual = not_covered
        actual_ms.append(timing.actual_ms if timing.visited else 0)  # the current one is visited
        title = say.label(_template_words(timing.title))
        team_only = bool(items[timing.item_id].get("team_only"))
        row = (say.first.number(number), title, say.minutes(timing.planned_ms), actual)
        rows.append(Row(row, team_only, 1))
    if status == MeetingStatus.PLANNED:
        actual_total = not_covered
    else:
        actual_total = say.label(_column_total(actual_ms, so_far=not ended))
    planned_total = say.label(_column_total([t.planned_ms for t in shown], so_far=False))
    total = Row(("", say.label(N_("Total")), planned_total, actual_total))
    # TRANSLATORS: the heading of the column that numbers the agenda items.
    columns = tuple(say.label(c) for c in (N_("#"), N_("Item"), N_("Planned"), N_("Actual")))
    yield Table(columns, tuple(rows), (6, 62, 16, 16), total)


def _column_total(durations: list[int], *, so_far: bool) -> Callable[[Wording], str]:
    """How one language says the total of a column of durations: the sum of the whole minutes
    each row shows ("under 1 min" counts as none), so that the column adds up as printed."""
    minutes = sum(w.whole_minutes(ms) for ms in durations)

    def said(one: Wording) -> str:
        if minutes == 0 and any(durations):
            total = one._("under 1 min")
        else:
            total = one.minute_count(minutes)
        return one._("{time} so far").format(time=total) if so_far else total

    return said


def _concerns(src: Sources, say: Words) -> Iterator[Block]:
    yield Heading(say.label(N_("Concerns raised")))
    rows = tuple(
        Row(
            (
                c["text"],
                say.person(src.record, c["raised_by"]),
                say.value(w.CONCERN_STATUS, c["status"]),
            ),
            c["team_only"],
        )
        for c in src.record["concerns"]
    )
    if rows:
        columns = tuple(say.label(c) for c in (N_("Concern"), N_("Raised by"), N_("Status")))
        yield Table(columns, rows, (52, 28, 20))
    else:
        yield Paragraph(say.sentence(N_("No concerns were recorded.")))


def _non_negotiables(src: Sources, say: Words) -> Iterator[Block]:
    yield Heading(say.label(N_("Non-negotiables")))
    found = src.record["non_negotiables"]
    if not found:
        yield Paragraph(say.sentence(N_("No non-negotiables were recorded.")))
        return
    yield Paragraph(
        say.sentence(N_("What each side said it must have or cannot accept, and why.")), "small"
    )
    for held_by, title in (
        ("family", N_("Held by the family")),
        ("school", N_("Held by the school")),
    ):
        rows = tuple(
            Row((n["text"], n["basis"] or say.label(N_("Not stated"))), n["team_only"])
            for n in found
            if n["held_by"] == held_by
        )
        if rows:
            yield Heading(say.label(title), 2)
            columns = (say.label(N_("Non-negotiable")), say.label(N_("Basis")))
            yield Table(columns, rows, (60, 40))
