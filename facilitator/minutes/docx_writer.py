"""Render `Minutes` as a Word document from the shipped styles template (named styles only).

Body paragraphs and tables are built as WordprocessingML elements, one row at a time: the
python-docx proxies (`table.cell(i, j)`, `add_paragraph` looking styles up by name) cost far more
than the XML they make. python-docx still owns the package: template, parts, headers, footers and
document properties. Every piece of text passes through `sanitise` on its way in.

Every table row is kept whole on one page, and a table's header row repeats on every page it
spans. The package says about itself only what the app means it to (`SETTINGS_XML`, `APP_XML`),
whatever the template holds: no document id, no revision-session ids, no proofing state.
"""

from __future__ import annotations

import importlib
import io
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from facilitator.minutes.document import Heading, Minutes, Paragraph, Row, Table
from facilitator.minutes.sanitise import lines, one_line

# lxml ships no type stubs; python-docx is built on it, so it is always there.
etree: Any = importlib.import_module("lxml.etree")
Element = Any  # an lxml element

TEMPLATE = Path(__file__).with_name("styles.docx")
TEXT_WIDTH = 9360  # twips between the margins of a US Letter page with 1-inch margins
PROPERTY_LIMIT = 255  # characters python-docx (and Word) allow in a core property
HEADER_LIMIT = 200  # characters of any one piece of a page header or footer, whatever it holds
DETAIL_LABEL_FIT = 14  # characters of a bold label that fit before the title block's tab stop

_STYLES = {
    "body": "Minutes Body",
    "notice": "Minutes Notice",
    "bullet": "Minutes Bullet",
    "numbered": "Minutes Numbered",
    "option": "Minutes Option",
    "detail": "Minutes Option Detail",
    "small": "Minutes Small",
    "title": "Minutes Title",
    "subtitle": "Minutes Subtitle",
    "draft": "Minutes Draft",
    "detail_line": "Minutes Detail",
    "detail_last": "Minutes Detail Last",
    "detail_wide_line": "Minutes Detail Wide",
    "detail_wide_last": "Minutes Detail Wide Last",
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "cell": "Minutes Table Text",
    "cell_heading": "Minutes Table Heading",
    "header": "Minutes Header",
    "footer": "Minutes Footer",
    "label": "Minutes Label",
    "team_only": "Team Only",
    "mark": "Minutes Header Mark",
    "table": "Minutes Table",
}

W_P, W_PPR, W_PSTYLE, W_R, W_RPR, W_RSTYLE = (
    qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr", "w:rStyle")
)
W_T, W_TAB, W_BR, W_VAL, W_W, W_TYPE = (
    qn(t) for t in ("w:t", "w:tab", "w:br", "w:val", "w:w", "w:type")
)
W_TBL, W_TR, W_TRPR, W_TC, W_TCPR, W_TCW = (
    qn(t) for t in ("w:tbl", "w:tr", "w:trPr", "w:tc", "w:tcPr", "w:tcW")
)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_FIELD = re.compile(r"\{(page|pages)\}")

# Word's settings for every copy, in place of whatever the template's settings part holds. Left
# out on purpose: a document id (w14:docId, w15:docId) and revision-session ids (w:rsids), the
# same in every copy made from one template, which would link the copies to each other and to
# it; a proofing state ("spelling clean"), which tells Word the spelling was checked when it was
# not; and requests for a preview picture. The compatibility settings keep the layout the
# styles were made for.
SETTINGS_XML = f"""<w:settings {nsdecls("w")}>
  <w:zoom w:percent="100"/>
  <w:defaultTabStop w:val="720"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:compat><w:useFELayout/>
    <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"
      w:val="14"/>
    <w:compatSetting w:name="overrideTableStyleFontSizeAndJustification"
      w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>
    <w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word"
      w:val="1"/>
    <w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word"
      w:val="1"/>
  </w:compat>
  <w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1"
    w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5"
    w:accent6="accent6" w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/>
  <w:decimalSymbol w:val="."/>
  <w:listSeparator w:val=","/>
</w:settings>"""
# The extended properties (docProps/app.xml): the application's name and nothing else of note
# (no template name, company, editing time or version of whatever saved the template).
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>Facilitator</Application><DocSecurity>0</DocSecurity></Properties>"
)
# Parts a template saved by Word may carry that no copy should: custom properties and custom XML
# (which can hold anything, names included) and a thumbnail of the template's first page.
_DROPPED_PARTS = (RT.CUSTOM_PROPERTIES, RT.CUSTOM_XML, RT.THUMBNAIL)


def render(
    minutes: Minutes, *, author: str, exported_at: datetime, template: Path = TEMPLATE
) -> bytes:
    """The .docx file's bytes. `author` may be empty; `exported_at` is when the copy was made."""
    doc = Document(str(template))
    own_package(doc)
    writer = _Writer(doc, minutes)
    body = doc.element.body
    end = body.find(qn("w:sectPr"))
    for element in writer.body():
        end.addprevious(element)
    writer.header_and_footer()
    writer.properties(author=author, exported_at=exported_at)
    writer.language()
    if not minutes.has_team_only:  # a parent copy keeps not even the style's name, "Team Only"
        _drop_style(doc, _STYLES["team_only"])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


class _Writer:
    def __init__(self, doc: Any, minutes: Minutes) -> None:
        self.doc = doc
        self.minutes = minutes
        by_name = {s.name: s.style_id for s in doc.styles}
        missing = [name for name in _STYLES.values() if name not in by_name]
        if missing:
            raise ValueError(f"the styles template lacks {', '.join(missing)}")
        self.ids = {key: by_name[name] for key, name in _STYLES.items()}
        self.team_label = one_line(minutes.team_only_label)

    # -- body ------------------------------------------------------------------------------------

    def body(self) -> list[Element]:
        m, out = self.minutes, []
        out.append(self.paragraph("title", m.title))
        out.append(self.paragraph("subtitle", m.subtitle))
        if m.draft_notice:
            out.append(self.paragraph("draft", m.draft_notice))
        wide = any(len(label) > DETAIL_LABEL_FIT for label, _ in m.details)
        for index, (label, value) in enumerate(m.details):
            last = index == len(m.details) - 1
            style = ("detail_wide" if wide else "detail") + ("_last" if last else "_line")
            out.append(self.paragraph(style, "\t" + value, label=label, label_gap=""))
        for block in m.blocks:
            if isinstance(block, Table):
                if out and out[-1].tag == W_TBL:
                    out.append(self.paragraph("body", ""))  # else the two tables merge into one
                out.append(self.table(block))
            elif isinstance(block, Heading):
                style = "heading1" if block.level <= 1 else "heading2"
                out.append(self.paragraph(style, block.text, team_only=block.team_only))
            else:
                out.append(self.block_paragraph(block))
        if out and out[-1].tag == W_TBL:
            out.append(self.paragraph("body", ""))  # Word wants a paragraph after a final table
        return out

    def block_paragraph(self, block: Paragraph) -> Element:
        return self.paragraph(block.kind, block.text, team_only=block.team_only, label=block.label)

    def paragraph(
        self,
        style: str,
        text: str,
        *,
        team_only: bool = False,
        label: str = "",
        label_gap: str = " ",
    ) -> Element:
        p = etree.Element(W_P)
        etree.SubElement(etree.SubElement(p, W_PPR), W_PSTYLE, {W_VAL: self.ids[style]})
        self._content(p, text, team_only=team_only, label=label, label_gap=label_gap)
        return p

    def _content(
        self,
        p: Element,
        text: str,
        *,
        team_only: bool,
        label: str = "",
        label_gap: str = " ",
    ) -> None:
        if team_only:
            self._run(p, self.team_label, "team_only")
            self._run(p, " ")
        if label:
            self._run(p, one_line(label), "label")
            if label_gap:
                self._run(p, label_gap)
        self._run(p, text, sanitised=False)

    def _run(self, p: Element, text: str, style: str = "", *, sanitised: bool = True) -> None:
        """One run; tabs and line breaks in `text` become w:tab and w:br."""
        r = etree.SubElement(p, W_R)
        if style:
            etree.SubElement(etree.SubElement(r, W_RPR), W_RSTYLE, {W_VAL: self.ids[style]})
        for index, line in enumerate([text] if sanitised else lines(text)):
            if index:
                etree.SubElement(r, W_BR)
            for part_index, part in enumerate(line.split("\t")):
                if part_index:
                    etree.SubElement(r, W_TAB)
                if part:
                    t = etree.SubElement(r, W_T)
                    t.text = part
                    t.set(XML_SPACE, "preserve")

    def table(self, table: Table) -> Element:
        total = sum(table.widths) or 1
        widths = [str(TEXT_WIDTH * w // total) for w in table.widths]
        tbl = etree.Element(W_TBL)
        tbl_pr = etree.SubElement(tbl, qn("w:tblPr"))
        etree.SubElement(tbl_pr, qn("w:tblStyle"), {W_VAL: self.ids["table"]})
        etree.SubElement(tbl_pr, qn("w:tblW"), {W_W: str(TEXT_WIDTH), W_TYPE: "dxa"})
        etree.SubElement(tbl_pr, qn("w:tblLayout"), {W_TYPE: "fixed"})
        look = {"firstRow": "1", "lastRow": "1" if table.total else "0", "firstColumn": "0"}
        look |= {"lastColumn": "0", "noHBand": "1", "noVBand": "1"}
        etree.SubElement(tbl_pr, qn("w:tblLook"), {qn(f"w:{k}"): v for k, v in look.items()})
        grid = etree.SubElement(tbl, qn("w:tblGrid"))
        for width in widths:
            etree.SubElement(grid, qn("w:gridCol"), {W_W: width})
        self._row(tbl, Row(table.columns), widths, heading=True)
        for row in table.rows:
            self._row(tbl, row, widths)
        if table.total is not None:
            self._row(tbl, table.total, widths, heading=True, repeat=False)
        return tbl

    def _row(
        self,
        tbl: Element,
        row: Row,
        widths: list[str],
        *,
        heading: bool = False,
        repeat: bool = True,
    ) -> None:
        tr = etree.SubElement(tbl, W_TR)
        tr_pr = etree.SubElement(tr, W_TRPR)
        # A row split across two pages (a basis, an action and its owner) is easy to misread.
        etree.SubElement(tr_pr, qn("w:cantSplit"))
        if heading and repeat:
            etree.SubElement(tr_pr, qn("w:tblHeader"))
        style = self.ids["cell_heading" if heading else "cell"]
        cells = (*row.cells, *[""] * (len(widths) - len(row.cells)))[: len(widths)]
        for index, (text, width) in enumerate(zip(cells, widths, strict=True)):
            tc = etree.SubElement(tr, W_TC)
            etree.SubElement(etree.SubElement(tc, W_TCPR), W_TCW, {W_W: width, W_TYPE: "dxa"})
            p = etree.SubElement(tc, W_P)
            etree.SubElement(etree.SubElement(p, W_PPR), W_PSTYLE, {W_VAL: style})
            self._content(p, text, team_only=row.team_only and index == row.label_at)

    # -- package, header, footer, properties -------------------------------------------------------

    def header_and_footer(self) -> None:
        m = self.minutes
        section = self.doc.sections[0]
        header = section.header.part.element
        footer = section.footer.part.element
        for part in (header, footer):
            for child in list(part):
                part.remove(child)
        if m.header_marks:
            p = etree.SubElement(header, W_P)
            etree.SubElement(etree.SubElement(p, W_PPR), W_PSTYLE, {W_VAL: self.ids["header"]})
            for index, mark in enumerate(m.header_marks):
                if index:
                    self._run(p, "   ·   ", "mark")
                self._run(p, one_line(mark, limit=HEADER_LIMIT), "mark")
        header_text, header_copy, footer_text, page_of = (
            one_line(text, limit=HEADER_LIMIT)
            for text in (m.header_text, m.header_copy, m.footer_text, m.page_of)
        )
        header.append(self.paragraph("header", header_text + "\t" + header_copy))
        p = self.paragraph("footer", footer_text + "\t")
        for index, piece in enumerate(_FIELD.split(page_of)):
            if index % 2:
                self._field(p, "PAGE" if piece == "page" else "NUMPAGES")
            elif piece:
                self._run(p, piece)
        footer.append(p)

    def _field(self, p: Element, instruction: str) -> None:
        """A field Word and LibreOffice compute when they lay out the page (PAGE, NUMPAGES)."""
        char = qn("w:fldChar")
        etree.SubElement(etree.SubElement(p, W_R), char, {qn("w:fldCharType"): "begin"})
        code = etree.SubElement(etree.SubElement(p, W_R), qn("w:instrText"))
        code.text = f" {instruction} "
        code.set(XML_SPACE, "preserve")
        etree.SubElement(etree.SubElement(p, W_R), char, {qn("w:fldCharType"): "separate"})
        self._run(p, "1")
        etree.SubElement(etree.SubElement(p, W_R), char, {qn("w:fldCharType"): "end"})

    def properties(self, *, author: str, exported_at: datetime) -> None:
        """Set every core property explicitly: nothing from the library or the computer."""
        m = self.minutes
        props = self.doc.core_properties
        props.author = props.last_modified_by = one_line(author, limit=PROPERTY_LIMIT)
        # python-docx writes the time as UTC without converting it, so convert here.
        utc = exported_at.astimezone(UTC).replace(tzinfo=None, microsecond=0)
        props.created = props.modified = utc
        props.title = one_line(m.properties.title, limit=PROPERTY_LIMIT)
        props.subject = one_line(m.properties.subject, limit=PROPERTY_LIMIT)
        props.content_status = one_line(m.properties.status, limit=PROPERTY_LIMIT)
        props.language = m.properties.language
        for name in ("comments", "keywords", "category", "identifier", "version"):
            setattr(props, name, "")
        props.revision = 1

    def language(self) -> None:
        """Name the copy's language where Word looks for it when it checks spelling or reads the
        text aloud: the styles' defaults (the template says en-US)."""
        for lang in self.doc.styles.element.iter(qn("w:lang")):
            lang.set(W_VAL, self.minutes.properties.language)


def own_package(doc: Any) -> None:
    """Make `doc` say about itself only what the app means it to: the app's settings and app.xml
    in place of the template's, no custom properties, custom XML or thumbnail, and no
    revision-session ids in what a copy keeps of the template (section properties, styles,
    numbering)."""
    settings = doc.settings.element
    for child in list(settings):
        settings.remove(child)
    settings.extend(list(parse_xml(SETTINGS_XML)))
    for part in (doc.part, doc.part.package):
        for rid, rel in list(part.rels.items()):
            if rel.reltype in _DROPPED_PARTS:
                del part.rels[rid]
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = APP_XML
    for root in (doc.element.body, doc.styles.element, doc.part.numbering_part.element):
        _forget_revision_ids(root)


def _drop_style(doc: Any, name: str) -> None:
    """Remove the style called `name` from the copy's styles part (used by nothing in it)."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        named = style.find(qn("w:name"))
        if named is not None and named.get(W_VAL) == name:
            styles.remove(style)


def _forget_revision_ids(root: Element) -> None:
    """Remove Word's revision-session ids (w:rsid* attributes and w:rsid elements) under `root`:
    they are the same in every copy made from one template."""
    for element in list(root.iter(etree.Element)):
        for name in [n for n in element.attrib if etree.QName(n).localname.startswith("rsid")]:
            del element.attrib[name]
        if element.tag == qn("w:rsid"):
            element.getparent().remove(element)
