"""Writing an export file safely, and naming it.

An export is built in memory, written to a temporary file in the target folder, flushed to disk,
then moved onto the target in one step (`os.replace`): a reader never sees half a file, and if
anything fails the old file is still there, unchanged. An export never replaces a database (the
workspace, its companion files, or any other SQLite file), whatever name it is given.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from facilitator import files
from facilitator.minutes.sanitise import xml_text

NAME_LIMIT = 150  # characters: well inside every common file system's limit, path included
_PUNCTUATION = frozenset(" -_.,()'&+")
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def write_atomically(out: Path, data: bytes) -> Path:
    """Put `data` at `out`, all or nothing; a file replaced keeps its mode (see
    `facilitator.files.write_atomically` for what is refused, each in one line)."""
    return files.write_atomically(out, data, private=False)


def safe_file_name(text: str, *, limit: int = NAME_LIMIT) -> str:
    """A file name any common system accepts, from text a person typed: letters, digits, spaces
    and a few punctuation marks are kept, anything else becomes a space; a suffix such as
    ".docx" is kept when the name must be shortened. Never empty, never hidden, never reserved."""
    text = unicodedata.normalize("NFC", xml_text(text))
    kept = "".join(c if c.isalnum() or c in _PUNCTUATION else " " for c in text)
    name = re.sub(r"\s+", " ", kept).strip(" .")
    found = _SUFFIX.search(name)
    suffix = found.group(0) if found else ""
    stem = name[: len(name) - len(suffix)].rstrip(" .")
    stem = stem[: max(1, limit - len(suffix))].rstrip(" .") or "minutes"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem + suffix
