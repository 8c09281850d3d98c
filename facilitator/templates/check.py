"""Check agenda template files and turn them into `AgendaTemplate`s.

Checking reports every problem it can find, each with the line it is on where one can be found,
and never raises: a missing, unreadable, binary, huge or malformed file is a problem like any
other. A TOML syntax error is the exception to "every": nothing after it can be read, so it is
reported alone.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from facilitator.errors import FacilitatorError
from facilitator.model import MeetingKind
from facilitator.templates.model import MAX_ITEM_MINUTES, AgendaTemplate, TemplateItem
from facilitator.templates.source_map import SourceMap

MAX_FILE_BYTES = 1_000_000

TOP_LEVEL_KEYS = (
    "kind",
    "title",
    "purpose",
    "makes_decisions",
    "team_only",
    "desired_outcomes",
    "ground_rules",
    "suggested_roles",
    "notes",
    "items",
)
REQUIRED_TOP_LEVEL_KEYS = ("kind", "title", "purpose", "makes_decisions", "items")
ITEM_KEYS = ("title", "minutes", "prompts", "sub_items", "team_only")
REQUIRED_ITEM_KEYS = ("title", "minutes")
KINDS = tuple(kind.value for kind in MeetingKind)
BUG_MESSAGE = "could not be checked (a bug in Facilitator)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a template file; `str()` gives `PATH:LINE: message`."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one file: `template` is set exactly when `problems` is empty."""

    template: AgendaTemplate | None
    problems: tuple[Problem, ...]


class TemplateError(FacilitatorError):
    """A template file that cannot be used; `problems` lists everything wrong with it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = str(self.problems[0]) if self.problems else "invalid agenda template"
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(first + suffix)


def check_file(path: Path) -> list[Problem]:
    """Every problem in the template file at `path`; an empty list means it is good."""
    return list(read_template(path).problems)


def check_text(text: str, path: Path) -> list[Problem]:
    """Every problem in template source `text`, reported against `path`."""
    return list(validate_text(text, path).problems)


def read_template(path: Path) -> CheckResult:
    """Read and check one file, refusing anything that is not a regular file of at most 1 MB."""
    try:
        data = _read_at_most(path, MAX_FILE_BYTES)
    except _UnreadableFile as error:
        return _failed(Problem(path, None, str(error)))
    return validate_bytes(data, path)


def validate_bytes(data: bytes, path: Path) -> CheckResult:
    """Check raw file content: it must be UTF-8 text (a leading byte-order mark is tolerated)."""
    if len(data) > MAX_FILE_BYTES:
        return _failed(Problem(path, None, _too_large(len(data))))
    if b"\x00" in data:
        return _failed(Problem(path, None, "is a binary file, not a TOML agenda template"))
    # Windows editors like to start UTF-8 files with a byte-order mark; TOML does not allow one.
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start]
        message = f"is not UTF-8 text (byte 0x{bad:02x}); save the file as UTF-8"
        return _failed(Problem(path, line, message))
    return validate_text(text, path)


def validate_text(text: str, path: Path) -> CheckResult:
    """Parse and check template source; the template's name is the stem of `path`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, message = _syntax_error_position(str(error), text)
        return _failed(Problem(path, line, f"invalid TOML: {message}"))
    except RecursionError:
        return _failed(Problem(path, None, "invalid TOML: values are nested too deeply"))
    except Exception as error:  # tomllib lets a few errors through, e.g. a 5,000-digit number
        return _failed(Problem(path, None, f"invalid TOML: {_shorten(_one_line(str(error)), 120)}"))
    validator = _Validator(path, text)
    try:
        template = validator.template(data)
    except Exception as error:  # a bug here must not cost the caller its other templates
        return _failed(Problem(path, None, f"{BUG_MESSAGE}: {_one_line(repr(error))}"))
    problems = tuple(sorted(validator.problems, key=lambda problem: problem.line or 0))
    return CheckResult(template if not problems else None, problems)


class _UnreadableFile(Exception):
    pass


def _failed(problem: Problem) -> CheckResult:
    return CheckResult(None, (problem,))


def _too_large(size: int) -> str:
    return f"is too large ({size:,} bytes); an agenda template may be at most 1 MB"


def _read_at_most(path: Path, limit: int) -> bytes:
    try:
        # stat first: reading a folder, a FIFO or a device could fail oddly or block forever.
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise _UnreadableFile("is a folder, not a template file")
        if not stat.S_ISREG(status.st_mode):
            raise _UnreadableFile("is not a regular file")
        if status.st_size > limit:
            raise _UnreadableFile(_too_large(status.st_size))
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise _UnreadableFile("no such file") from None
    except PermissionError:
        raise _UnreadableFile("cannot be read: permission denied") from None
    except IsADirectoryError:
        raise _UnreadableFile("is a folder, not a template file") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL character in the path
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise _UnreadableFile(f"cannot be read: {reason}") from None
    if len(data) > limit:
        raise _UnreadableFile(_too_large(len(data)))
    return data


_POSITION = re.compile(r"^(?P<message>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.S)


def _syntax_error_position(error: str, text: str) -> tuple[int | None, str]:
    """Split tomllib's message into its line and a message that names the column."""
    match = _POSITION.match(error)
    if match:
        return int(match["line"]), f"{match['message']} (column {match['column']})"
    if error.endswith(" (at end of document)"):
        last_line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        return last_line, error.removesuffix(" (at end of document)") + " (at the end of the file)"
    return None, _one_line(error)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quote(text: str) -> str:
    """A user's key or value, safe to print on one line (quoted, control characters escaped)."""
    return repr(_shorten(text))


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.date | dt.time):
        return "a date or time"
    return type(value).__name__


def _suggestion(word: str, choices: Sequence[str]) -> str:
    matches = difflib.get_close_matches(word[:100], choices, n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


class _Validator:
    """Collects problems while turning parsed TOML into a template."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []

    @cached_property
    def source(self) -> SourceMap:
        # Built only when a problem needs a line number: good files never pay for the scan.
        return SourceMap(self.text)

    def report(self, key: str | None, item: int | None, message: str) -> None:
        if item is None:
            line = self.source.root_line(key) if key else None
        else:
            line = self.source.item_line(item, key)
        where = "" if item is None else f"item {item + 1}: "
        self.problems.append(Problem(self.path, line, where + message))

    def template(self, data: dict[str, Any]) -> AgendaTemplate | None:
        self.unknown_keys(data, TOP_LEVEL_KEYS, None)
        for key in REQUIRED_TOP_LEVEL_KEYS:
            if key not in data:
                self.problems.append(Problem(self.path, None, f"missing required key {key!r}"))
        kind = self.kind(data)
        title = self.text_value(data, "title", None)
        purpose = self.text_value(data, "purpose", None)
        notes = self.text_value(data, "notes", None, allow_empty=True)
        makes_decisions = self.flag(data, "makes_decisions")
        team_only = self.flag(data, "team_only")
        outcomes = self.text_list(data, "desired_outcomes", None)
        rules = self.text_list(data, "ground_rules", None)
        roles = self.text_list(data, "suggested_roles", None)
        items = self.items(data)
        if self.problems:
            return None
        # Without problems every required value is present; the asserts say so to mypy.
        assert kind is not None and title is not None and purpose is not None
        assert makes_decisions is not None and items is not None
        return AgendaTemplate(
            name=self.path.stem,
            path=self.path,
            kind=kind,
            title=title,
            purpose=purpose,
            makes_decisions=makes_decisions,
            items=items,
            team_only=bool(team_only),
            desired_outcomes=outcomes,
            ground_rules=rules,
            suggested_roles=roles,
            notes=notes or "",
        )

    def unknown_keys(self, table: dict[str, Any], known: Sequence[str], item: int | None) -> None:
        for key in table:
            if key not in known:
                message = f"unknown key {_quote(key)}{_suggestion(key, known)}"
                self.report(key, item, message)

    def kind(self, data: dict[str, Any]) -> MeetingKind | None:
        value = data.get("kind")
        if value is None:
            return None
        if not isinstance(value, str):
            self.report("kind", None, f"kind must be text, not {_describe(value)}")
            return None
        if value not in KINDS:
            hint = _suggestion(value, KINDS)
            self.report(
                "kind", None, f"unknown kind {_quote(value)}{hint}; use one of: {', '.join(KINDS)}"
            )
            return None
        return MeetingKind(value)

    def text_value(
        self, table: dict[str, Any], key: str, item: int | None, *, allow_empty: bool = False
    ) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.report(key, item, f"{key} must be text, not {_describe(value)}")
            return None
        if not allow_empty and not value.strip():
            self.report(key, item, f"{key} is empty")
            return None
        return value

    def flag(self, data: dict[str, Any], key: str) -> bool | None:
        value = data.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.report(key, None, f"{key} must be true or false, not {_describe(value)}")
        return None

    def text_list(self, table: dict[str, Any], key: str, item: int | None) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list):
            self.report(key, item, f"{key} must be a list of text, not {_describe(value)}")
            return ()
        for number, entry in enumerate(value, start=1):
            if not isinstance(entry, str):
                self.report(
                    key, item, f"{key}: entry {number} must be text, not {_describe(entry)}"
                )
            elif not entry.strip():
                self.report(key, item, f"{key}: entry {number} is empty")
        return tuple(entry for entry in value if isinstance(entry, str))

    def items(self, data: dict[str, Any]) -> tuple[TemplateItem, ...] | None:
        value = data.get("items")
        if value is None:
            return None
        if not isinstance(value, list):
            message = f"items must be a list of [[items]] tables, not {_describe(value)}"
            self.report("items", None, message)
            return None
        if not value:
            self.report("items", None, "items is empty: a template needs at least one item")
            return None
        items: list[TemplateItem] = []
        first_with_title: dict[str, int] = {}
        for index, table in enumerate(value):
            if not isinstance(table, dict):
                message = f"must be a table with a title and minutes, not {_describe(table)}"
                self.report(None, index, message)
                continue
            item = self.item(table, index)
            title = table.get("title")
            if isinstance(title, str) and title.strip():
                # "Closing" and "closing " read as the same item to the people in the room.
                normal = " ".join(title.split()).casefold()
                if normal in first_with_title:
                    first = first_with_title[normal] + 1
                    message = f"duplicate title {_quote(title)}: item {first} has the same title"
                    self.report("title", index, message)
                else:
                    first_with_title[normal] = index
            if item is not None:
                items.append(item)
        return tuple(items)

    def item(self, table: dict[str, Any], index: int) -> TemplateItem | None:
        self.unknown_keys(table, ITEM_KEYS, index)
        for key in REQUIRED_ITEM_KEYS:
            if key not in table:
                self.report(None, index, f"missing required key {key!r}")
        title = self.text_value(table, "title", index)
        minutes = self.minutes(table, index)
        prompts = self.text_list(table, "prompts", index)
        sub_items = self.text_list(table, "sub_items", index)
        team_only = table.get("team_only", False)
        if not isinstance(team_only, bool):
            self.report(
                "team_only", index, f"team_only must be true or false, not {_describe(team_only)}"
            )
        if title is None or minutes is None:
            return None
        return TemplateItem(
            title=title,
            minutes=minutes,
            prompts=prompts,
            sub_items=sub_items,
            team_only=team_only is True,
        )

    def minutes(self, table: dict[str, Any], index: int) -> int | None:
        value = table.get("minutes")
        if value is None:
            return None
        problem = None
        if isinstance(value, bool) or not isinstance(value, int | float):
            problem = f"minutes must be a whole number, not {_describe(value)}"
        elif isinstance(value, float):
            problem = f"minutes must be a whole number, not {value!r}"
        elif value < 1:
            problem = f"minutes must be at least 1, not {_number(value)}"
        elif value > MAX_ITEM_MINUTES:
            problem = f"minutes must be at most {MAX_ITEM_MINUTES} (24 hours), not {_number(value)}"
        if problem:
            self.report("minutes", index, problem)
            return None
        return int(value)


def _number(value: int) -> str:
    return str(value) if abs(value) < 10**15 else "a number that large"
