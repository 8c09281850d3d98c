"""The meeting exchange format: one JSON file that carries a prepared (or held) meeting from one
computer to another.

Ids in the file are local to it: every table is renumbered from 1 in a stable order, so exporting,
importing and exporting again gives the same file. Import assigns new ids and keeps every link.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from facilitator.errors import ExchangeError
from facilitator.model import MeetingId
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
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ExchangeError(f"{path} is not a meeting file (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        raise ExchangeError(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg});"
            " it may be truncated"
        ) from None
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
    for table in REQUIRED_TABLES:
        rows = document.get(table)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ExchangeError(f"{path}: '{table}' must be a list of rows")


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
            existing = ws.scalar(
                "SELECT id FROM cases WHERE label = ? AND created_at = ?",
                (label, case.get("created_at")),
            )
            if existing is not None:
                ids["cases"][case.get("id", 1)] = existing
            else:
                ids["cases"][case.get("id", 1)] = op.insert(
                    "cases", _fresh(ws, "cases", case, ids, defaults={"label": label}, at=op.at)
                )
            meeting = document["meeting"]
            new_meeting = op.insert("meetings", _fresh(ws, "meetings", meeting, ids, at=op.at))
            ids["meetings"][meeting.get("id", 1)] = new_meeting
            op.meeting_id = new_meeting
            for table in MEETING_TABLES:
                ids.setdefault(table, {})
                for row in document.get(table) or []:
                    new_id = op.insert(table, _fresh(ws, table, row, ids, at=op.at))
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


def _fresh(
    ws: Workspace,
    table: str,
    row: dict[str, Any],
    ids: dict[str, dict[int, int]],
    *,
    at: str,
    defaults: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A row from the file made ready for this workspace: known columns only, links rewritten."""
    columns = _columns(ws, table)
    values: dict[str, Any] = {}
    for column, value in row.items():
        if column not in columns or column == "id":
            continue
        if isinstance(value, str):
            value = clean_text(value)
        elif value is not None and not isinstance(value, (int, float)):
            raise ExchangeError(f"'{table}.{column}' holds {type(value).__name__}, not a value")
        target = LINKS.get(table, {}).get(column)
        if target is not None and value is not None:
            if value not in ids.get(target, {}):
                raise ExchangeError(f"'{table}.{column}' points at a missing row ({value})")
            value = ids[target][value]
        values[column] = value
    for column, value in (defaults or {}).items():
        values.setdefault(column, value)
    if "created_at" in columns and not values.get("created_at"):
        values["created_at"] = at
    return values


def _columns(ws: Workspace, table: str) -> set[str]:
    return {r[1] for r in ws.conn.execute(f"PRAGMA table_info({table})")}
