"""How the minutes say things: fixed phrases from the message catalog, dates, times and numbers
formatted for the language with Babel.

`Wording` is one language: its catalog (`facilitator/locale/<code>/LC_MESSAGES/minutes.mo`) and its
formats (`es_US`, `en_US`). `Words` is what one copy is written in: one language, or two for a
bilingual copy, the family's first; it joins what each language says, labels side by side
("Acuerdos / Agreements") and sentences one under the other. Text people typed never passes
through a catalog: it is shown once, as typed. Nothing here depends on the computer's locale.

Phrases are marked for extraction with `_`, `N_`, `NC_` (a phrase with a context) and `ngettext`;
see `facilitator/locale/update_catalogs.py`.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from importlib.resources import as_file, files

from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent

from facilitator.clock import parse_timestamp
from facilitator.minutes.language import ENGLISH
from facilitator.model import ActionStatus, Attendance, ConcernStatus, MeetingKind, Role, Side
from facilitator.record import MeetingRecord

DOMAIN = "minutes"
LOCALES = {"en": "en_US", "es": "es_US"}  # Babel's formats for the US: "3:30 p.m.", "22 nov 2026"
LABEL_JOIN = " / "  # "Acuerdos / Agreements"
SENTENCE_JOIN = "\n"  # a sentence in each language, the family's first


def N_(text: str) -> str:
    """Mark a phrase in a table for translation; it is translated where it is used, so a table
    built at import time follows the language of each copy."""
    return text


def NC_(context: str, text: str) -> tuple[str, str]:
    """Mark a phrase with a context, for words that translate differently by what they name
    (a role "Other" and a meeting kind "Other" are "Otro/a" and "Otra" in Spanish)."""
    return context, text


LabelTable = dict[str, tuple[str, str]]  # a stored value: its context and English words
TEMPLATE = "template"  # the context of a shipped template's words (locale.update_catalogs)
# The languages facilitators most often type in the roster, by what they type (any case): the
# copy names them in its own language; any other is printed as typed.
LANGUAGE: LabelTable = {
    "spanish": NC_("language", "Spanish"),
    "english": NC_("language", "English"),
    "vietnamese": NC_("language", "Vietnamese"),
    "chinese": NC_("language", "Chinese"),
    "mandarin": NC_("language", "Mandarin"),
    "cantonese": NC_("language", "Cantonese"),
    "arabic": NC_("language", "Arabic"),
    "tagalog": NC_("language", "Tagalog"),
    "korean": NC_("language", "Korean"),
    "russian": NC_("language", "Russian"),
    "haitian creole": NC_("language", "Haitian Creole"),
    "portuguese": NC_("language", "Portuguese"),
    "french": NC_("language", "French"),
    "somali": NC_("language", "Somali"),
    "american sign language": NC_("language", "American Sign Language"),
    "asl": NC_("language", "ASL"),
}
KIND: LabelTable = {
    MeetingKind.PRE_IEP_DIALOGUE: NC_("meeting kind", "Pre-IEP dialogue"),
    MeetingKind.FACILITATED_IEP: NC_("meeting kind", "Facilitated IEP meeting"),
    MeetingKind.INTERNAL_REVIEW: NC_("meeting kind", "Internal team review"),
    MeetingKind.RESOLUTION: NC_("meeting kind", "Resolution meeting"),
    MeetingKind.MEDIATION: NC_("meeting kind", "Mediation"),
    MeetingKind.RECONVENED_IEP: NC_("meeting kind", "Reconvened IEP meeting"),
    MeetingKind.OTHER: NC_("meeting kind", "Other"),
}
ROLE: LabelTable = {
    Role.PARENT: NC_("role", "Parent"),
    Role.STUDENT: NC_("role", "Student"),
    Role.GENERAL_ED_TEACHER: NC_("role", "General education teacher"),
    Role.SPECIAL_ED_TEACHER: NC_("role", "Special education teacher"),
    Role.DISTRICT_REPRESENTATIVE: NC_("role", "District representative (LEA)"),
    Role.EVALUATION_INTERPRETER: NC_("role", "Evaluation specialist"),
    Role.RELATED_SERVICES: NC_("role", "Related services provider"),
    Role.ADVOCATE: NC_("role", "Advocate"),
    Role.INTERPRETER: NC_("role", "Interpreter"),
    Role.FACILITATOR: NC_("role", "Facilitator"),
    Role.NOTE_TAKER: NC_("role", "Note taker"),
    Role.ATTORNEY: NC_("role", "Attorney"),
    Role.ADMINISTRATOR: NC_("role", "Administrator"),
    Role.OTHER: NC_("role", "Other"),
}
SIDE: LabelTable = {
    Side.FAMILY: NC_("side", "Family"),
    Side.SCHOOL: NC_("side", "School"),
    Side.NEUTRAL: NC_("side", "Neutral"),
}
ATTENDANCE: LabelTable = {
    Attendance.PRESENT: NC_("attendance", "Present"),
    Attendance.ABSENT: NC_("attendance", "Absent"),
    Attendance.EXCUSED: NC_("attendance", "Excused"),
    Attendance.ARRIVED_LATE: NC_("attendance", "Arrived late"),
    Attendance.LEFT_EARLY: NC_("attendance", "Left early"),
}
CONCERN_STATUS: LabelTable = {
    ConcernStatus.RAISED: NC_("concern status", "Raised, not yet discussed"),
    ConcernStatus.DISCUSSING: NC_("concern status", "Still being discussed"),
    ConcernStatus.ADDRESSED: NC_("concern status", "Addressed"),
    ConcernStatus.PARKED: NC_("concern status", "Parked for a later meeting"),
}
ACTION_STATUS: LabelTable = {
    ActionStatus.OPEN: NC_("action item status", "Open"),
    ActionStatus.DONE: NC_("action item status", "Done"),
}


@functools.cache
def catalog(code: str) -> gettext.NullTranslations:
    """The compiled catalog shipped for `code`, else the English one, else the phrases as written
    in the code (which are English)."""
    with as_file(files("facilitator") / "locale") as folder:
        return gettext.translation(
            DOMAIN, localedir=folder, languages=[code, ENGLISH], fallback=True
        )


def local(timestamp: str, tz: tzinfo | None) -> datetime:
    """A stored UTC timestamp in the reader's time zone (None: this computer's)."""
    return parse_timestamp(timestamp).astimezone(tz)


def whole_minutes(ms: int) -> int:
    """The whole minutes a duration is shown as: to the nearest minute, half a minute up; 0 for
    none and for "under 1 min" (under 30 seconds)."""
    return 0 if ms < 30_000 else (ms + 30_000) // 60_000


def zone_name(when: datetime) -> str:
    """The time zone of an aware `when` as this computer names it ("CST"), else its offset from
    UTC ("UTC-03:00") where the zone has no abbreviation (the system then names it "-03")."""
    name = when.tzname() or ""
    if name and not name.startswith(("+", "-")):
        return name
    offset = int((when.utcoffset() or timedelta()).total_seconds()) // 60
    hours, minutes = divmod(abs(offset), 60)
    return f"UTC{'-' if offset < 0 else '+'}{hours:02d}:{minutes:02d}"


def sentence(text: str) -> str:
    """`text` ending with a full stop (or the mark it already ends with)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…:;)\"”'" else text + "."


@dataclass(frozen=True)
class Wording:
    """One language: its phrases and its formats."""

    code: str  # "es", as gettext names it
    locale: str  # "es_US", as Babel names it
    catalog: gettext.NullTranslations

    @classmethod
    def of(cls, code: str) -> Wording:
        return cls(code, LOCALES.get(code, LOCALES[ENGLISH]), catalog(code))

    @property
    def tag(self) -> str:
        """The language as Word names it: "es-US"."""
        return self.locale.replace("_", "-")

    def _(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.catalog.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.catalog.npgettext(context, singular, plural, n)

    # -- dates, times, numbers ---------------------------------------------------------------------

    def long_date(self, day: date) -> str:
        """With the weekday: "Sunday, November 22, 2026"; "domingo, 22 de noviembre de 2026"."""
        return format_date(day, "full", locale=self.locale)

    def short_date(self, day: date) -> str:
        """Without the weekday: "November 22, 2026"; "22 de noviembre de 2026"."""
        return format_date(day, "long", locale=self.locale)

    def table_date(self, day: date) -> str:
        """A date short enough for a table column: "Nov 27, 2026"; "27 nov 2026"."""
        return format_date(day, "medium", locale=self.locale)

    def due_date(self, text: str | None, *, short: bool = False) -> str:
        if not text:
            return self._("No date set")
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return text
        return self.table_date(day) if short else self.short_date(day)

    def clock_time(self, when: datetime) -> str:
        """A time of day: "3:30 PM"; "3:30 p.m." (with an ordinary space: CLDR's narrow one is
        missing from fonts some readers have)."""
        return format_time(when.time(), "short", locale=self.locale).replace("\u202f", " ")

    def at_time(self, when: datetime) -> str:
        """At a time of day: "at 3:30 PM"; in Spanish "a la 1:15 p.m." but "a las 3:30 p.m.",
        hence a plural form chosen by the hour."""
        hour = when.hour % 12 or 12
        # TRANSLATORS: a time of day; the number that picks the plural form is the hour (1-12).
        said = self.ngettext("at {time}", "at {time}", hour)
        return said.format(time=self.clock_time(when))

    def the_time(self, when: datetime) -> str:
        """A time of day after "from" or "to": "3:30 PM"; in Spanish with its article, "la 1:21
        a.m." but "las 12:20 a.m." ("de las 12:20 a.m. a la 1:21 a.m."), chosen by the hour."""
        hour = when.hour % 12 or 12
        # TRANSLATORS: a time of day in "{start} to {end}"; the hour (1-12) picks the plural form.
        said = self.npgettext("time of day", "{time}", "{time}", hour)
        return said.format(time=self.clock_time(when))

    def number(self, n: float) -> str:
        return format_decimal(n, locale=self.locale)

    def percent(self, share: float) -> str:
        return format_percent(share, locale=self.locale)

    def minutes(self, ms: int) -> str:
        """A duration in whole minutes, as an agenda table shows it (see `whole_minutes`)."""
        if 0 < ms < 30_000:
            return self._("under 1 min")
        return self.minute_count(whole_minutes(ms))

    def minute_count(self, n: int) -> str:
        """A number of whole minutes: "20 min"."""
        # TRANSLATORS: minutes, abbreviated as on a schedule.
        return self.ngettext("{n} min", "{n} min", n).format(n=self.number(n))

    # -- stored values -----------------------------------------------------------------------------

    def label(self, table: LabelTable, value: object) -> str:
        """The words for a stored value; an unknown value is shown as stored, never dropped."""
        found = table.get(str(value))
        return self.pgettext(*found) if found else str(value).replace("_", " ")

    def template_words(self, text: str) -> str:
        """A shipped template's purpose, outcome or rule in this language; text someone typed or
        edited has no translation and is printed as it is."""
        return self.pgettext(TEMPLATE, text.strip())

    def language_name(self, typed: str) -> str:
        """A participant's language as typed in the roster ("Spanish"), in this language."""
        found = LANGUAGE.get(" ".join(typed.split()).lower())
        return self.pgettext(*found) if found else typed

    def attendance(self, person: dict[str, object], tz: tzinfo | None) -> str:
        status = str(person.get("attendance") or Attendance.PRESENT)
        arrived, left = person.get("arrived_at"), person.get("left_at")
        if status == Attendance.ARRIVED_LATE and arrived:
            when = local(str(arrived), tz)
            return self._("Arrived late, {at_time}").format(at_time=self.at_time(when))
        if status == Attendance.LEFT_EARLY and left:
            when = local(str(left), tz)
            return self._("Left early, {at_time}").format(at_time=self.at_time(when))
        return self.label(ATTENDANCE, status)


Say = str | Callable[[Wording], str]  # a phrase marked with N_, or how one language says it


@dataclass(frozen=True)
class Words:
    """What one copy is written in: one language, or two (the family's first). Each method says
    a thing in every language of the copy and joins the results, saying once what reads the same.
    Dates, times and numbers in tables are in the first language's format only."""

    languages: tuple[Wording, ...]

    @classmethod
    def of(cls, codes: Iterable[str]) -> Words:
        return cls(tuple(Wording.of(code) for code in codes))

    @property
    def first(self) -> Wording:
        return self.languages[0]

    @property
    def bilingual(self) -> bool:
        return len(self.languages) > 1

    def each(self, say: Say) -> list[str]:
        """What each language says, in order; what reads the same in two languages, once."""
        said: list[str] = []
        for wording in self.languages:
            text = wording._(say) if isinstance(say, str) else say(wording)
            if text not in said:
                said.append(text)
        return said

    def label(self, say: Say) -> str:
        """A heading, label, column header or short value: "Acuerdos / Agreements", and for a
        lead-in label "Propuesta por / Proposed by:"."""
        said = self.each(say)
        if len(said) > 1 and all(text.endswith(":") for text in said):
            return LABEL_JOIN.join(text[:-1] for text in said) + ":"
        return LABEL_JOIN.join(said)

    def sentence(self, say: Say) -> str:
        """A sentence or more: the family's language first, each language on its own line."""
        return SENTENCE_JOIN.join(self.each(say))

    def value(self, table: LabelTable, value: object) -> str:
        return self.label(lambda w: w.label(table, value))

    def role(self, value: object) -> str:
        return self.value(ROLE, value)

    def person(self, record: MeetingRecord, participant_id: int | None) -> str:
        """A participant as the minutes name them: "Ana Rodríguez (Parent)"."""
        for found in record["participants"]:
            if found["id"] == participant_id:
                template = self.first._("{name} ({role})")
                return template.format(name=found["name"], role=self.role(found["role"]))
        return self.label(N_("Not recorded"))

    def attendance(self, person: dict[str, object], tz: tzinfo | None) -> str:
        return self.label(lambda w: w.attendance(person, tz))

    def minutes(self, ms: int) -> str:
        return self.label(lambda w: w.minutes(ms))

    def so_far(self, ms: int) -> str:
        """The time spent so far on the current agenda item: "4 min so far"."""
        return self.label(lambda w: w._("{time} so far").format(time=w.minutes(ms)))

    def table_date(self, day: date) -> str:
        return self.first.table_date(day)

    def due_date(self, text: str | None, *, short: bool = False) -> str:
        if not text:
            return self.label(N_("No date set"))
        return self.first.due_date(text, short=short)
