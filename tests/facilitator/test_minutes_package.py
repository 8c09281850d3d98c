"""The .docx package itself: tables that keep their rows whole and their headings on every page,
and parts that say nothing about the file beyond what the app sets on purpose."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from facilitator.demo import create_demo
from facilitator.minutes import write_minutes
from facilitator.minutes.content import build_minutes
from facilitator.minutes.docx_writer import APP_XML, TEMPLATE, render
from facilitator.minutes.sources import gather
from facilitator.model import MeetingId
from facilitator.store import Workspace
from tests.facilitator.minutes_reading import meeting_of_kind

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COPIES: list[tuple[Literal["parent", "team"], str]] = [
    ("parent", "en"),
    ("parent", "es"),
    ("parent", "bilingual"),
    ("team", "en"),
]
# What Word writes to tell one document (or one editing session) from another, and what tells it
# that the spelling and grammar were checked.
IDENTIFIERS = re.compile(r"rsid|docId|persistentDocId|proofState|w15:|guid|\{[0-9A-F-]{36}\}", re.I)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Each copy of the sample meeting and of its pre-IEP dialogue, part by part."""
    folder = tmp_path_factory.mktemp("copies")
    ws = Workspace.open(folder / "w.sqlite3")
    try:
        meeting_id = create_demo(ws)
        dialogue = meeting_of_kind(ws, "pre_iep_dialogue")
        found = {}
        for which in (meeting_id, dialogue):
            for audience, language in COPIES:
                out = folder / f"{which}-{audience}-{language}.docx"
                write_minutes(ws, which, out, audience=audience, language=language)
                found[out.stem] = _parts(out.read_bytes())
        return found
    finally:
        ws.close()


# -- tables ---------------------------------------------------------------------------------------


def test_no_table_row_splits_across_pages_and_header_rows_repeat_on_every_page(
    copies: dict[str, dict[str, bytes]],
) -> None:
    for name, parts in copies.items():
        body = etree.fromstring(parts["word/document.xml"])
        tables = list(body.iter(f"{W}tbl"))
        assert len(tables) >= 4, name
        for table in tables:
            rows = table.findall(f"{W}tr")
            assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows), name
            assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None, name
            # The total row is not a heading that repeats at the top of the next page.
            assert [r for r in rows[1:] if r.find(f"{W}trPr/{W}tblHeader") is not None] == []


# -- what the package says about itself ----------------------------------------------------------


def test_no_part_of_any_copy_carries_a_document_id_revision_ids_or_a_proofing_state(
    copies: dict[str, dict[str, bytes]],
) -> None:
    for name, parts in copies.items():
        for part, data in parts.items():
            if part.endswith((".xml", ".rels")):
                text = data.decode("utf-8")
                assert IDENTIFIERS.findall(text) == [], f"{name}: {part}"
        settings = parts["word/settings.xml"].decode("utf-8")
        assert "proofState" not in settings and "docId" not in settings
        assert parts["docProps/app.xml"] == APP_XML
        assert not [p for p in parts if "custom" in p.lower() or "thumbnail" in p.lower()]


def _word_saved(template: Path, out: Path) -> Path:
    """The styles template as Word leaves it once someone restyles it and saves: revision ids,
    a document id and a proofing state in its settings, custom properties and custom XML."""
    doc = docx.Document(str(template))
    settings = doc.settings.element
    settings.append(
        etree.fromstring(
            f'<w:proofState xmlns:w="{W[1:-1]}" w:spelling="clean" w:grammar="clean"/>'
        )
    )
    settings.append(
        etree.fromstring(f'<w:rsids xmlns:w="{W[1:-1]}"><w:rsidRoot w:val="00A1B2C3"/></w:rsids>')
    )
    settings.append(
        etree.fromstring(
            '<w14:docId xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
            ' w14:val="1A2B3C4D"/>'
        )
    )
    doc.element.body.find(f"{W}sectPr").set(f"{W}rsidR", "00A1B2C3")
    for style in doc.styles.element.iter(f"{W}style"):
        style.append(etree.fromstring(f'<w:rsid xmlns:w="{W[1:-1]}" w:val="00A1B2C3"/>'))
    package = doc.part.package
    custom = (
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'custom-properties"><property name="District">Springfield</property></Properties>'
    )
    package.relate_to(
        Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, custom, package),
        RT.CUSTOM_PROPERTIES,
    )
    doc.part.relate_to(
        Part(PackURI("/customXml/item1.xml"), CT.XML, b"<who>Springfield</who>", package),
        RT.CUSTOM_XML,
    )
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.replace(
                b"</Properties>", b"<Company>Springfield USD</Company></Properties>"
            )
    doc.save(str(out))
    return out


def test_a_template_saved_by_word_leaves_none_of_its_identifiers_in_the_copies(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    """A district may restyle the minutes in Word (docs/minutes.md): what Word adds to the
    template stays out of every copy."""
    template = _word_saved(TEMPLATE, tmp_path / "restyled.docx")
    saved = _parts(template.read_bytes())
    assert "proofState" in saved["word/settings.xml"].decode()
    assert {"docProps/custom.xml", "customXml/item1.xml"} <= set(saved)
    assert b"Springfield" in saved["docProps/app.xml"]
    meeting_id = MeetingId(create_demo(fresh_ws))
    minutes = build_minutes(gather(fresh_ws, meeting_id, audience="parent"), "en")
    data = render(minutes, author="", exported_at=datetime(2026, 11, 29, tzinfo=UTC),
                  template=template)  # fmt: skip
    parts = _parts(data)
    text = "\n".join(d.decode("utf-8") for p, d in parts.items() if p.endswith((".xml", ".rels")))
    assert IDENTIFIERS.findall(text) == []
    assert "Springfield" not in text
    assert parts["docProps/app.xml"] == APP_XML
