"""Which language a copy of the minutes is written in.

Notices to parents go in their native language unless that is clearly not feasible
(34 CFR 300.503(c)). So a parent copy is in Spanish when the family speaks Spanish (someone on the
family side, or the interpreter, has Spanish as their language), else in English; the team copy
is in English. Either can be asked for in another language, or bilingual. Cheap to import: the
window's export dialog asks `family_language` for its default.
"""

from __future__ import annotations

from facilitator.minutes.document import Audience
from facilitator.model import Role, Side
from facilitator.record import MeetingRecord

SHIPPED = ("es", "en")  # the languages with a catalog, as gettext names them
CHOICES = ("es", "en", "bilingual")  # what `--language` and `write_minutes` accept
ENGLISH = "en"

_SPANISH = frozenset({"spanish", "español", "espanol", "castellano", "es"})
_ENGLISH = frozenset({"english", "inglés", "ingles", "en"})


def family_language(record: MeetingRecord) -> str:
    """ "es" when a participant on the family side or an interpreter has Spanish as their language
    ("Spanish", "Español", "es", any case), else "en"."""
    for language in _family_languages(record):
        if is_spanish(language):
            return "es"
    return ENGLISH


def languages_without_minutes(record: MeetingRecord) -> tuple[str, ...]:
    """The languages of the family (someone on the family side, or the interpreter) that no copy
    can be written in, each as first typed: ("Vietnamese",). Empty when every language recorded
    is Spanish or English, or none is."""
    found: dict[str, str] = {}
    for language in _family_languages(record):
        if not is_spanish(language) and not is_english(language):
            found.setdefault(language.casefold(), language)
    return tuple(found.values())


def translation_note(record: MeetingRecord, *, audience: Audience) -> str:
    """One line for whoever writes a parent copy for a family whose language the app cannot
    write, else "". Notices go to parents in their native language unless that is clearly not
    feasible (34 CFR 300.503(c)): the copy in Spanish or English is not the end of it."""
    missing = languages_without_minutes(record)
    if audience != "parent" or not missing:
        return ""
    return (
        f"the family speaks {' and '.join(missing)}; the minutes can be written in Spanish and"
        " English only: arrange a translation, written, oral or signed, as for notices to parents"
        " (34 CFR 300.503(c))"
    )


def _family_languages(record: MeetingRecord) -> list[str]:
    """The languages typed for the family's side and the interpreter (not one the school brings
    for its own staff, on the school's side), in roster order."""
    languages = []
    for person in record["participants"]:
        side = person.get("side")
        speaks_for_family = side == Side.FAMILY or (
            person.get("role") == Role.INTERPRETER and side != Side.SCHOOL
        )
        language = str(person.get("language") or "").strip()
        if speaks_for_family and language:
            languages.append(language)
    return languages


def is_spanish(language: str) -> bool:
    """Whether a language as a person typed it names Spanish ("Spanish", "español", "es-MX")."""
    name = language.strip().casefold()
    return name in _SPANISH or name.startswith(("es-", "es_"))


def is_english(language: str) -> bool:
    """Whether a language as a person typed it names English ("English", "inglés", "en-US")."""
    name = language.strip().casefold()
    return name in _ENGLISH or name.startswith(("en-", "en_"))


def copy_languages(
    record: MeetingRecord, *, audience: Audience, language: str | None = None
) -> tuple[str, ...]:
    """The languages of one copy, the first one leading: ("es",), ("en",) or, for "bilingual",
    the family's language and the other one (Spanish first unless the family speaks English).

    `language` None means the default: the family's language for a parent copy, English for the
    team's. Raises `ValueError` for a language the app does not ship.
    """
    if language is None:
        language = family_language(record) if audience == "parent" else ENGLISH
    if language not in CHOICES:
        raise ValueError(f"unknown language {language!r}: use {', '.join(CHOICES)}")
    if language != "bilingual":
        return (language,)
    first = family_language(record)
    return (first, *(code for code in SHIPPED if code != first))
