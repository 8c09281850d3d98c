"""Opening a damaged workspace: notice it at start-up, set it aside, offer the newest good backup.

The window's flow: `check_on_open(path)` before opening; if it is not `ok`, tell the facilitator in
one line and offer `newest_good_backup(policy, path)`; to use it, `backups.restore(...)` (which sets
the damaged file aside itself), or, with no backup, `set_aside_damaged(path)` and start afresh.
Nothing here ever deletes a file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from facilitator.audit import GENESIS, REDACTED, event_hash, sha256_text
from facilitator.backups import BackupInfo, BackupPolicy, list_backups
from facilitator.clock import Clock, SystemClock
from facilitator.errors import WorkspaceError
from facilitator.integrity import one_line, read_only_connection
from facilitator.lock import WorkspaceLock
from facilitator.workspace_files import file_stamp, set_aside, unused_name

TAIL_EVENTS = 200
"""How many of the newest audit events `check_on_open` re-hashes (the full walk is `verify`)."""


@dataclass(frozen=True)
class Health:
    """What `check_on_open` found: `problem` is one line for a person, None when all is well."""

    path: Path
    problem: str | None = None
    events_checked: int = 0

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_on_open(path: Path) -> Health:
    """A start-up check of a workspace file, without writing to it.

    Runs `PRAGMA quick_check` (every page of the file is read, so it is proportional to the
    file's size) and a cheap audit-chain check: no event missing (ids 1..n, matching the audit
    head) and the newest `TAIL_EVENTS` events re-hashed and linked. The full chain walk is too slow
    for start-up (on a workspace of 1,000 meetings, 83,500 events, 100 MB: about 0.75 s against
    about 0.1 s for this whole check), so it is left to `facilitator verify` / `integrity.verify`,
    which a window may run in a worker once the meeting is open.

    A missing or empty file is healthy (a new workspace will be made there).
    """
    path = Path(path)
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return Health(path)
    try:
        conn = read_only_connection(path)
    except WorkspaceError as error:
        return Health(path, str(error))
    try:
        quick = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
        if quick != ["ok"]:
            return Health(path, f"{path} is damaged ({one_line(quick)})")
        problem, checked = _chain_tail(conn)
    except sqlite3.DatabaseError as error:
        return Health(path, f"{path} is damaged ({error})")
    finally:
        conn.close()
    if problem is not None:
        return Health(path, f"{path}: the audit log {problem}", checked)
    return Health(path, None, checked)


def set_aside_damaged(
    path: Path, *, lock: WorkspaceLock | None = None, clock: Clock | None = None
) -> Path:
    """Move a damaged workspace file (and its -wal/-shm) to `<name>.damaged-<UTC time>` in the
    same folder, never deleting it; returns the new path.

    Refuses (WorkspaceError) while another program holds the workspace lock. `lock`: the caller's
    own hold on that lock, if it has one.
    """
    path = Path(path)
    if not path.exists():
        raise WorkspaceError(f"no workspace at {path}")
    stamp = file_stamp((clock or SystemClock()).now())
    target = unused_name(path.parent, f"{path.name}.damaged-{stamp}", "")
    own_lock = lock is None
    held = lock or WorkspaceLock(path)
    if own_lock:
        held.acquire(program="Facilitator (setting a damaged file aside)")
    try:
        set_aside(path, target)
    finally:
        if own_lock:
            held.release()
    return target


def newest_good_backup(policy: BackupPolicy, workspace: Path) -> BackupInfo | None:
    """The newest backup of `workspace` that verifies, or None. Verifies copies newest first and
    stops at the first good one."""
    for info in list_backups(policy, workspace):
        if info.verifies:
            return info
    return None


def _chain_tail(conn: sqlite3.Connection) -> tuple[str | None, int]:
    """The cheap half of the chain check: (problem or None, events re-hashed)."""
    count, last_id = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM events").fetchone()
    head = conn.execute("SELECT last_event_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    head_id, head_hash = head if head else (0, GENESIS)
    if count != last_id:
        return f"is missing {last_id - count} events", 0
    if head_id != last_id:
        return f"ends at event {last_id} but should reach event {head_id}", 0
    first = max(1, last_id - TAIL_EVENTS + 1)
    rows = conn.execute(
        "SELECT id, at, meeting_id, kind, payload, payload_hash, prev_hash, hash FROM events"
        " WHERE id >= ? ORDER BY id",
        (first - 1,),
    ).fetchall()
    prev_hash = GENESIS if first == 1 else None
    checked = 0
    for event_id, at, meeting_id, kind, payload, payload_hash, stored_prev, stored_hash in rows:
        if prev_hash is None:  # the event just before the tail: only its hash is needed
            prev_hash = stored_hash
            continue
        digest = event_hash(
            event_id=event_id,
            at=at,
            meeting_id=meeting_id,
            kind=kind,
            payload_hash=payload_hash,
            prev_hash=stored_prev,
        )
        payload_ok = payload == REDACTED or sha256_text(payload) == payload_hash
        if stored_prev != prev_hash or digest != stored_hash or not payload_ok:
            return f"was altered at event {event_id} ({kind}, {at})", checked
        prev_hash = stored_hash
        checked += 1
    if prev_hash != head_hash:
        return "does not end where its head says", checked
    return None, checked
