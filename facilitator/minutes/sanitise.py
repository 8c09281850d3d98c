"""Text a person typed, made safe for an XML part (and for a CSV cell or a file name).

XML 1.0 cannot hold most C0 control characters, lone surrogates or U+FFFE/U+FFFF; lxml refuses
them, and a half-written .docx is worse than a changed character. Tabs and newlines are kept:
the writer renders them as tabs and line breaks.

The bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) go
too: typed or pasted into a title or a name, one reverses or re-orders everything after it up to
the end of the paragraph, the app's own words included (a page header's date, "Parent copy").
The marks U+200E and U+200F stay: like any left-to-right or right-to-left letter, they only
steer the characters next to them.
"""

from __future__ import annotations

import re

# C0 controls other than tab and newline, DEL, the two non-characters XML forbids, and the
# bidirectional embeddings, overrides and isolates.
_DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


def xml_text(text: str) -> str:
    """`text` with newlines normalised to \\n, lone surrogates as U+FFFD, and other characters
    XML cannot hold and bidirectional controls removed. Surrogate pairs (as a bad decoder leaves
    them) become the character they encode."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _DROPPED.sub("", text)


def one_line(text: str, *, limit: int | None = None) -> str:
    """XML-safe text on one line (runs of whitespace become one space), cut to `limit` characters
    with an ellipsis: for document properties, headers and table cells that must stay short."""
    line = _SPACES.sub(" ", xml_text(text)).strip()
    if limit is not None and len(line) > limit:
        line = line[: max(0, limit - 1)].rstrip() + "…"
    return line


def lines(text: str) -> list[str]:
    """XML-safe text split at its line breaks (always at least one, possibly empty, line)."""
    return xml_text(text).split("\n")


def shorten(text: str, limit: int) -> str:
    """`one_line(text)` cut to at most `limit` characters at a word boundary, with an ellipsis
    (mid-word only when a single word is longer than half the limit): for a title repeated in
    every page header, which must not grow with the title."""
    line = one_line(text)
    if len(line) <= limit:
        return line
    head = line[:limit]
    at = head.rfind(" ")
    cut = head[:at] if at > limit // 2 else head[: limit - 1]
    return cut.rstrip(" ,;:·-–—") + "…"
