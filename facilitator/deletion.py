"""Deleting a meeting or a case for good: its rows, its text in the audit log, and in the file.

A deletion is one operation (one transaction, one `meeting.delete` / `case.delete` event). It
removes every row of the meeting, replaces the payload of every earlier event about it with
`audit.REDACTED` (the chain still verifies: it covers payloads through their hashes, and the
deletion event lists what it redacted in `summary.redacted_events`), records only ids and counts
itself, and so cannot be undone. Afterwards the file is vacuumed and its write-ahead log emptied,
so the deleted text is gone from the disk, not just from the tables.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Collection
from pathlib import Path
from typing import Any

from facilitator.audit import REDACTED
from facilitator.backups import BackupPolicy, list_backups, read_sidecar, write_sidecar
from facilitator.errors import FacilitatorError, NotFound
from facilitator.integrity import read_only_connection
from facilitator.model import CaseId, MeetingId
from facilitator.record import MEETING_TABLES
from facilitator.store import Change, Operation, RowChange, Workspace


def delete_meeting(ws: Workspace, meeting_id: MeetingId | int) -> Change:
    """Delete a meeting and everything recorded about it; not undoable. Raises NotFound."""
    meeting = ws.row("SELECT id, case_id FROM meetings WHERE id = ?", (meeting_id,))
    if meeting is None:
        raise NotFound(f"meeting {meeting_id} does not exist")
    # Filled in inside the operation: the store reads the summary when it records the event.
    summary: dict[str, Any] = {"meeting_id": meeting["id"], "case_id": meeting["case_id"]}
    with ws.operation("meeting.delete", meeting_id=meeting["id"], summary=summary) as op:
        op.undoable = False
        summary["rows"] = _delete_meetings(op, [meeting["id"]])
        summary["redacted_events"] = _redact(op, meeting_ids={meeting["id"]}, case_id=None)
    scrub(ws)
    return op.change


def delete_case(ws: Workspace, case_id: CaseId | int) -> Change:
    """Delete a case, all its meetings and everything recorded about them; not undoable."""
    if ws.scalar("SELECT 1 FROM cases WHERE id = ?", (case_id,)) is None:
        raise NotFound(f"case {case_id} does not exist")
    meeting_ids = [
        r[0] for r in ws.conn.execute("SELECT id FROM meetings WHERE case_id = ?", (case_id,))
    ]
    summary: dict[str, Any] = {"case_id": case_id, "meetings": meeting_ids}
    with ws.operation("case.delete", meeting_id=None, summary=summary) as op:
        op.undoable = False
        rows = _delete_meetings(op, meeting_ids)
        op.conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
        op.rows.append(RowChange("cases", {"id": case_id}, None, None))
        summary["rows"] = {**rows, "cases": 1}
        summary["redacted_events"] = _redact(op, meeting_ids=set(meeting_ids), case_id=case_id)
    scrub(ws)
    return op.change


def scrub(ws: Workspace) -> bool:
    """Rewrite the file without its free space and empty the write-ahead log, so deleted text is
    not left on disk (`secure_delete` already zeroes freed space as it goes; this also clears the
    log's older copies of pages). False if another connection kept the log from being emptied;
    it is emptied when the last connection closes."""
    # VACUUM fails without room for the rebuilt copy; secure_delete has zeroed the rows anyway.
    with contextlib.suppress(sqlite3.OperationalError):
        ws.conn.execute("VACUUM")
    try:
        busy, _, _ = ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError:
        return False
    return not busy


def delete_meeting_from_backups(
    policy: BackupPolicy,
    meeting_id: MeetingId | int,
    workspace: Path,
    *,
    created_at: str | None = None,
) -> list[Path]:
    """Apply `delete_meeting` to every backup of `workspace` that holds the meeting, and update
    their index entries; returns the copies changed.

    `created_at` (the meeting's `created_at`) guards against an id the workspace reused for a
    later meeting: copies whose meeting `meeting_id` was created at another time are left alone.
    Copies that cannot be opened (damaged) are left as they are and not returned.
    """
    changed: list[Path] = []
    for info in list_backups(policy, workspace):
        if not _holds(info.path, meeting_id, created_at):
            continue
        try:
            with Workspace.open(info.path, create=False) as ws:
                delete_meeting(ws, meeting_id)
                _keep_single_file(ws)
                meetings = ws.rows("SELECT id, title, status FROM meetings ORDER BY id")
        except FacilitatorError:
            continue
        sidecar = read_sidecar(info.path)
        if sidecar is not None:
            write_sidecar(info.path, {**sidecar, "meetings": meetings})
        changed.append(info.path)
    return changed


def _holds(copy: Path, meeting_id: int, created_at: str | None) -> bool:
    """Whether a copy holds that meeting (looked up without writing to the copy)."""
    try:
        conn = read_only_connection(copy)
    except FacilitatorError:
        return False
    try:
        row = conn.execute("SELECT created_at FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return row is not None and (created_at is None or row[0] == created_at)


def _delete_meetings(op: Operation, meeting_ids: Collection[int]) -> dict[str, int]:
    """Delete the meetings' rows with plain SQL, recording keys only (no text) for the log."""
    counts: dict[str, int] = {}
    for meeting_id in meeting_ids:
        for table in (*reversed(MEETING_TABLES), "liveness", "meetings"):
            if table == "solution_concerns":
                where = "solution_id IN (SELECT id FROM solutions WHERE meeting_id = ?)"
                columns = "solution_id, concern_id"
            elif table == "meetings":
                where, columns = "id = ?", "id"
            else:
                where, columns = "meeting_id = ?", "meeting_id" if table == "liveness" else "id"
            keys = op.conn.execute(
                f"SELECT {columns} FROM {table} WHERE {where}", (meeting_id,)
            ).fetchall()
            names = columns.split(", ")
            for key in keys:
                op.rows.append(RowChange(table, dict(zip(names, key, strict=True)), None, None))
            op.conn.execute(f"DELETE FROM {table} WHERE {where}", (meeting_id,))
            counts[table] = counts.get(table, 0) + len(keys)
    return counts


def _redact(op: Operation, *, meeting_ids: set[int], case_id: int | None) -> list[int]:
    """Replace the payloads of earlier events about these meetings (or this case) with REDACTED.

    Events naming a meeting are found by `meeting_id`; events naming none (creating a case or a
    meeting, undoing that) by the rows their payload touches. Deletion events are never redacted:
    they carry no text, and they are what makes the redactions verifiable.
    """
    still_readable = "kind NOT LIKE '%.delete' AND payload != ?"
    redacted = [
        event_id
        for meeting_id in meeting_ids
        for (event_id,) in op.conn.execute(
            f"SELECT id FROM events WHERE meeting_id = ? AND {still_readable}",
            (meeting_id, REDACTED),
        )
    ]
    unattached = op.conn.execute(
        f"SELECT id, payload FROM events WHERE meeting_id IS NULL AND {still_readable}",
        (REDACTED,),
    )
    redacted += [i for i, payload in unattached if _touches(payload, meeting_ids, case_id)]
    redacted.sort()
    if not redacted:
        return redacted
    triggers = op.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
    ).fetchall()
    for name, _ in triggers:
        op.conn.execute(f"DROP TRIGGER {name}")
    op.conn.executemany(
        "UPDATE events SET payload = ? WHERE id = ?", [(REDACTED, i) for i in redacted]
    )
    for _, sql in triggers:
        op.conn.execute(sql)
    return redacted


def _touches(payload: str, meeting_ids: set[int], case_id: int | None) -> bool:
    try:
        changes = json.loads(payload).get("changes", [])
    except (ValueError, AttributeError):
        return False
    for change in changes:
        table, key = change.get("table"), change.get("key") or {}
        images = [image for image in (change.get("before"), change.get("after")) if image]
        if table == "cases" and case_id is not None and key.get("id") == case_id:
            return True
        if table == "meetings" and key.get("id") in meeting_ids:
            return True
        if any(image.get("meeting_id") in meeting_ids for image in images):
            return True
    return False


def _keep_single_file(ws: Workspace) -> None:
    """Backups are single files (no write-ahead log beside them): put one back that way."""
    ws.conn.execute("PRAGMA journal_mode = DELETE")
