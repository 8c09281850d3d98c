"""Build `styles.docx`, the styles template the minutes are written from.

Run once when the look of the minutes changes, and commit the result:

    python -m facilitator.minutes.make_styles

It starts from python-docx's default template, keeps only the styles the minutes use, defines
the "Minutes ..." styles, replaces the bullet and numbering definitions with plain ones, and
removes what a shared document should not carry (custom XML, a thumbnail, the library's name,
the default template's document id, revision-session ids and proofing state). The writer does
the same again for every copy (`docx_writer.SETTINGS_XML`), whatever template it is given.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor, Twips

from facilitator.minutes.docx_writer import own_package

TEMPLATE = Path(__file__).with_name("styles.docx")
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
FONT = "Calibri"  # LibreOffice shows the metric-compatible Carlito where Calibri is missing
INK, MUTED, ACCENT, ACCENT_2 = "1F1F1F", "595959", "1F3864", "2E5496"
DETAIL_WIDE = 3200  # twips: "Facilitador/a / Facilitator" in bold
KEEP = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Heading1", "Heading2"}
KEEP |= {"Header", "Footer"}

# Plain bullets and numbers: the default template's bullets are a Symbol-font private-use
# character, which shows as a box where that font is missing.
NUMBERING = f"""<w:numbering {nsdecls("w")}>
  <w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="270"/></w:pPr>
      <w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/></w:rPr></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def build(path: Path = TEMPLATE) -> Path:
    doc = Document()
    _strip_package(doc)
    styles = doc.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:styleId")) not in KEEP:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for link in styles.iter(qn("w:link")):
        link.getparent().remove(link)
    _defaults(styles)
    _paragraph_styles(doc)
    _character_styles(doc)
    _table_style(doc)
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(12240), Twips(15840)  # US Letter
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Twips(1440))
    section.header_distance = section.footer_distance = Twips(720)
    props = doc.core_properties
    for name in ("title", "subject", "author", "keywords", "comments", "category"):
        setattr(props, name, "")
    props.last_modified_by = ""
    props.revision = 1
    props.created = props.modified = datetime(2026, 1, 1)
    own_package(doc)
    doc.save(str(path))
    return path


def _strip_package(doc: Any) -> None:
    """Drop the old styles-with-effects copy (the rest goes in `own_package`); give Calibri a
    sans-serif family."""
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            del part.rels[rid]
    # A reader without the font gets a sans-serif one rather than the system's serif default.
    fonts = part.part_related_by(RT.FONT_TABLE)
    fonts._blob = re.sub(
        rb'(<w:font w:name="Calibri">.*?<w:family w:val=")auto(")',
        rb"\1swiss\2",
        fonts.blob,
        flags=re.S,
    )


def _defaults(styles: Any) -> None:
    defaults = styles.find(qn("w:docDefaults"))
    styles.remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"'
            ' w:eastAsiaTheme="minorEastAsia"/>'
            f'<w:color w:val="{INK}"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
            '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )


def _paragraph(doc: Any, name: str, base: str = "Normal", **options: Any) -> Any:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    _font(style, **options)
    fmt = style.paragraph_format
    for key in ("space_before", "space_after", "left_indent", "first_line_indent"):
        if key in options:
            setattr(fmt, key, options[key])
    fmt.keep_with_next = options.get("keep_with_next")
    return style


def _font(style: Any, **options: Any) -> None:
    """Set size, weight, colour and capitals, for complex scripts (Arabic, Hebrew) too."""
    font = style.font
    if "size" in options:
        font.size = Pt(options["size"])
    if "bold" in options:
        font.bold = options["bold"]
    if "color" in options:
        font.color.rgb = RGBColor.from_string(options["color"])
    if "caps" in options:
        font.all_caps = options["caps"]
    rpr = style.element.get_or_add_rPr()
    for tag, value in (("bCs", options.get("bold")), ("szCs", options.get("size"))):
        for old in rpr.findall(qn(f"w:{tag}")):
            rpr.remove(old)
        if value is not None:
            element = parse_xml(f"<w:{tag} {nsdecls('w')}/>")
            if tag == "szCs":
                element.set(qn("w:val"), str(int(value * 2)))
            elif not value:
                element.set(qn("w:val"), "0")
            rpr.append(element)
    rpr[:] = sorted(rpr, key=lambda e: _RPR_ORDER.index(e.tag.split("}")[1]))


_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "color", "sz", "szCs", "shd",
    "lang",
]  # fmt: skip


def _ppr_xml(style: Any, xml: str) -> None:
    """Add borders or shading (no python-docx API for these) to a style's paragraph properties."""
    ppr = style.element.get_or_add_pPr()
    for child in parse_xml(f"<w:pPr {nsdecls('w')}>{xml}</w:pPr>"):
        ppr.append(child)
    ppr[:] = sorted(ppr, key=lambda e: _PPR_ORDER.index(e.tag.split("}")[1]))


_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "shd",
    "tabs", "spacing", "ind", "contextualSpacing", "jc", "outlineLvl",
]  # fmt: skip


def _paragraph_styles(doc: Any) -> None:
    body = _paragraph(doc, "Minutes Body")
    body.next_paragraph_style = body
    _paragraph(
        doc, "Minutes Title", size=22, bold=True, color=ACCENT, space_after=Pt(2),
        keep_with_next=True,
    )  # fmt: skip
    _paragraph(doc, "Minutes Subtitle", size=13, color=MUTED, space_after=Pt(10))
    draft = _paragraph(doc, "Minutes Draft", size=12, bold=True, space_after=Pt(10))
    _ppr_xml(draft, _box("C00000", 12) + '<w:shd w:val="clear" w:color="auto" w:fill="FFF2CC"/>')
    # The title block's labels and values; "Wide" leaves room for labels in two languages.
    for name, indent in (("Minutes Detail", 1700), ("Minutes Detail Wide", DETAIL_WIDE)):
        detail = _paragraph(
            doc, name, space_after=Pt(2), left_indent=Twips(indent),
            first_line_indent=Twips(-indent),
        )  # fmt: skip
        detail.paragraph_format.tab_stops.add_tab_stop(Twips(indent), WD_TAB_ALIGNMENT.LEFT)
        last = _paragraph(doc, f"{name} Last", name, space_after=Pt(14))
        _ppr_xml(
            last,
            '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="8" w:color="BFBFBF"/></w:pBdr>',
        )
    for name, size, color, before in (
        ("Heading 1", 14, ACCENT, 16),
        ("Heading 2", 12, ACCENT_2, 10),
    ):
        heading = doc.styles[name]
        _font(heading, size=size, bold=True, color=color)
        fonts = heading.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.attrib.clear()
        heading.font.name = FONT
        fmt = heading.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(4)
    notice = _paragraph(doc, "Minutes Notice", space_before=Pt(4), space_after=Pt(8))
    notice.paragraph_format.left_indent = Twips(140)
    _ppr_xml(
        notice,
        f'<w:pBdr><w:left w:val="single" w:sz="24" w:space="6" w:color="{ACCENT_2}"/></w:pBdr>'
        '<w:shd w:val="clear" w:color="auto" w:fill="EEF2F8"/>',
    )
    for name, num_id in (("Minutes Bullet", 1), ("Minutes Numbered", 2)):
        listed = _paragraph(doc, name, space_after=Pt(3))
        _ppr_xml(listed, f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    _paragraph(
        doc, "Minutes Option", bold=True, space_before=Pt(6), space_after=Pt(2), keep_with_next=True
    )
    _paragraph(doc, "Minutes Option Detail", space_after=Pt(2), left_indent=Twips(360))
    _paragraph(doc, "Minutes Small", size=9.5, color=MUTED, space_after=Pt(6))
    cell = _paragraph(doc, "Minutes Table Text", size=10, space_after=Pt(0))
    cell.paragraph_format.line_spacing = 1.0
    _paragraph(
        doc, "Minutes Table Heading", "Minutes Table Text", size=10, bold=True, keep_with_next=True
    )
    for name, base in (("Minutes Header", "Header"), ("Minutes Footer", "Footer")):
        style = _paragraph(doc, name, base, size=9, color=MUTED)
        # The built-in header and footer styles centre at 4680; ours put text left and right.
        style.paragraph_format.tab_stops.add_tab_stop(Twips(4680), WD_TAB_ALIGNMENT.CLEAR)
        style.paragraph_format.tab_stops.add_tab_stop(Twips(9360), WD_TAB_ALIGNMENT.RIGHT)
        style.paragraph_format.space_after = Pt(0)


def _box(color: str, size: int) -> str:
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="{size}" w:space="4" w:color="{color}"/>'
        for side in ("top", "left", "bottom", "right")
    )
    return f"<w:pBdr>{sides}</w:pBdr>"


def _character_styles(doc: Any) -> None:
    label = doc.styles.add_style("Minutes Label", WD_STYLE_TYPE.CHARACTER)
    _font(label, bold=True)
    team = doc.styles.add_style("Team Only", WD_STYLE_TYPE.CHARACTER)
    _font(team, bold=True, color="833C0B")
    team.element.get_or_add_rPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="FBE4D5"/>')
    )
    mark = doc.styles.add_style("Minutes Header Mark", WD_STYLE_TYPE.CHARACTER)
    _font(mark, bold=True, color="C00000", caps=True, size=10)


def _table_style(doc: Any) -> None:
    style = doc.styles.add_style("Minutes Table", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
    borders = "".join(
        border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    for child in parse_xml(
        f"<w:style {nsdecls('w')}>"
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar>"
        '<w:top w:w="45" w:type="dxa"/><w:left w:w="90" w:type="dxa"/>'
        '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="90" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr>'
        '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr>'
        '<w:tblStylePr w:type="lastRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:tcBorders>'
        '<w:top w:val="double" w:sz="4" w:space="0" w:color="7F7F7F"/></w:tcBorders>'
        "</w:tcPr></w:tblStylePr></w:style>"
    ):
        style.element.append(child)


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
