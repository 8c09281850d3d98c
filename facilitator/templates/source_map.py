"""Where keys and `[[items]]` tables start in a template's source, found by a simple scan.

Used only to give problems a line number, so it favours simplicity over covering every corner
of TOML: a key it cannot place gets its table's line, or no line at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BARE_OR_QUOTED_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY_LINE = re.compile(rf"\s*(?P<key>{_BARE_OR_QUOTED_KEY})\s*[.=]")
_KEY_START = re.compile(rf"\s*(?P<key>{_BARE_OR_QUOTED_KEY})")
_HEADER_LINE = re.compile(rf"\s*\[\[?\s*(?P<key>{_BARE_OR_QUOTED_KEY})\s*(?P<rest>[.\]])")


class SourceMap:
    """Where keys and `[[items]]` tables start, found by scanning the source text.

    The text is known to be valid TOML; lines that begin inside a multi-line string are skipped
    so that text which merely looks like a key is not mistaken for one.
    """

    def __init__(self, text: str) -> None:
        self.root: dict[str, int] = {}
        self.item_headers: list[int] = []
        self.item_keys: list[dict[str, int]] = []
        section: dict[str, int] | None = self.root
        for number, line in _lines_outside_multiline_strings(text):
            header = _HEADER_LINE.match(line)
            if header:
                key = _unquote(header["key"])
                if key == "items" and line.lstrip().startswith("[[") and header["rest"] == "]":
                    self.item_headers.append(number)
                    section = {}
                    self.item_keys.append(section)
                elif key == "items" and self.item_keys:
                    section = None  # a sub-table of the current item, e.g. [items.extra]
                    sub = _KEY_START.match(line, header.end())
                    if sub:
                        self.item_keys[-1].setdefault(_unquote(sub["key"]), number)
                else:
                    self.root.setdefault(key, number)
                    section = None
                continue
            match = _KEY_LINE.match(line)
            if match and section is not None:
                section.setdefault(_unquote(match["key"]), number)

    def root_line(self, key: str) -> int | None:
        return self.root.get(key)

    def item_line(self, index: int, key: str | None) -> int | None:
        if index >= len(self.item_headers):
            return self.root.get("items")  # items written inline: `items = [{...}, ...]`
        if key is not None and key in self.item_keys[index]:
            return self.item_keys[index][key]
        return self.item_headers[index]


def _unquote(key: str) -> str:
    return key[1:-1] if key[:1] in "\"'" and len(key) >= 2 else key


def _lines_outside_multiline_strings(text: str) -> Iterator[tuple[int, str]]:
    """Each line that starts outside a multi-line string, numbered as tomllib numbers them."""
    inside: str | None = None  # the closing delimiter of the open multi-line string
    for number, line in enumerate(text.split("\n"), start=1):
        if inside is None:
            yield number, line
        if inside is None and '"' not in line and "'" not in line:
            continue
        inside = _state_after_line(line, inside)


def _state_after_line(line: str, inside: str | None) -> str | None:
    position, end = 0, len(line)
    while position < end:
        if inside is not None:
            if inside == '"""' and line[position] == "\\":
                position += 2
            elif line.startswith(inside, position):
                position += 3
                inside = None
            else:
                position += 1
            continue
        char = line[position]
        if char == "#":
            break
        if line.startswith('"""', position) or line.startswith("'''", position):
            inside = line[position : position + 3]
            position += 3
        elif char == '"':
            position += 1
            while position < end and line[position] != '"':
                position += 2 if line[position] == "\\" else 1
            position += 1
        elif char == "'":
            closing = line.find("'", position + 1)
            position = end if closing < 0 else closing + 1
        else:
            position += 1
    return inside
