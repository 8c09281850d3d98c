"""The minutes as neutral blocks: headings, paragraphs and tables, before any file format.

`content.build_minutes` makes a `Minutes` from the record; `docx_writer.render` turns it into Word.
Text here is exactly what the reader sees (already worded, not yet sanitised for XML).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Audience = Literal["parent", "team"]

ParagraphKind = Literal[
    "body",  # ordinary text
    "notice",  # a statement that must stand out (no decisions, confidential, draft)
    "bullet",  # one item of an unordered list
    "numbered",  # one item of the (single) numbered list
    "option",  # the text of one option considered
    "detail",  # a line under an option (reason, proposed by, concerns it addresses)
    "small",  # how a figure was measured, and similar fine print
]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    team_only: bool = False


@dataclass(frozen=True)
class Paragraph:
    """One paragraph; `label` is a lead-in ("Why not agreed:") shown in the label style."""

    text: str
    kind: ParagraphKind = "body"
    team_only: bool = False
    label: str = ""


@dataclass(frozen=True)
class Row:
    """One table row; a team-only row shows the label in cell `label_at`."""

    cells: tuple[str, ...]
    team_only: bool = False
    label_at: int = 0


@dataclass(frozen=True)
class Table:
    """A table with a header row; `widths` are relative column widths."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[int, ...]
    total: Row | None = None

    def __post_init__(self) -> None:
        if len(self.widths) != len(self.columns):
            raise ValueError("a table needs one width per column")


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Properties:
    """The document properties a reader sees in Word's File > Info."""

    title: str
    subject: str
    status: str
    language: str = "en-US"


@dataclass(frozen=True)
class Minutes:
    """Everything one copy of the minutes shows, in reading order."""

    audience: Audience
    title: str
    subtitle: str
    draft_notice: str
    details: tuple[tuple[str, str], ...]
    blocks: tuple[Block, ...]
    header_marks: tuple[str, ...]
    header_text: str
    header_copy: str
    footer_text: str
    page_of: str  # "Page {page} of {pages}": the writer puts fields where the braces are
    team_only_label: str
    properties: Properties
    confidential: bool = False
    draft: bool = False

    @property
    def has_team_only(self) -> bool:
        return any(
            any(r.team_only for r in block.rows) if isinstance(block, Table) else block.team_only
            for block in self.blocks
        )
