"""Reading an exported .docx back, the way a person (or a leak check) would: text in reading
order, tables as rows of cell text, and every XML part of the package."""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from facilitator.model import MeetingId
from facilitator.store import Workspace

Block = tuple[str, str | list[list[str]]]


@dataclass
class Reading:
    doc: Any
    blocks: list[Block]
    parts: dict[str, str]

    def paragraphs(self, style: str | None = None) -> list[str]:
        return [str(t) for s, t in self.blocks if s != "table" and (style is None or s == style)]

    def section(self, heading: str) -> list[Block]:
        """The blocks under a Heading 1, up to the next one."""
        found: list[Block] = []
        inside = False
        for style, content in self.blocks:
            if style == "Heading 1":
                inside = content == heading or str(content).endswith(" " + heading)
                continue
            if inside:
                found.append((style, content))
        assert found or heading in self.paragraphs("Heading 1"), f"no section {heading!r}"
        return found

    def section_paragraphs(self, heading: str, style: str) -> list[str]:
        return [str(text) for name, text in self.section(heading) if name == style]

    def section_text(self, heading: str) -> str:
        return "\n".join(
            "\n".join(" | ".join(row) for row in c) if isinstance(c, list) else c
            for _, c in self.section(heading)
        )

    def table(self, heading: str, index: int = 0) -> list[list[str]]:
        tables = [c for s, c in self.section(heading) if isinstance(c, list)]
        return tables[index]

    def headers(self) -> list[str]:
        return [p for name, p in self.parts.items() if name.startswith("word/header")]

    def footers(self) -> list[str]:
        return [p for name, p in self.parts.items() if name.startswith("word/footer")]


def read_docx(path: Path) -> Reading:
    document = docx.Document(str(path))
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append((item.style.name if item.style else "", item.text))
        elif isinstance(item, Table):
            blocks.append(("table", [[cell.text for cell in row.cells] for row in item.rows]))
    with zipfile.ZipFile(path) as package:
        parts = {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }
    return Reading(document, blocks, parts)


def meeting_of_kind(ws: Workspace, kind: str) -> MeetingId:
    return MeetingId(ws.scalar("SELECT id FROM meetings WHERE kind = ? ORDER BY id", (kind,)))


@contextmanager
def time_zone(name: str) -> Iterator[None]:
    """Run with this computer's time zone set to `name` (Unix only)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()
