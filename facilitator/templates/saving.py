"""Write agenda templates as TOML, and save them among the user's templates.

The writer is hand-made for exactly this format, so that what it writes reads back as the same
template: `parse_template(template_to_toml(t), path=t.path) == t` for every valid template whose
name is the stem of its path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import string
import tempfile
import unicodedata
from pathlib import Path

from facilitator.errors import FacilitatorError
from facilitator.templates.check import TemplateError, check_text
from facilitator.templates.loading import TEMPLATE_SUFFIX, user_templates_folder
from facilitator.templates.model import AgendaTemplate

MAX_STEM_LENGTH = 64
_STEM_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-_")
_WINDOWS_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in range(1, 10)]
    + [f"LPT{n}" for n in range(1, 10)]
)
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_HEADER = "# Facilitator agenda template. The format is described in docs/templates.md."


class TemplateExistsError(FacilitatorError, FileExistsError):
    """A user template with that file name exists and overwriting was not asked for."""

    def __str__(self) -> str:
        return f"{self.strerror}: {self.filename}"


def template_to_toml(template: AgendaTemplate) -> str:
    """The template as TOML text, every key written, in the order docs/templates.md lists them.

    Lone surrogates, which TOML cannot hold, are written as U+FFFD; every other character
    survives the round trip.
    """
    lines = [
        _HEADER,
        "",
        f"kind = {_string(template.kind.value)}",
        f"title = {_string(template.title, multiline=True)}",
        f"purpose = {_string(template.purpose, multiline=True)}",
        f"makes_decisions = {_boolean(template.makes_decisions)}",
        f"team_only = {_boolean(template.team_only)}",
        *_array("desired_outcomes", template.desired_outcomes),
        *_array("ground_rules", template.ground_rules),
        *_array("suggested_roles", template.suggested_roles),
        f"notes = {_string(template.notes, multiline=True)}",
    ]
    for item in template.items:
        lines += [
            "",
            "[[items]]",
            f"title = {_string(item.title, multiline=True)}",
            f"minutes = {item.minutes}",
            *_array("prompts", item.prompts),
            *_array("sub_items", item.sub_items),
            *([f"team_only = {_boolean(True)}"] if item.team_only else []),
        ]
    return "\n".join(lines) + "\n"


def save_user_template(
    template: AgendaTemplate,
    folder: str | os.PathLike[str] | None = None,
    *,
    overwrite: bool = False,
) -> Path:
    """Save `template` in the user's template folder and return the file written.

    The file is named from `template.name` by `safe_file_stem`, so the saved template's name
    may differ from the one given. The write is atomic (a temporary file, then a rename), so a
    crash leaves either the old file or the new one. Raises TemplateError if the template would
    not pass the check, TemplateExistsError if the file exists and `overwrite` is false, and
    OSError if the folder cannot be written.
    """
    where = user_templates_folder(folder)
    path = where / (safe_file_stem(template.name) + TEMPLATE_SUFFIX)
    text = template_to_toml(template)
    problems = check_text(text, path)
    if problems:
        raise TemplateError(problems)
    if not overwrite and path.exists():
        raise _exists(path)
    where.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, text.encode("utf-8"), overwrite=overwrite)
    return path


def safe_file_stem(name: str) -> str:
    """A file stem for `name` made only of ASCII letters, digits, '-' and '_'.

    Accents are dropped ("Diálogo" gives "Dialogo"), any other character becomes '_', and the
    result is never empty, never longer than 64 characters, never a Windows device name.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    stem = "".join(char if char in _STEM_CHARACTERS else "_" for char in kept)
    # A leading '-' would read as an option on a command line.
    stem = re.sub(r"_{2,}", "_", stem).strip("-_")[:MAX_STEM_LENGTH].rstrip("-_")
    if not stem:
        return "template"
    if stem.upper() in _WINDOWS_DEVICE_NAMES:
        return stem + "_template"
    return stem


def _exists(path: Path) -> TemplateExistsError:
    return TemplateExistsError(
        errno.EEXIST, f"a user template called {path.stem!r} exists already", str(path)
    )


def _write_atomically(path: Path, data: bytes, *, overwrite: bool) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file owner-only; a template is not secret and may sit in a shared
        # folder, so it gets the mode of the file it replaces, else the usual one.
        os.chmod(temporary, _mode_of(path) if overwrite else 0o644)
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_without_overwriting(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    _sync_folder(path.parent)


def _mode_of(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o644


def _link_without_overwriting(temporary: str, path: Path) -> None:
    # A hard link fails if the target exists, so a file created since the check is never lost.
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # file systems without hard links (FAT, some network shares)
        if path.exists():
            raise _exists(path) from None
        os.replace(temporary, path)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder itself is flushed (POSIX; Windows cannot).
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def _array(key: str, values: tuple[str, ...]) -> list[str]:
    if not values:
        return [f"{key} = []"]
    return [f"{key} = [", *(f"    {_string(value)}," for value in values), "]"]


def _string(text: str, *, multiline: bool = False) -> str:
    """A TOML basic string; with `multiline`, text with line breaks keeps them visible."""
    if multiline and "\n" in text:
        # The newline right after the opening quotes is dropped by TOML readers; since every '"'
        # in the text is escaped, the closing quotes cannot be confused with the text.
        return '"""\n' + _escape(text, keep_newlines=True) + '"""'
    return '"' + _escape(text, keep_newlines=False) + '"'


def _escape(text: str, *, keep_newlines: bool) -> str:
    out: list[str] = []
    for char in text:
        if char == "\n" and keep_newlines:
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        elif "\ud800" <= char <= "\udfff":
            out.append("\\uFFFD")
        elif ord(char) <= 0xFFFF:
            # Not needed by TOML for most of these, but invisible characters are better seen.
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    return "".join(out)
