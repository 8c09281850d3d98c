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

from facilitator.audit import verify_chain
from facilitator.backups import BackupInfo, BackupPolicy, list_backups
from facilitator.clock import Clock, SystemClock
from facilitator.errors import WorkspaceError
from facilitator.integrity import one_line, read_only_connection, unreadable
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
        chain = verify_chain(conn, newest=TAIL_EVENTS)
        problem, checked = chain.problem, chain.events_checked
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # SQLite quoting damaged text
        return Health(path, f"{path} is damaged ({unreadable(error)})")
    finally:
        conn.close()
    if problem is not None:
        return Health(path, f"{path}: the audit log is broken ({problem})", checked)
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
