"""The sample family speaks Spanish: its parent copy is in Spanish by default, or bilingual on
request, with nothing of the app's English left in it, and what people typed kept as typed."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from facilitator import live, meetings
from facilitator.cli import build_cli
from facilitator.clock import FakeClock
from facilitator.demo import create_demo
from facilitator.locale import update_catalogs
from facilitator.minutes import write_minutes
from facilitator.model import MeetingId, MeetingKind
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting
from tests.facilitator.minutes_reading import Reading, meeting_of_kind, read_docx

EXPORTED = datetime(2026, 11, 29, 18, 0, 5, tzinfo=UTC)
LOCALE = Path(update_catalogs.__file__).parent
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

HEADINGS_ES = [
    "Propósito", "Participantes", "Agenda", "Inquietudes planteadas", "Puntos no negociables",
    "Opciones consideradas", "Acuerdos", "Temas pendientes para la próxima reunión",
    "Acciones a seguir", "Próximos pasos", "Notas",
]  # fmt: skip
SUBHEADINGS_ES = [
    "Resultados deseados", "Normas de la reunión", "De la familia", "De la escuela", "Acordadas",
    "Consideradas y no acordadas", "Aplazadas",
]  # fmt: skip


@pytest.fixture
def demo(fresh_ws: Workspace) -> tuple[Workspace, MeetingId]:
    return fresh_ws, create_demo(fresh_ws)


def _copy(
    demo: tuple[Workspace, MeetingId],
    folder: Path,
    language: str | None,
    audience: Literal["parent", "team"] = "parent",
) -> Reading:
    ws, meeting_id = demo
    out = folder / f"{audience}-{language}.docx"
    return read_docx(
        write_minutes(ws, meeting_id, out, audience=audience, language=language, now=EXPORTED)
    )


@pytest.fixture
def spanish(demo: tuple[Workspace, MeetingId], tmp_path: Path, central: None) -> Reading:
    return _copy(demo, tmp_path, None)  # the default: the family speaks Spanish


@pytest.fixture
def english(demo: tuple[Workspace, MeetingId], tmp_path: Path, central: None) -> Reading:
    return _copy(demo, tmp_path, "en")


@pytest.fixture
def bilingual(demo: tuple[Workspace, MeetingId], tmp_path: Path, central: None) -> Reading:
    return _copy(demo, tmp_path, "bilingual")


def _all_text(reading: Reading) -> str:
    """What a reader can see: body, tables, every header and footer, the document properties."""
    text = [c if isinstance(c, str) else "\n".join(map("\n".join, c)) for _, c in reading.blocks]
    for section in reading.doc.sections:
        text += [p.text for p in (*section.header.paragraphs, *section.footer.paragraphs)]
    props = reading.doc.core_properties
    return "\n".join([*text, props.title, props.subject, props.content_status])


def _typed(ws: Workspace) -> list[str]:
    """Everything people typed anywhere in the workspace (names, titles, texts, ...), longest
    first, each line on its own too (outcomes and ground rules are shown line by line)."""
    found: set[str] = set()
    tables = [r[0] for r in ws.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        for row in ws.conn.execute(f"SELECT * FROM [{table}]"):
            for value in row:
                if isinstance(value, str) and len(value) >= 3:
                    found.add(value)
                    found.update(line.strip() for line in value.splitlines() if line.strip())
    return sorted(found, key=len, reverse=True)


def _english_words_of_the_app() -> list[str]:
    """The literal words of each English phrase in the catalog that Spanish says differently."""
    with (LOCALE / "es" / "LC_MESSAGES" / "minutes.po").open("rb") as file:
        catalog = read_po(file, locale="es")
    words = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        found = message.string if isinstance(message.string, tuple) else (message.string,)
        spanish = [str(text or "") for text in found]
        for english in ids:
            for piece in PLACEHOLDER.split(str(english)):
                piece = piece.strip(" ,.:;()")
                if re.search(r"[A-Za-z]{2}", piece) and not any(piece in s for s in spanish):
                    words.add(piece)
    return sorted(words)


def test_the_spanish_copy_has_every_section_heading_in_spanish(
    spanish: Reading, english: Reading
) -> None:
    assert spanish.paragraphs("Heading 1") == HEADINGS_ES
    assert spanish.paragraphs("Heading 2") == SUBHEADINGS_ES
    assert len(english.paragraphs("Heading 1")) == len(HEADINGS_ES)


def _english_left(ws: Workspace, reading: Reading) -> list[str]:
    """The app's English words found in a copy, once everything people typed is taken out."""
    text = _all_text(reading)
    for typed in _typed(ws):
        text = text.replace(typed, "¤")
    english = _english_words_of_the_app()
    assert len(english) > 150
    return [w for w in english if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def test_no_english_words_of_the_app_are_left_in_the_spanish_copy(
    demo: tuple[Workspace, MeetingId], spanish: Reading
) -> None:
    assert _english_left(demo[0], spanish) == []


def test_no_english_words_are_left_in_spanish_drafts_marks_and_notices(
    demo: tuple[Workspace, MeetingId], tmp_path: Path, clock: FakeClock, central: None
) -> None:
    """What the sample's finished meeting does not show: a pre-IEP dialogue's statement, a live
    mediation's draft and confidential marks, the team's speaking balance, an empty meeting."""
    ws, _ = demo
    dialogue = meeting_of_kind(ws, "pre_iep_dialogue")
    mediation, people = small_meeting(ws, kind=MeetingKind.MEDIATION)
    live.switch_speaker(ws, meeting_id=mediation, participant_id=people[0])
    clock.advance(minutes=3)
    empty, _ = small_meeting(ws, items=0)
    meetings.update_meeting(ws, meeting_id=empty, scheduled_start="2026-12-01T15:00:00.000Z")
    copies = {
        "dialogue": write_minutes(ws, dialogue, tmp_path / "d.docx"),  # the family's Spanish
        "mediation": write_minutes(ws, mediation, tmp_path / "m.docx", language="es"),
        "team": write_minutes(ws, mediation, tmp_path / "t.docx", audience="team", language="es"),
        "empty": write_minutes(ws, empty, tmp_path / "e.docx", language="es"),
    }
    readings = {name: read_docx(path) for name, path in copies.items()}
    assert (
        readings["dialogue"]
        .paragraphs("Minutes Notice")[0]
        .startswith("En esta reunión no se tomó ninguna decisión. Un diálogo previo al IEP es")
    )
    assert all("Borrador" in h and "Confidencial" in h for h in readings["mediation"].headers())
    assert "Solo para el equipo Tiempo de palabra" in readings["team"].paragraphs("Heading 1")
    assert readings["empty"].paragraphs("Minutes Draft")[0].startswith("Borrador: esta reunión")
    assert {name: _english_left(ws, reading) for name, reading in readings.items()} == {
        name: [] for name in readings
    }


def test_what_people_typed_is_kept_as_typed_and_said_so(spanish: Reading) -> None:
    assert ["Ana Rodríguez", "Padre/madre (español)", "Familia", "Presente"] in spanish.table(
        "Participantes"
    )
    assert spanish.paragraphs("Minutes Small")[0] == (
        "Lo que escribieron los participantes aparece tal como se escribió, sin traducir."
    )
    assert "Reading fluency is two grade levels below her class" in spanish.section_text(
        "Inquietudes planteadas"
    )


def test_the_spanish_copy_gives_dates_times_and_counts_the_spanish_way(spanish: Reading) -> None:
    details = spanish.paragraphs("Minutes Detail")
    assert "Fecha\tdomingo, 22 de noviembre de 2026" in details
    assert any(d.startswith("Hora\tde las 3:30 p.m. a las ") for d in details)
    assert spanish.table("Acciones a seguir")[1][2:] == ["27 nov 2026", "Pendiente"]
    assert spanish.section_paragraphs("Próximos pasos", "Minutes Bullet")[1] == (
        "Quedan 6 acciones pendientes (vea “Acciones a seguir”). La primera fecha límite es el"
        " 15 de noviembre de 2026."
    )
    (footer,) = spanish.footers()
    assert "Exportado el 29 de noviembre de 2026 a las 12:00 p.m." in footer
    assert "Página " in footer and " de " in footer


def test_the_spanish_copy_is_marked_spanish_for_spell_checking_and_reading_aloud(
    spanish: Reading, english: Reading
) -> None:
    assert spanish.doc.core_properties.language == "es-US"
    assert '<w:lang w:val="es-US"' in spanish.parts["word/styles.xml"]
    assert '<w:lang w:val="en-US"' in english.parts["word/styles.xml"]
    assert spanish.doc.core_properties.content_status == "Versión definitiva"


def test_the_bilingual_copy_gives_each_heading_in_both_languages_the_familys_first(
    bilingual: Reading, spanish: Reading, english: Reading
) -> None:
    for style in ("Heading 1", "Heading 2"):
        pairs = zip(spanish.paragraphs(style), english.paragraphs(style), strict=True)
        expected = [es if es == en else f"{es} / {en}" for es, en in pairs]
        assert bilingual.paragraphs(style) == expected
    assert "Acuerdos / Agreements" in bilingual.paragraphs("Heading 1")
    assert "Agenda" in bilingual.paragraphs("Heading 1")  # the same word in both: said once


def test_the_bilingual_copy_gives_labels_in_both_and_sentences_one_under_the_other(
    bilingual: Reading,
) -> None:
    assert bilingual.paragraphs("Minutes Detail") == []  # labels in two languages need room
    details = [
        *bilingual.paragraphs("Minutes Detail Wide"),
        *bilingual.paragraphs("Minutes Detail Wide Last"),
    ]
    assert details[0].startswith("Reunión / Meeting\t")
    assert "Copia / Copy\tCopia para la familia / Parent copy" in details
    assert bilingual.paragraphs("Minutes Small")[0] == (
        "Lo que escribieron los participantes aparece tal como se escribió, sin traducir.\n"
        "What participants wrote appears as written, not translated."
    )
    assert bilingual.table("Participantes / Participants")[0] == [
        "Nombre / Name", "Función / Role", "Grupo / Side", "Asistencia / Attendance",
    ]  # fmt: skip
    details = bilingual.paragraphs("Minutes Option Detail")
    assert "Propuesta por / Proposed by: Ana Rodríguez (Padre/madre / Parent)" in details
    notice = bilingual.paragraphs("Minutes Notice")[0]
    assert notice.split("\n") == [
        "En esta reunión se pueden tomar decisiones. Aparecen en la sección “Acuerdos”.",
        "This meeting can make decisions. They are listed under “Agreements”.",
    ]


def test_the_bilingual_copy_gives_each_language_its_own_role_and_language_name(
    bilingual: Reading,
) -> None:
    table = bilingual.table("Participantes / Participants")
    assert [
        "Ana Rodríguez", "Padre/madre (español) / Parent (Spanish)", "Familia / Family",
        "Presente / Present",
    ] in table  # fmt: skip
    assert ["Carmen Ortiz", "Intérprete (español) / Interpreter (Spanish)"] in [
        row[:2] for row in table
    ]


def test_a_finished_dialogue_says_in_one_tense_that_it_made_no_decisions(
    demo: tuple[Workspace, MeetingId], tmp_path: Path
) -> None:
    ws, _ = demo
    dialogue = meeting_of_kind(ws, "pre_iep_dialogue")
    reading = read_docx(write_minutes(ws, dialogue, tmp_path / "d.docx", language="bilingual"))
    assert reading.paragraphs("Minutes Notice")[0].startswith(
        "En esta reunión no se tomó ninguna decisión."
    )
    assert reading.section_paragraphs("Acuerdos / Agreements", "Minutes Body") == [
        "Ninguno: en esta reunión no se tomó ninguna decisión.\n"
        "None: this meeting made no decisions."
    ]


def test_spanish_times_take_la_for_one_oclock_and_las_for_the_other_hours(
    fresh_ws: Workspace, clock: FakeClock, tmp_path: Path, central: None
) -> None:
    clock.set("2026-11-29T06:20:00.000Z")  # 12:20 AM in Chicago
    meeting_id, _ = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=61)
    live.end_meeting(fresh_ws, meeting_id=meeting_id)
    reading = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "m.docx", language="es"))
    assert "Hora\tde las 12:20 a.m. a la 1:21 a.m. CST" in reading.paragraphs("Minutes Detail")


def test_the_bilingual_copy_shows_what_people_typed_once(bilingual: Reading) -> None:
    text = _all_text(bilingual)
    for typed in (
        "Reading fluency is two grade levels below her class",
        "Homework is capped at 45 minutes a night for six weeks, then reviewed.",
        "Waiting for the updated speech-language evaluation.",
    ):
        in_sections = [t for t in text.split("\n") if typed in t]
        assert in_sections and all(line.count(typed) == 1 for line in in_sections), typed
    assert text.count("Homework is capped at 45 minutes a night") == 1


def test_a_team_copy_is_in_english_unless_asked_otherwise(
    demo: tuple[Workspace, MeetingId], tmp_path: Path
) -> None:
    team = _copy(demo, tmp_path, None, "team")
    assert "Speaking balance" in " ".join(team.paragraphs("Heading 1"))
    spanish_team = _copy(demo, tmp_path, "es", "team")
    headings = spanish_team.paragraphs("Heading 1")
    assert "Solo para el equipo Tiempo de palabra" in headings
    assert "Notas de facilitación" in headings
    assert spanish_team.table("Tiempo de palabra", 0)[0] == [
        "Grupo", "Personas", "Tiempo hablando", "Turnos", "Porcentaje",
    ]  # fmt: skip


def test_an_unknown_language_is_refused_before_anything_is_written(
    demo: tuple[Workspace, MeetingId], tmp_path: Path
) -> None:
    ws, meeting_id = demo
    with pytest.raises(ValueError, match="unknown language"):
        write_minutes(ws, meeting_id, tmp_path / "m.docx", language="fr")
    assert not (tmp_path / "m.docx").exists()


# -- the command line ------------------------------------------------------------------------------


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "w.sqlite3"
    result = CliRunner().invoke(build_cli(), ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def _export(db: Path, out: Path, *options: str) -> Reading:
    result = CliRunner().invoke(
        build_cli(), ["export", "2", "--db", str(db), "--out", str(out), *options]
    )
    assert result.exit_code == 0, result.output
    return read_docx(out)


def test_cli_export_defaults_to_spanish_for_the_sample_family(
    demo_db: Path, tmp_path: Path
) -> None:
    assert _export(demo_db, tmp_path / "p.docx").paragraphs("Heading 1") == HEADINGS_ES
    team = _export(demo_db, tmp_path / "t.docx", "--audience", "team")
    assert "Agreements" in team.paragraphs("Heading 1")


@pytest.mark.parametrize(
    ("language", "heading"),
    [("es", "Acuerdos"), ("en", "Agreements"), ("bilingual", "Acuerdos / Agreements")],
)
def test_cli_export_language_option_chooses_the_language(
    demo_db: Path, tmp_path: Path, language: str, heading: str
) -> None:
    reading = _export(demo_db, tmp_path / "m.docx", "--language", language)
    assert heading in reading.paragraphs("Heading 1")


def test_cli_export_words_the_csv_in_the_language_too(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    CliRunner().invoke(build_cli(), ["export", "2", "--db", str(demo_db), "--out", str(out),
                                     "--format", "csv"])  # fmt: skip
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Qué", "Quién", "Fecha límite", "Estado", "Reunión", "Caso"]
    assert rows[1][3] == "Pendiente"


def test_cli_export_refuses_a_language_it_does_not_ship(demo_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        build_cli(),
        ["export", "2", "--db", str(demo_db), "--out", str(tmp_path / "m.docx"), "--language",
         "fr"],
    )  # fmt: skip
    assert result.exit_code == 2 and "--language" in result.output
    assert sqlite3.connect(demo_db).execute("SELECT count(*) FROM meetings").fetchone() == (2,)


def test_a_templates_own_words_are_in_spanish_and_edited_words_as_typed(
    fresh_ws: Workspace, tmp_path: Path, central: None
) -> None:
    """The sample family's Spanish copy gave the facilitated IEP template's purpose, outcomes and
    ground rules in English: the app's words, not anyone's, so they are translated; a line the
    facilitator rewrote is theirs and is printed as typed. The interpreter's language is named
    in Spanish too."""
    from facilitator.meetings import NewParticipant, create_case
    from facilitator.model import CaseId, Role
    from facilitator.preparation import meeting_from_template
    from facilitator.templates.loading import shipped_templates

    template = next(t for t in shipped_templates()[0] if t.name == "facilitated_iep_meeting")
    case = CaseId(create_case(fresh_ws, label="Maya R.").created_id or 0)
    meeting_id = MeetingId(
        meeting_from_template(
            fresh_ws, case_id=case, template=template, title="IEP",
            participants=[NewParticipant("Ana Rodríguez", Role.PARENT, language="spanish")],
        ).created_id
        or 0
    )  # fmt: skip
    rules = [*template.ground_rules[:-1], "Phones on silent, please."]
    meetings.update_meeting(fresh_ws, meeting_id=meeting_id, ground_rules="\n".join(rules))
    items = [r["id"] for r in fresh_ws.rows(
        "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position", (meeting_id,)
    )]  # fmt: skip
    meetings.update_agenda_item(fresh_ws, item_id=items[1], title="Who is who, and why we're here")
    text = "\n".join(
        read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "m.docx")).paragraphs()
    )
    assert template.purpose.strip() not in text
    assert "Una reunión del equipo del IEP dirigida por un facilitador neutral." in text
    assert "Decisiones sobre los servicios, los apoyos y la ubicación en el entorno menos" in text
    assert "Habla una persona a la vez." in text
    assert "One person speaks at a time." not in text
    assert "Phones on silent, please." in text  # typed: kept as typed
    people = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "p.docx"))
    assert ["Ana Rodríguez", "Padre/madre (español)", "Familia", "Presente"] in people.table(
        "Participantes"
    )
    # The agenda's titles too: the template's in Spanish, the one rewritten as typed.
    titles = [row[1] for row in people.table("Agenda")[1:-1]]
    assert titles[:4] == [
        "Bienvenida y propósito",
        "Who is who, and why we're here",
        "Presentaciones",
        "Resultados deseados, agenda y hora de finalización",
    ]
    assert titles[-1] == "Próximos pasos y valoración de la reunión"
    assert not [t for t in titles if t in {i.title for i in template.items}]
    both = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "b.docx", language="bilingual"))
    assert both.table("Agenda")[1][1] == "Bienvenida y propósito / Welcome and purpose"
    assert both.table("Agenda")[2][1] == "Who is who, and why we're here"
