"""The meeting exchange format: one JSON file that carries a prepared (or held) meeting from one
computer to another.

Ids in the file are local to it: every table is renumbered from 1 in a stable order, so exporting,
importing and exporting again gives the same file. Import assigns new ids and keeps every link.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

from facilitator.clock import format_timestamp, parse_timestamp
from facilitator.errors import ExchangeError
from facilitator.model import (
    ActionStatus,
    Attendance,
    ConcernStatus,
    HeldBy,
    MeetingId,
    MeetingKind,
    MeetingStatus,
    Role,
    Side,
    SolutionStatus,
    is_team_only,
)
from facilitator.record import MEETING_TABLES, load_meeting
from facilitator.store import Row, Workspace
from facilitator.text import clean_text

FORMAT = "facilitator-meeting"
VERSION = 1
MAX_BYTES = 200 * 1024 * 1024

# Which columns point at which table: rewritten on export (to file ids) and import (to new ids).
LINKS: dict[str, dict[str, str]] = {
    "meetings": {"case_id": "cases"},
    "participants": {"meeting_id": "meetings"},
    "agenda_items": {"meeting_id": "meetings"},
    "agenda_visits": {"meeting_id": "meetings", "agenda_item_id": "agenda_items"},
    "speaking_turns": {
        "meeting_id": "meetings",
        "participant_id": "participants",
        "agenda_item_id": "agenda_items",
    },
    "concerns": {
        "meeting_id": "meetings",
        "raised_by": "participants",
        "agenda_item_id": "agenda_items",
    },
    "non_negotiables": {"meeting_id": "meetings"},
    "solutions": {"meeting_id": "meetings", "proposed_by": "participants"},
    "solution_concerns": {"solution_id": "solutions", "concern_id": "concerns"},
    "agreements": {"meeting_id": "meetings", "solution_id": "solutions"},
    "action_items": {"meeting_id": "meetings", "owner_participant_id": "participants"},
    "notes": {"meeting_id": "meetings", "agenda_item_id": "agenda_items"},
    "raised_hands": {"meeting_id": "meetings", "participant_id": "participants"},
    "interruptions": {"meeting_id": "meetings"},
}
REQUIRED_TABLES = (
    "participants", "agenda_items", "speaking_turns", "concerns", "non_negotiables", "solutions",
    "solution_concerns", "agreements", "action_items", "notes",
)  # fmt: skip

# What a column must hold for the record to read back (exports, the window, `actions`): a file
# that breaks one is refused whole, naming the item, before SQLite refuses it in its own words or,
# worse, accepts it and a later read breaks. Columns not listed hold free text.
TIME, DAY, FLAG, WHOLE, MINUTES = "timestamp", "date", "flag", "whole number", "time box"
Kind = str | type[StrEnum]
COLUMNS: dict[str, dict[str, Kind]] = {
    "cases": {"created_at": TIME, "complaint_received_on": DAY},
    "meetings": {"kind": MeetingKind, "status": MeetingStatus, "scheduled_start": TIME,
                 "planned_end": TIME, "started_at": TIME, "ended_at": TIME, "created_at": TIME,
                 "makes_decisions": FLAG, "team_only": FLAG},
    "participants": {"position": WHOLE, "role": Role, "side": Side, "attendance": Attendance,
                     "arrived_at": TIME, "left_at": TIME},
    "agenda_items": {"position": WHOLE, "planned_minutes": MINUTES, "started_at": TIME,
                     "ended_at": TIME, "team_only": FLAG},
    "agenda_visits": {"started_at": TIME, "ended_at": TIME},
    "speaking_turns": {"started_at": TIME, "ended_at": TIME},
    "concerns": {"status": ConcernStatus, "team_only": FLAG, "position": WHOLE, "created_at": TIME},
    "non_negotiables": {"held_by": HeldBy, "team_only": FLAG, "created_at": TIME},
    "solutions": {"status": SolutionStatus, "team_only": FLAG, "created_at": TIME,
                  "decided_at": TIME},
    "agreements": {"team_only": FLAG, "created_at": TIME},
    "action_items": {"due_date": DAY, "status": ActionStatus, "team_only": FLAG,
                     "created_at": TIME, "done_at": TIME},
    "notes": {"team_only": FLAG, "created_at": TIME},
    "raised_hands": {"raised_at": TIME, "lowered_at": TIME},
    "interruptions": {"stopped_at": TIME, "resumed_at": TIME},
}  # fmt: skip
# Without these a row means nothing (a missing meeting_id or case_id is the file's own).
REQUIRED: dict[str, tuple[str, ...]] = {
    "meetings": ("kind", "title"), "participants": ("name", "role", "side"),
    "agenda_items": ("position", "title", "planned_minutes"),
    "agenda_visits": ("agenda_item_id", "started_at"),
    "speaking_turns": ("participant_id", "started_at"), "concerns": ("text",),
    "non_negotiables": ("text", "held_by"), "solutions": ("text",),
    "solution_concerns": ("solution_id", "concern_id"), "agreements": ("text",),
    "action_items": ("text",), "notes": ("text",), "raised_hands": ("participant_id", "raised_at"),
    "interruptions": ("stopped_at", "resumed_at"),
}  # fmt: skip
# (start, end): an end before its start makes a duration negative.
_TURN = (("started_at", "ended_at"),)
SPANS: dict[str, tuple[tuple[str, str], ...]] = {
    "meetings": (*_TURN, ("scheduled_start", "planned_end")),
    "participants": (("arrived_at", "left_at"),), "agenda_items": _TURN, "agenda_visits": _TURN,
    "speaking_turns": _TURN, "raised_hands": (("raised_at", "lowered_at"),),
    "interruptions": (("stopped_at", "resumed_at"),),
}  # fmt: skip
_STORED_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")
_SQLITE_INTEGERS = range(-(2**63), 2**63)
_SHOWN = 40  # characters of a refused value echoed back


def meeting_to_json(ws: Workspace, meeting_id: MeetingId) -> dict[str, Any]:
    record = load_meeting(ws, meeting_id)
    ids: dict[str, dict[int, int]] = {"cases": {record.case["id"]: 1}, "meetings": {meeting_id: 1}}
    for table in MEETING_TABLES:
        if table != "solution_concerns":
            ids[table] = {row["id"]: n for n, row in enumerate(record[table], start=1)}
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "case": _relink(ids, "cases", record.case),
        "meeting": _relink(ids, "meetings", record.meeting),
    }
    for table in MEETING_TABLES:
        document[table] = [_relink(ids, table, row) for row in record[table]]
    return document


def export_json(ws: Workspace, meeting_id: MeetingId, out: Path) -> Path:
    from facilitator.files import write_atomically

    text = json.dumps(meeting_to_json(ws, meeting_id), ensure_ascii=False, indent=1)
    write_atomically(out, text.encode("utf-8"))
    return out


def read_json(path: Path) -> dict[str, Any]:
    """Read and check a meeting file; raises ExchangeError with one clear line."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExchangeError(f"{path} is too large to be a meeting file ({size} bytes)")
        raw = path.read_bytes()
    except OSError as error:
        raise ExchangeError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark, as some Windows editors write, is fine
    except UnicodeDecodeError:
        raise ExchangeError(f"{path} is not a meeting file (not UTF-8 text)") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExchangeError(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg});"
            " it may be truncated"
        ) from None
    except RecursionError:
        raise ExchangeError(f"{path} is not valid JSON: nested too deeply") from None
    except ValueError:  # e.g. a number of thousands of digits
        raise ExchangeError(f"{path} is not valid JSON: a number is too long") from None
    check_document(document, path)
    return document  # type: ignore[no-any-return]


def check_document(document: Any, path: Path | str = "the file") -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeError(f"{path} is not a Facilitator meeting file")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeError(f"{path} has no format version")
    if version > VERSION:
        raise ExchangeError(
            f"{path} was written by a newer version of Facilitator (format {version}; this"
            f" version reads up to {VERSION}); please update the app"
        )
    for key in ("case", "meeting"):
        if not isinstance(document.get(key), dict):
            raise ExchangeError(f"{path} has no '{key}'")
    for table in MEETING_TABLES:
        rows = document.get(table)
        optional = table not in REQUIRED_TABLES and rows is None
        if not optional and (
            not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows)
        ):
            raise ExchangeError(f"{path}: '{table}' must be a list of rows")
    try:
        _check_rows(document)
    except ExchangeError as error:
        raise ExchangeError(f"{path}: {error}") from None


def earlier_copies(ws: Workspace, document: dict[str, Any]) -> list[Row]:
    """Meetings of the workspace that came from the same prepared meeting as `document` (the
    same case, title and making time: the file imported before, or an earlier export of it),
    with their id, title and status; the file is checked first (see `check_document`)."""
    check_document(document)
    case, meeting = document["case"], document["meeting"]
    made = meeting.get("created_at")
    if not isinstance(made, str):
        return []
    label = clean_text(str(case.get("label") or "")).strip() or "Imported case"
    return ws.rows(
        "SELECT m.id, m.title, m.status FROM meetings m JOIN cases c ON c.id = m.case_id"
        " WHERE c.label = ? AND m.title = ? AND m.created_at = ? ORDER BY m.id",
        (label, clean_text(str(meeting.get("title") or "")), _timestamp(made)),
    )


def same_file_note(earlier: list[Row]) -> str:
    """One line saying which meetings came from the same prepared meeting, and that both are
    kept (nothing is replaced: the earlier one may already hold what happened in the room)."""
    copies = ", ".join(f"meeting {r['id']} ({r['status']})" for r in earlier)
    return f"this meeting was imported before, as {copies}; both are kept"


def import_json(ws: Workspace, document: dict[str, Any]) -> MeetingId:
    """Add the meeting in one operation (all or nothing); returns its new id.

    The case is reused when the workspace already holds the same case (same label and creation
    time, i.e. the file came from a copy of it); otherwise a new case is made.
    """
    check_document(document)
    case = document["case"]
    label = clean_text(str(case.get("label") or "")).strip() or "Imported case"
    try:
        with ws.operation("meeting.import", meeting_id=None, summary={"label": label}) as op:
            ids: dict[str, dict[int, int]] = {"cases": {}, "meetings": {}}
            created = case.get("created_at")
            existing = ws.scalar(
                "SELECT id FROM cases WHERE label = ? AND created_at = ?",
                (label, _timestamp(created) if isinstance(created, str) else created),
            )
            new_case = existing or op.insert(
                "cases", _fresh(ws, "cases", case, ids, defaults={"label": label}, at=op.at)
            )
            ids["cases"][case.get("id", 1)] = new_case
            meeting = document["meeting"]
            values = _fresh(ws, "meetings", meeting, ids, at=op.at, defaults={"case_id": new_case})
            if is_team_only(values):  # a file from before the flag: an internal review still is
                values["team_only"] = 1
            new_meeting = op.insert("meetings", values)
            ids["meetings"][meeting.get("id", 1)] = new_meeting
            op.meeting_id = new_meeting
            for table in MEETING_TABLES:
                ids.setdefault(table, {})
                for row in document.get(table) or []:
                    values = _fresh(
                        ws, table, row, ids, defaults={"meeting_id": new_meeting}, at=op.at
                    )
                    new_id = op.insert(table, values)
                    if table != "solution_concerns":
                        ids[table][row.get("id")] = new_id
    except ExchangeError:
        raise
    except Exception as error:  # a bad row in a hand-edited file: nothing was stored
        raise ExchangeError(
            f"the meeting file has a row the workspace cannot hold ({error})"
        ) from None
    return MeetingId(new_meeting)


def _relink(ids: dict[str, dict[int, int]], table: str, row: Row) -> Row:
    out = dict(row)
    if "id" in out and table in ids:
        out["id"] = ids[table][row["id"]]
    for column, target in LINKS.get(table, {}).items():
        if out.get(column) is not None:
            out[column] = ids[target].get(out[column])
    return out


# -- checking a file ------------------------------------------------------------------------------


def _check_rows(document: dict[str, Any]) -> None:
    """Every row holds what its table can store and read back; raises one line naming the item."""
    case, meeting = document["case"], document["meeting"]
    file_ids: dict[str, dict[Any, int]] = {}  # each table's ids in the file -> 1-based position
    _check_row("cases", "case", case, file_ids)
    file_ids["cases"] = {case.get("id", 1): 1}
    _check_row("meetings", "meeting", meeting, file_ids)
    file_ids["meetings"] = {meeting.get("id", 1): 1}
    links: set[tuple[Any, Any]] = set()
    for table in MEETING_TABLES:
        numbers = file_ids.setdefault(table, {})
        for index, row in enumerate(document.get(table) or []):
            where = f"{table}[{index}]"
            _check_row(table, where, row, file_ids)
            if table == "solution_concerns":
                pair = (row["solution_id"], row["concern_id"])
                if pair in links:
                    raise ExchangeError(
                        f"option O{file_ids['solutions'][pair[0]]} is linked to concern"
                        f" C{file_ids['concerns'][pair[1]]} twice ({where})"
                    )
                links.add(pair)
                continue
            if row.get("id") is not None and row["id"] in numbers:
                raise ExchangeError(f"{where}.id {row['id']} is used by another {table} row")
            numbers[row.get("id")] = index + 1
            reason = clean_text(str(row.get("reason") or "")).strip()
            if table == "solutions" and row.get("status") == "not_agreed" and not reason:
                raise ExchangeError(
                    f"option O{index + 1} ({where}) is marked not agreed without a reason"
                )


def _check_row(
    table: str, where: str, row: dict[str, Any], file_ids: dict[str, dict[Any, int]]
) -> None:
    for column in REQUIRED.get(table, ()):
        if row.get(column) is None:
            raise ExchangeError(f"{where} has no {column}")
    if table != "solution_concerns" and row.get("id") is not None and not _is_integer(row["id"]):
        raise ExchangeError(f"{where}.id {_quoted(row['id'])} is not a whole number")
    for column, value in row.items():
        if value is not None and column != "id":
            _check_value(f"{where}.{column}", value, COLUMNS.get(table, {}).get(column))
        target = LINKS.get(table, {}).get(column)
        if (
            target
            and value is not None
            and (isinstance(value, bool) or value not in file_ids[target])
        ):
            raise ExchangeError(f"{where}.{column} points at a missing row of {target} ({value!r})")
    for start, end in SPANS.get(table, ()):
        began, ended = row.get(start), row.get(end)
        if began and ended and str(_timestamp(ended)) < str(_timestamp(began)):
            raise ExchangeError(
                f"{where}.{end} {_quoted(ended)} is before its {start} {_quoted(began)}"
            )


def _check_value(field: str, value: Any, kind: Kind | None) -> None:
    shown = _quoted(value)
    if isinstance(value, (list, dict)):
        raise ExchangeError(
            f"{field} holds {'a list' if isinstance(value, list) else 'an object'}, not a value"
        )
    if (isinstance(value, float) and not math.isfinite(value)) or (
        isinstance(value, int) and value not in _SQLITE_INTEGERS
    ):
        raise ExchangeError(f"{field} {shown} is not a number the workspace can hold")
    if kind == TIME and not (isinstance(value, str) and _timestamp(value)):
        raise ExchangeError(f"{field} {shown} is not a timestamp (e.g. 2026-11-29T18:02:03.123Z)")
    if kind == DAY and not (isinstance(value, str) and _date(value)):
        raise ExchangeError(f"{field} {shown} is not a date (YYYY-MM-DD)")
    if kind == FLAG and value not in (0, 1):
        raise ExchangeError(f"{field} {shown} is not 0 or 1")
    if kind == WHOLE and not _is_integer(value):
        raise ExchangeError(f"{field} {shown} is not a whole number")
    if kind == MINUTES and not (_is_integer(value) and value > 0):
        raise ExchangeError(f"{field} {shown} is not a time box (minutes above zero)")
    if isinstance(kind, type) and value not in {c.value for c in kind}:
        choices = ", ".join(c.value for c in kind)
        raise ExchangeError(f"{field} {shown} is not one of {choices}")


def _timestamp(text: str) -> str | None:
    """The store's form of a moment written in the file (any ISO 8601 time), or None."""
    text = text.strip()
    try:
        dt.date.fromisoformat(text)
        return None  # a day alone is not a moment
    except ValueError:
        pass
    try:
        stored = format_timestamp(parse_timestamp(text))
    except (ValueError, OverflowError):
        return None
    return stored if _STORED_TIMESTAMP.fullmatch(stored) else None  # e.g. not year 12


def _date(text: str) -> str | None:
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return None


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _quoted(value: Any) -> str:
    """A value from the file on one short line, as JSON writes it."""
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= _SHOWN else shown[: _SHOWN - 2] + '…"'


# -- importing ------------------------------------------------------------------------------------


def _fresh(
    ws: Workspace,
    table: str,
    row: dict[str, Any],
    ids: dict[str, dict[int, int]],
    *,
    at: str,
    defaults: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A checked row from the file made ready for this workspace: known columns only, links
    rewritten, times in the store's form, and a missing value left to the column's default."""
    columns = _columns(ws, table)
    values: dict[str, Any] = {}
    for column, value in row.items():
        if column not in columns or column == "id":
            continue
        if value is None:
            if columns[column]:  # NOT NULL with a default: null in the file means "the default"
                continue
        elif COLUMNS.get(table, {}).get(column) == TIME:
            value = _timestamp(value)
        elif COLUMNS.get(table, {}).get(column) == DAY:
            value = _date(value)
        elif isinstance(value, str):
            value = clean_text(value)
        target = LINKS.get(table, {}).get(column)
        if target is not None and value is not None:
            if value not in ids.get(target, {}):
                raise ExchangeError(f"'{table}.{column}' points at a missing row ({value})")
            value = ids[target][value]
        values[column] = value
    for column, value in (defaults or {}).items():
        if column in columns and values.get(column) is None:
            values[column] = value
    if "created_at" in columns and not values.get("created_at"):
        values["created_at"] = at
    return values


def _columns(ws: Workspace, table: str) -> dict[str, bool]:
    """The table's columns, each with whether it is NOT NULL with a default."""
    return {
        name: bool(notnull) and default is not None
        for _, name, _, notnull, default, _ in ws.conn.execute(f"PRAGMA table_info({table})")
    }
