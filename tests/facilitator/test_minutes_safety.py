"""Exports survive any text a person can type, and never leave a broken or half-written file."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator import board, meetings
from facilitator.demo import create_demo
from facilitator.errors import FacilitatorError
from facilitator.integrity import backup
from facilitator.meetings import NewParticipant
from facilitator.minutes import safe_file_name, write_actions_csv, write_minutes
from facilitator.minutes.content import HEADER_TITLE_LIMIT
from facilitator.minutes.document import Heading, Minutes, Paragraph, Properties, Row, Table
from facilitator.minutes.docx_writer import render
from facilitator.minutes.files import write_atomically
from facilitator.minutes.sanitise import lines, one_line, shorten, xml_text
from facilitator.model import CaseId, MeetingId, MeetingKind, Role
from facilitator.store import Workspace
from facilitator.text import clean_text
from tests.facilitator.helpers import small_meeting
from tests.facilitator.minutes_reading import read_docx

# Any code point, lone surrogates and control characters included, plus what people really paste.
ANY_CHAR = st.characters(codec=None, exclude_categories=())
SPECIAL = st.sampled_from([
    "👩‍👧 Maya 🎉", "مايا تتحدث العربية", "מאיה \u202eexe.docx", "\u200f\u200e\ufeff",
    "a\r\nb\rc\n\td", "\x00\x01\x0b\x0c\x1b\x7f", "\ud800 lone \udfff", "\ufffe\uffff",
    "x" * 20_000, "<w:t>&amp;</w:t>]]>", "Zoë\u0301 Ñandú",
])  # fmt: skip
ANY_TEXT = st.one_of(st.text(ANY_CHAR, max_size=300), SPECIAL, st.lists(SPECIAL).map("".join))


def test_xml_text_keeps_tabs_and_newlines_and_drops_other_control_characters() -> None:
    assert xml_text("a\tb\nc\x00d\x07e\x1bf\x7fg") == "a\tb\ncdefg"


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_xml_text_drops_bidi_embeddings_overrides_and_isolates_and_keeps_the_marks() -> None:
    assert xml_text("a\u202ab\u202bc\u202cd\u202de\u202ef") == "abcdef"
    assert xml_text("a\u2066b\u2067c\u2068d\u2069e") == "abcde"
    assert (
        xml_text("\u05e9\u05dc\u05d5\u05dd\u200f!\u200e 12")
        == "\u05e9\u05dc\u05d5\u05dd\u200f!\u200e 12"
    )


def test_bidi_controls_typed_anywhere_reach_no_part_of_the_minutes_or_the_csv(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    """An override pasted into a title reversed the page header's date and "Copia para la
    familia" after it: such controls are dropped wherever the text goes."""
    case_id = CaseId(meetings.create_case(fresh_ws, label="Maya \u2067R.\u2069").created_id or 0)
    meeting_id = MeetingId(
        meetings.create_meeting(
            fresh_ws, case_id=case_id, kind=MeetingKind.FACILITATED_IEP,
            title="Annual \u202eIEP\u202c review", scheduled_start="2026-12-01T18:00:00.000Z",
            location="Room \u202b12", participants=[NewParticipant("Ana \u202dR.", Role.PARENT)],
        ).created_id
        or 0
    )  # fmt: skip
    board.add_concern(fresh_ws, meeting_id=meeting_id, text="Reading \u2068level\u2069")
    board.add_action_item(fresh_ws, meeting_id=meeting_id, text="Call \u202ahome", owner="Sam")
    for language in ("es", "en", "bilingual"):
        out = write_minutes(fresh_ws, meeting_id, tmp_path / f"{language}.docx", language=language)
        reading = read_docx(out)
        for name, text in reading.parts.items():
            assert not [c for c in text if c in BIDI_CONTROLS], name
        assert "Annual IEP review" in reading.paragraphs("Minutes Title")
    header = read_docx(tmp_path / "es.docx").doc.sections[0].header.paragraphs[-1].text
    assert header.startswith("Annual IEP review · ")
    assert header.endswith(" de diciembre de 2026\tCopia para la familia")
    props = read_docx(tmp_path / "es.docx").doc.core_properties
    assert props.title == "Acta: Annual IEP review"
    csv_out = write_actions_csv(fresh_ws, meeting_id, tmp_path / "a.csv")
    assert not [c for c in csv_out.read_text(encoding="utf-8-sig") if c in BIDI_CONTROLS]


def test_xml_text_normalises_windows_and_old_mac_line_ends() -> None:
    assert xml_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_xml_text_turns_lone_surrogates_into_the_replacement_character() -> None:
    assert xml_text("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    assert xml_text("\ud83d\ude00") == "\U0001f600"  # a pair left by a bad decoder is rejoined
    assert xml_text("no\ufffe\uffffnon-characters") == "nonon-characters"


def test_one_line_collapses_whitespace_and_cuts_with_an_ellipsis() -> None:
    assert one_line("  a\n\tb  c ") == "a b c"
    assert one_line("abcdefgh", limit=5) == "abcd…"


def test_lines_split_at_every_kind_of_line_end() -> None:
    assert lines("a\r\nb\rc") == ["a", "b", "c"]


def test_newlines_in_text_become_line_breaks_in_the_document(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, people = small_meeting(fresh_ws)
    board.add_concern(
        fresh_ws, meeting_id=meeting_id, text="First line\r\nsecond line", raised_by=people[0]
    )
    out = write_minutes(fresh_ws, meeting_id, tmp_path / "m.docx")
    reading = read_docx(out)
    assert reading.table("Concerns raised")[1][0] == "First line\nsecond line"
    assert (
        'First line</w:t><w:br/><w:t xml:space="preserve">second line'
        in (reading.parts["word/document.xml"])
    )


@settings(max_examples=30, deadline=None)
@given(concern=ANY_TEXT, agreement=ANY_TEXT, name=ANY_TEXT, title=ANY_TEXT)
def test_any_text_in_concerns_agreements_names_and_titles_exports_and_reopens(
    concern: str, agreement: str, name: str, title: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace.open(Path(folder) / "w.sqlite3")
        try:
            meeting_id, people = small_meeting(ws)
            _try(lambda: meetings.update_meeting(ws, meeting_id=meeting_id, title=title))
            # clean_text: add_participant puts the raw name in its audit summary (a core issue).
            person = NewParticipant(clean_text(name), Role.ADVOCATE)
            _try(lambda: meetings.add_participant(ws, meeting_id=meeting_id, person=person))
            _try(lambda: board.add_concern(ws, meeting_id=meeting_id, text=concern))
            _try(lambda: board.add_agreement(ws, meeting_id=meeting_id, text=agreement))
            for audience in ("parent", "team"):
                out = Path(folder) / f"{audience}.docx"
                write_minutes(ws, meeting_id, out, audience=audience)
                reopened = docx.Document(str(out))
                assert reopened.paragraphs
        finally:
            ws.close()


def _try(action: Callable[[], object]) -> None:
    """Run an operation that may rightly refuse blank text (the store requires some)."""
    with contextlib.suppress(FacilitatorError):
        action()


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(ANY_TEXT, min_size=8, max_size=8))
def test_the_writer_survives_any_text_in_any_place(texts: list[str]) -> None:
    """Past the store (which already cleans lone surrogates), straight into the writer."""
    a, b, c, d, e, f, g, h = texts
    minutes = Minutes(
        audience="team", title=a, subtitle=b, draft_notice=c, details=((d, e),),
        blocks=(Heading(f, team_only=True), Paragraph(g, "bullet", True, h),
                Table((a, b), (Row((c, d), True), Row((e,))), (1, 1), Row((f, g)))),
        header_marks=(h,), header_text=a, header_copy=b, footer_text=c,
        page_of=d + " {page} / {pages}", team_only_label=e, properties=Properties(f, g, h),
    )  # fmt: skip
    data = render(minutes, author=a, exported_at=datetime(2026, 11, 29, tzinfo=UTC))
    reopened = docx.Document(io.BytesIO(data))
    assert len(reopened.core_properties.title) <= 255
    assert reopened.tables


def test_a_very_long_concern_exports(fresh_ws: Workspace, tmp_path: Path) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    text = "The family asked about reading. " * 5_000
    board.add_concern(fresh_ws, meeting_id=meeting_id, text=text)
    reading = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "long.docx"))
    assert reading.table("Concerns raised")[1][0] == text.strip()


def test_a_read_only_target_gives_one_clear_line_and_keeps_the_old_file(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    (folder := tmp_path / "out").mkdir()
    out = folder / "minutes.docx"
    out.write_bytes(b"the old minutes")
    out.chmod(0o444)
    with pytest.raises(FacilitatorError) as raised:
        write_minutes(fresh_ws, meeting_id, out)
    assert str(raised.value) == f"cannot write {out}: the file is read-only"
    assert out.read_bytes() == b"the old minutes"
    assert sorted(p.name for p in folder.iterdir()) == ["minutes.docx"]


def test_a_locked_target_gives_one_clear_line_and_leaves_no_temporary_file(
    fresh_ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    (folder := tmp_path / "out").mkdir()
    out = folder / "minutes.docx"
    out.write_bytes(b"the old minutes")

    def locked(*_: object) -> None:  # what Windows does while Word has the file open
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FacilitatorError) as raised:
        write_minutes(fresh_ws, meeting_id, out)
    assert "\n" not in str(raised.value) and "open in another program" in str(raised.value)
    assert out.read_bytes() == b"the old minutes"
    assert sorted(p.name for p in folder.iterdir()) == ["minutes.docx"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores modes")
def test_a_read_only_folder_gives_one_clear_line(fresh_ws: Workspace, tmp_path: Path) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(FacilitatorError, match="permission denied"):
            write_minutes(fresh_ws, meeting_id, folder / "minutes.docx")
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_missing_folder_or_a_folder_as_target_is_refused(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    with pytest.raises(FacilitatorError, match="does not exist"):
        write_minutes(fresh_ws, meeting_id, tmp_path / "nowhere" / "m.docx")
    with pytest.raises(FacilitatorError, match="it is a folder"):
        write_minutes(fresh_ws, meeting_id, tmp_path)


def test_exporting_again_replaces_the_file_and_keeps_its_permissions(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    out = tmp_path / "m.docx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    write_minutes(fresh_ws, meeting_id, out)
    assert out.read_bytes()[:2] == b"PK"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2026-11-22 Annual IEP meeting - parent copy.docx",
         "2026-11-22 Annual IEP meeting - parent copy.docx"),
        ("Maya/Rodríguez: IEP? <draft> *final*|.docx", "Maya Rodríguez IEP draft final.docx"),
        ("..\\..\\etc\\passwd", "etc passwd"),
        ("\u202eexe.docx", "exe.docx"),
        ("CON.docx", "_CON.docx"),
        ("   ", "minutes"),
        ("a" * 300 + ".docx", "a" * 145 + ".docx"),
        ("Zoe\u0308 \x00\ud800.csv", "Zoë.csv"),
    ],
)  # fmt: skip
def test_safe_file_name_keeps_an_allow_list_of_characters(text: str, name: str) -> None:
    assert safe_file_name(text) == name


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice (LibreOffice) is not on PATH")
def test_libreoffice_converts_both_copies_to_pdf(fresh_ws: Workspace, tmp_path: Path) -> None:
    meeting_id = MeetingId(create_demo(fresh_ws))
    expected = {  # the sample family speaks Spanish: their copy is in Spanish
        "parent": ("Página 1 de ", "Opciones consideradas"),
        "bilingual": ("Página 1 de ", "Opciones consideradas / Options considered"),
        "team": ("Page 1 of ", "Options considered"),
    }
    sources = [
        write_minutes(fresh_ws, meeting_id, tmp_path / "parent.docx"),
        write_minutes(fresh_ws, meeting_id, tmp_path / "bilingual.docx", language="bilingual"),
        write_minutes(fresh_ws, meeting_id, tmp_path / "team.docx", audience="team"),
    ]
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *map(str, sources)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    for source in sources:
        pdf = source.with_suffix(".pdf")
        assert pdf.read_bytes()[:5] == b"%PDF-"
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
            page, heading = expected[source.stem]
            assert page in text and heading in text


@pytest.mark.parametrize(
    ("text", "limit", "short"),
    [
        ("Annual IEP meeting", 120, "Annual IEP meeting"),
        ("Annual IEP meeting for Maya", 20, "Annual IEP meeting…"),
        ("Annual IEP meeting, second part", 20, "Annual IEP meeting…"),
        ("x" * 30, 20, "x" * 19 + "…"),
        ("a " + "x" * 30, 20, "a " + "x" * 17 + "…"),
        ("  one\n\ttwo  ", 120, "one two"),
    ],
)  # fmt: skip
def test_shorten_cuts_at_a_word_with_an_ellipsis(text: str, limit: int, short: str) -> None:
    assert shorten(text, limit) == short
    assert len(shorten(text, limit)) <= limit


def test_the_page_header_carries_a_long_title_cut_short_and_the_body_keeps_it_whole(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    title = "Annual review of the reading plan " * 2_900  # about 98,000 characters
    meetings.update_meeting(fresh_ws, meeting_id=meeting_id, title=title)
    reading = read_docx(write_minutes(fresh_ws, meeting_id, tmp_path / "m.docx"))
    header = reading.doc.sections[0].header.paragraphs[-1].text
    shown = header.split("\t")[0]  # the title (and the date, when there is one), then the copy
    assert len(shown) <= HEADER_TITLE_LIMIT and shown.endswith("…")
    assert title.startswith(shown[:-1]) and title[len(shown) - 1] == " "  # cut at a word
    assert all(len(part) < 10_000 for part in reading.headers() + reading.footers())
    assert title.strip() in reading.paragraphs()


def test_no_part_of_a_page_header_or_footer_grows_with_its_text() -> None:
    long = "word " * 50_000
    minutes = Minutes(
        audience="team", title="t", subtitle="s", draft_notice="", details=(), blocks=(),
        header_marks=(long,), header_text=long, header_copy=long, footer_text=long,
        page_of=long + "{page}", team_only_label="Team only", properties=Properties("t", "s", "x"),
    )  # fmt: skip
    package = docx.Document(io.BytesIO(render(minutes, author="", exported_at=datetime.now(UTC))))
    section = package.sections[0]
    for paragraph in (*section.header.paragraphs, *section.footer.paragraphs):
        assert len(paragraph.text) < 1_000


@pytest.mark.parametrize("write", [write_minutes, write_actions_csv])
def test_an_export_never_replaces_the_workspace_or_another_database(
    fresh_ws: Workspace, tmp_path: Path, write: Callable[..., Path]
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    other = tmp_path / "other.sqlite3"
    backup(fresh_ws, other)
    os.link(fresh_ws.path, tmp_path / "same.docx")
    targets = {
        fresh_ws.path: "it is the workspace itself",
        tmp_path / "same.docx": "it is the workspace itself",
        Path(f"{fresh_ws.path}-wal"): "it belongs to the workspace",
        Path(f"{fresh_ws.path}.lock"): "it belongs to the workspace",
        other: "it is a database",
    }
    stored = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for target, message in targets.items():
        with pytest.raises(FacilitatorError, match=message):
            write(fresh_ws, meeting_id, target)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == stored


def test_the_shared_writer_refuses_a_database_whoever_calls_it(tmp_path: Path) -> None:
    database = tmp_path / "minutes.docx"
    conn = sqlite3.connect(database)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = database.read_bytes()
    with pytest.raises(FacilitatorError, match="it is a database"):
        write_atomically(database, b"PK")
    assert database.read_bytes() == before
