"""The minutes' message catalogs and language choice: every phrase translated, the family's
language found, dates and counts said the way each language says them."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from facilitator.locale import update_catalogs
from facilitator.minutes import wording
from facilitator.minutes.language import (
    copy_languages,
    family_language,
    languages_without_minutes,
    translation_note,
)
from facilitator.minutes.wording import Wording, Words
from facilitator.model import ActionStatus, Attendance, ConcernStatus, MeetingKind, Role, Side
from facilitator.record import MeetingRecord

LOCALE = Path(update_catalogs.__file__).parent
SHIPPED = ("en", "es")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _catalog(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "minutes.po").open("rb") as file:
        return read_po(file, locale=language)


def _phrases_in_the_code() -> set[tuple[str | None, str | tuple[str, ...]]]:
    """Every phrase marked in facilitator/minutes, found by Babel's extractor."""
    found = extract_from_dir(
        LOCALE.parent / "minutes",
        [("**.py", "python")],
        keywords=update_catalogs.KEYWORDS,
    )
    return {(context, message) for _, _, message, _, context in found}


def _strings(message: Message) -> tuple[str, ...]:
    found = message.string if isinstance(message.string, tuple) else (message.string,)
    return tuple(str(text or "") for text in found)


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(map(str, message.id)) if isinstance(message.id, tuple) else (str(message.id),)


def test_the_code_marks_phrases_for_every_part_of_the_minutes() -> None:
    phrases = {message for _, message in _phrases_in_the_code()}
    assert len(phrases) > 150
    for expected in ("Agreements", "Page {page} of {pages}", "Confidential: mediation",
                     "Draft: not final", "This meeting made no decisions.", "Parent"):  # fmt: skip
        assert expected in phrases


@pytest.mark.parametrize("language", SHIPPED)
def test_every_phrase_the_minutes_print_has_a_confirmed_translation(language: str) -> None:
    catalog = _catalog(language)
    missing = []
    for context, message in _phrases_in_the_code():
        key = message[0] if isinstance(message, tuple) else message
        found = catalog.get(key, context=context)
        if found is None or found.fuzzy or not all(_strings(found)):
            missing.append((context, message))
    assert missing == []


def test_spanish_says_every_phrase_differently_but_the_few_words_it_shares_with_english() -> None:
    """A phrase left in English would pass for translated; only these are the same in Spanish."""
    same_in_both = {"Agenda", "Total", "Neutral", "{n} min"}
    copied = [
        message.id
        for message in _catalog("es")
        if message.id
        and _ids(message)[0] in _strings(message)
        and re.search("[A-Za-z]", PLACEHOLDER.sub("", _ids(message)[0]))
        and _ids(message)[0] not in same_in_both
    ]
    assert copied == []


@pytest.mark.parametrize("language", SHIPPED)
def test_each_translation_keeps_the_placeholders_of_its_phrase(language: str) -> None:
    wrong = [
        (message.id, text)
        for message in _catalog(language)
        if message.id
        for text in _strings(message)
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(_ids(message)[-1]))
    ]
    assert wrong == []


@pytest.mark.parametrize("language", SHIPPED)
def test_the_compiled_catalog_the_app_loads_matches_its_po_file(language: str) -> None:
    path = LOCALE / language / "LC_MESSAGES" / "minutes.mo"
    with path.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    stale = []
    for message in _catalog(language):
        if not message.id:
            continue
        ids, strings = _ids(message), _strings(message)
        context = message.context
        if len(ids) == 1:
            said = compiled.pgettext(context, ids[0]) if context else compiled.gettext(ids[0])
            if said != strings[0]:
                stale.append(ids[0])
        elif [
            compiled.npgettext(context, ids[0], ids[1], n)
            if context
            else compiled.ngettext(ids[0], ids[1], n)
            for n in (1, 2)
        ] != [strings[0], strings[-1]]:
            stale.append(ids[0])
    assert stale == [], "run: python -m facilitator.locale.update_catalogs"


def test_the_spanish_catalog_uses_the_terms_of_spanish_iep_documents() -> None:
    spanish = Wording.of("es")
    said = {
        spanish.label(wording.ROLE, Role.PARENT): "Padre/madre",
        spanish.label(wording.ROLE, Role.SPECIAL_ED_TEACHER): "Maestro/a de educación especial",
        spanish.label(wording.ROLE, Role.DISTRICT_REPRESENTATIVE): (
            "Representante del distrito (LEA)"
        ),
        spanish.label(wording.KIND, MeetingKind.RESOLUTION): "Reunión de resolución",
        spanish.label(wording.KIND, MeetingKind.MEDIATION): "Mediación",
        spanish._("Draft"): "Borrador",
    }
    assert [found for found, expected in said.items() if found != expected] == []
    assert "Programa de Educación Individualizado (IEP)" in spanish.label(
        wording.KIND, MeetingKind.FACILITATED_IEP
    )
    assert "aviso previo por escrito" in spanish._(
        "The reasons for options not agreed can serve the prior written notice's “other options"
        " considered and the reasons why those options were rejected” ({rule})."
    )
    # The word the shipped templates use for a concern, everywhere.
    assert spanish._("Concerns raised") == "Inquietudes planteadas"
    assert spanish.label(wording.ATTENDANCE, Attendance.EXCUSED) == "Dispensado/a de asistir"
    assert spanish._("Confidential: mediation").startswith("Confidencial")


def test_the_spanish_catalog_calls_a_concern_an_inquietud_as_the_templates_do() -> None:
    said = [s for m in _catalog("es") if m.id for s in _strings(m) if "preocupaci" in s.lower()]
    assert said == []


def test_the_english_catalog_says_each_phrase_as_the_code_does() -> None:
    """A phrase the code changed must not keep another phrase's words in English (Babel's
    fuzzy matching once gave "Cantonese" the words "Case")."""
    wrong = [
        message.id for message in _catalog("en") if message.id and _strings(message)[0] !=
        _ids(message)[0]
    ]  # fmt: skip
    assert wrong == []


@pytest.mark.parametrize(
    ("table", "values"),
    [
        (wording.KIND, MeetingKind),
        (wording.ROLE, Role),
        (wording.SIDE, Side),
        (wording.ATTENDANCE, Attendance),
        (wording.CONCERN_STATUS, ConcernStatus),
        (wording.ACTION_STATUS, ActionStatus),
    ],
)
def test_every_stored_value_the_minutes_show_has_words_to_translate(
    table: wording.LabelTable, values: type[StrEnum]
) -> None:
    assert sorted(table) == sorted(v.value for v in values)


def test_a_language_without_a_catalog_falls_back_to_english() -> None:
    assert Wording.of("fr")._("Agreements") == "Agreements"
    assert Wording.of("fr").long_date(date(2026, 11, 22)) == "Sunday, November 22, 2026"


def test_dates_times_and_numbers_follow_the_language() -> None:
    spanish, english = Wording.of("es"), Wording.of("en")
    day, afternoon = date(2026, 11, 22), datetime(2026, 11, 22, 15, 30)
    assert spanish.long_date(day) == "domingo, 22 de noviembre de 2026"
    assert english.long_date(day) == "Sunday, November 22, 2026"
    assert (spanish.table_date(day), english.table_date(day)) == ("22 nov 2026", "Nov 22, 2026")
    assert [spanish.clock_time(afternoon), english.clock_time(afternoon)] == [
        "3:30 p.m.",
        "3:30 PM",
    ]
    assert (spanish.percent(0.5), english.number(1234)) == ("50%", "1,234")


def test_spanish_says_a_la_una_but_a_las_tres() -> None:
    spanish, english = Wording.of("es"), Wording.of("en")
    one, three = datetime(2026, 11, 22, 13, 15), datetime(2026, 11, 22, 15, 0)
    assert (spanish.at_time(one), spanish.at_time(three)) == ("a la 1:15 p.m.", "a las 3:00 p.m.")
    assert english.at_time(one) == "at 1:15 PM"
    assert (spanish.the_time(one), spanish.the_time(three)) == ("la 1:15 p.m.", "las 3:00 p.m.")
    assert english.the_time(one) == "1:15 PM"


def test_counts_take_the_plural_form_of_each_language() -> None:
    spanish = Wording.of("es")
    one, two = (
        spanish.ngettext(
            "{count} action item is still open (see “Action items”).",
            "{count} action items are still open (see “Action items”).",
            n,
        ).format(count=n)
        for n in (1, 2)
    )
    assert one.startswith("Queda 1 acción pendiente") and two.startswith("Quedan 2 acciones")
    assert Wording.of("en").minutes(60_000) == "1 min"


def _record(*people: dict[str, str]) -> MeetingRecord:
    return MeetingRecord({}, {}, {"participants": list(people)})


FAMILY_PARENT = {"side": "family", "role": "parent"}
SCHOOL_TEACHER = {"side": "school", "role": "special_ed_teacher"}
INTERPRETER = {"side": "neutral", "role": "interpreter"}


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        ([{**FAMILY_PARENT, "language": "Spanish"}], "es"),
        ([{**FAMILY_PARENT, "language": " español "}], "es"),
        ([{**FAMILY_PARENT, "language": "ES"}], "es"),
        ([{**FAMILY_PARENT, "language": "es-MX"}], "es"),
        ([FAMILY_PARENT, {**INTERPRETER, "language": "Español"}], "es"),
        ([FAMILY_PARENT, {**SCHOOL_TEACHER, "language": "Spanish"}], "en"),
        ([{**FAMILY_PARENT, "language": "Vietnamese"}], "en"),
        ([{**FAMILY_PARENT, "language": "Espanglish"}], "en"),
        ([FAMILY_PARENT], "en"),
        ([], "en"),
    ],
    ids=["Spanish", "español", "ES", "es-MX", "interpreter", "school side", "other language",
         "not Spanish", "none given", "nobody"],
)  # fmt: skip
def test_the_family_language_is_spanish_when_the_family_or_interpreter_speaks_it(
    people: list[dict[str, str]], expected: str
) -> None:
    assert family_language(_record(*people)) == expected


def test_a_parent_copy_defaults_to_the_family_language_and_a_team_copy_to_english() -> None:
    record = _record({**FAMILY_PARENT, "language": "Spanish"})
    assert copy_languages(record, audience="parent") == ("es",)
    assert copy_languages(record, audience="team") == ("en",)
    assert copy_languages(record, audience="team", language="es") == ("es",)
    assert copy_languages(record, audience="parent", language="bilingual") == ("es", "en")
    assert copy_languages(_record(), audience="parent", language="bilingual") == ("en", "es")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        copy_languages(record, audience="parent", language="fr")


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        ([{**FAMILY_PARENT, "language": "Vietnamese"}], ("Vietnamese",)),
        ([FAMILY_PARENT, {**INTERPRETER, "language": "Somali"}], ("Somali",)),
        ([{**FAMILY_PARENT, "language": "Vietnamese"}, {**FAMILY_PARENT, "language": "vietnamese "},
          {**INTERPRETER, "language": "Hmong"}], ("Vietnamese", "Hmong")),
        ([{**FAMILY_PARENT, "language": "Spanish"}], ()),
        ([{**FAMILY_PARENT, "language": "English"}, {**INTERPRETER, "language": "en-US"}], ()),
        ([{**FAMILY_PARENT, "language": "Inglés"}], ()),
        ([FAMILY_PARENT, {**SCHOOL_TEACHER, "language": "Vietnamese"}], ()),
        ([FAMILY_PARENT], ()),
    ],
    ids=["parent", "interpreter", "several, once each", "Spanish", "English", "Inglés",
         "school side", "none given"],
)  # fmt: skip
def test_the_family_languages_without_minutes_are_those_neither_spanish_nor_english(
    people: list[dict[str, str]], expected: tuple[str, ...]
) -> None:
    assert languages_without_minutes(_record(*people)) == expected


def test_a_parent_copy_for_a_family_whose_language_has_no_copy_comes_with_a_note() -> None:
    record = _record(
        {**FAMILY_PARENT, "language": "Vietnamese"}, {**INTERPRETER, "language": "Hmong"}
    )
    note = translation_note(record, audience="parent")
    assert note == (
        "the family speaks Vietnamese and Hmong; the minutes can be written in Spanish and English"
        " only: arrange a translation, written, oral or signed, as for notices to parents"
        " (34 CFR 300.503(c))"
    )
    assert translation_note(record, audience="team") == ""
    assert (
        translation_note(_record({**FAMILY_PARENT, "language": "Spanish"}), audience="parent") == ""
    )


def test_bilingual_words_join_labels_and_stack_sentences_saying_the_same_once() -> None:
    both = Words.of(("es", "en"))
    assert both.label("Agreements") == "Acuerdos / Agreements"
    assert both.label("Proposed by:") == "Propuesta por / Proposed by:"
    assert both.label("Total") == "Total"  # the same in both languages: said once
    assert both.sentence("No concerns were recorded.") == (
        "No se registraron inquietudes.\nNo concerns were recorded."
    )


def test_asking_for_the_family_language_loads_neither_babel_nor_python_docx() -> None:
    """The window's export dialog asks for its default language; that must stay cheap."""
    code = (
        "import sys; from facilitator.minutes import family_language;"
        " print('babel' in sys.modules, 'docx' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["False", "False"]
