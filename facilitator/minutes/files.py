"""Writing an export file safely, and naming it.

An export is built in memory, written to a temporary file in the target folder, flushed to disk,
then moved onto the target in one step (`os.replace`): a reader never sees half a file, and if
anything fails the old file is still there, unchanged. An export never replaces a database (the
workspace, its companion files, or any other SQLite file), whatever name it is given.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path

from facilitator.errors import FacilitatorError
from facilitator.files import refuse_database_target
from facilitator.minutes.sanitise import xml_text

NAME_LIMIT = 150  # characters: well inside every common file system's limit, path included
_PUNCTUATION = frozenset(" -_.,()'&+")
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def write_atomically(out: Path, data: bytes) -> Path:
    """Put `data` at `out`, all or nothing. Raises `FacilitatorError` with one clear line when
    the target is a folder, a database (see `refuse_database_target`), read-only, locked by
    another program, or its folder is missing."""
    out = Path(out)
    folder = out.parent
    if out.is_dir():
        raise FacilitatorError(f"cannot write {out}: it is a folder")
    refuse_database_target(out)
    if not folder.is_dir():
        raise FacilitatorError(f"cannot write {out}: the folder {folder} does not exist")
    old_mode = _mode(out)
    if old_mode is not None and not (old_mode & stat.S_IWUSR and os.access(out, os.W_OK)):
        raise FacilitatorError(f"cannot write {out}: the file is read-only")
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=".~", suffix=".tmp")
    except OSError as error:
        raise FacilitatorError(f"cannot write {out}: {_reason(error)}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if old_mode is not None:
            os.chmod(temp, stat.S_IMODE(old_mode))
        os.replace(temp, out)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise FacilitatorError(f"cannot write {out}: {_reason(error)}") from None
    return out


def _mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        raise FacilitatorError(f"cannot write {path}: {_reason(error)}") from None


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    if isinstance(error, PermissionError):
        return "permission denied (the file may be open in another program, or read-only)"
    return error.strerror or str(error)


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
