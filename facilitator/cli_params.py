"""What every command of the command line shares: ids and text read from it, lines printed
(never a control character), and errors turned into one line and exit code 1."""

from __future__ import annotations

import functools
import re
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from facilitator.errors import FacilitatorError
from facilitator.paths import workspace_path

F = TypeVar("F", bound=Callable[..., Any])

MAX_ID = 2**63 - 1  # the largest id SQLite can hold
# Control characters (C0 but tab, DEL, C1): printed raw, stored text could move the cursor,
# retitle the terminal window or hide what comes before it.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_SHOWN = "\ufffd"  # what the terminal shows in place of a control character
_ERROR_TEXT_LIMIT = 160  # characters of a library's error text quoted in a message

if TYPE_CHECKING:  # click's parameter types are generic from click 8.2 on, not at run time before
    _IdParam = click.ParamType[int]
    _TextParam = click.ParamType[str]
else:
    _IdParam = _TextParam = click.ParamType


def user_errors(command: F) -> F:
    """Turn a FacilitatorError into one line on stderr and exit code 1 (no traceback); so too an
    SQLite error or undecodable text from a damaged workspace (`database_problem`)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except FacilitatorError as error:
            fail(str(error))
        except sqlite3.ProgrammingError:
            raise  # the API used wrongly: a bug, which deserves its traceback
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            fail(database_problem(error, workspace_named(kwargs.get("db"))))

    return wrapper  # type: ignore[return-value]


def fail(message: str) -> NoReturn:
    echo(f"facilitator: {message}", err=True)
    sys.exit(1)


def echo(text: str, *, err: bool = False) -> None:
    """Print a line with any control character shown as U+FFFD, so stored text or a file name can
    neither break the line nor send the terminal escape sequences."""
    click.echo(printable(text), err=err)


def printable(text: str, *, keep: str = "") -> str:
    """`text` with every control character but tab (and those in `keep`) replaced by U+FFFD."""
    return _CONTROL.sub(lambda found: found[0] if found[0] in keep else _SHOWN, text)


def database_problem(error: Exception, path: Path | None) -> str:
    """One line for an error SQLite (or decoding its text) raised after the workspace opened."""
    where = str(path) if path is not None else "the workspace"
    detail = " ".join(str(error).split())
    if len(detail) > _ERROR_TEXT_LIMIT:
        detail = detail[: _ERROR_TEXT_LIMIT - 1] + "…"
    name = getattr(error, "sqlite_errorname", None) or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"{where} is busy: another program is writing to it; try again"
    if name.startswith("SQLITE_FULL"):
        return f"the disk holding {where} is full; free some space and try again"
    if name.startswith("SQLITE_READONLY"):
        return f"cannot write to {where}: the file or its folder is read-only"
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        return f"cannot read {where} ({detail})"
    return (
        f"{where} is damaged ({detail}); `facilitator verify` checks it and"
        " `facilitator restore` brings back a backup"
    )


def workspace_named(db: Path | None) -> Path | None:
    context = click.get_current_context(silent=True)
    return None if context is None else workspace_path(db or context.find_root().params.get("db"))


class Refused(click.ClickException):
    """A value that can name nothing stored, found while the command line is read: one line on
    stderr and exit 1, as for any FacilitatorError."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        echo(f"facilitator: {self.message}", err=True)


class RecordId(_IdParam):
    """The id of a meeting or case: a whole number; one outside 1..MAX_ID cannot exist (and would
    overflow SQLite), so it is refused as the missing record it is."""

    name = "id"

    def __init__(self, what: str) -> None:
        self.what = what

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        number = click.INT.convert(value, param, ctx)  # not a number: wrong usage, as before
        if not 1 <= number <= MAX_ID:
            shown = str(number) if len(str(number)) <= 24 else f"{str(number)[:20]}…"
            raise Refused(f"{self.what} {shown} does not exist")
        return number


class TypedText(_TextParam):
    """Text typed on the command line; refused in one line when it is not valid in the system's
    encoding (bytes Python could only keep as lone surrogates, which nothing can store)."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            option = param.opts[0] if param is not None and param.opts else "the value"
            raise Refused(
                f"{option} {quoted(text)} is not valid text (check the terminal's encoding is"
                " UTF-8)"
            ) from None
        return text


def quoted(text: str) -> str:
    """`text` in quotes with undecodable bytes as \\xNN, short enough for a message."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "backslashreplace")
    shown = raw.decode("utf-8", "backslashreplace")
    return "'" + (shown if len(shown) <= 40 else shown[:39] + "…") + "'"
