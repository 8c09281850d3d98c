"""Automatic backups: owner-only copies of the workspace taken while a meeting runs, thinned by age,
listed for the restore window, and restored without ever deleting the file they replace.

A backup is a workspace file in the backups folder (`<UTC time>_<workspace>_<reason>.sqlite3`)
with a small JSON sidecar beside it (`.json`: when, which workspace, why, which meetings), so a
list of backups never has to open the copies. Backups are not meeting changes: making one records
nothing in the workspace's audit log.

The window drives the timing through `BackupScheduler` (pure logic, no threads) and makes each
backup in a worker thread with its own `Workspace` (e.g. `Workspace.open(path, read_only=True)`),
so a backup never blocks the meeting; the same worker then calls `thin(policy, local now)`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, get_args

from facilitator import paths
from facilitator.clock import Clock, SystemClock, format_timestamp, parse_timestamp
from facilitator.errors import FacilitatorError, WorkspaceError
from facilitator.files import write_atomically
from facilitator.integrity import VerifyReport, backup, verify_file
from facilitator.lock import WorkspaceLock
from facilitator.store import Workspace
from facilitator.workspace_files import (
    copy_owner_only,
    file_stamp,
    parse_file_stamp,
    private_folder,
    set_aside,
    sync_folder,
    unused_name,
)

BackupReason = Literal["meeting-start", "periodic", "meeting-end", "manual", "before-restore"]
REASONS: tuple[BackupReason, ...] = get_args(BackupReason)
SIDECAR_FORMAT = "facilitator-backup"
_SUFFIX = ".sqlite3"


def default_backup_folder() -> Path:
    """`backups` in the per-user data folder (outside the workspace's folder, unless the workspace
    lives in the data folder too)."""
    return paths.data_dir() / "backups"


@dataclass(frozen=True)
class BackupPolicy:
    """Where automatic backups go, how often they are taken, and how long they are kept.

    Every backup of the last `keep_all_days` calendar days is kept (1: today), then the newest
    of each day for `keep_daily_days` more days; older ones are removed by `thin`. The newest
    backup of a workspace is never removed.
    """

    folder: Path = field(default_factory=default_backup_folder)
    interval_minutes: float = 5
    keep_all_days: int = 1
    keep_daily_days: int = 30


@dataclass(frozen=True)
class BackupMeeting:
    """A meeting as a backup holds it (for the restore window's list)."""

    id: int
    title: str
    status: str


@dataclass(frozen=True)
class BackupInfo:
    """One backup, as its sidecar describes it. `report` verifies the copy on first use only."""

    path: Path
    created_at: datetime
    workspace: Path | None
    reason: str
    schema_version: int
    meetings: tuple[BackupMeeting, ...]

    @cached_property
    def report(self) -> VerifyReport:
        return verify_backup(self.path)

    @property
    def verifies(self) -> bool:
        """Whether the copy passes `verify` (integrity and audit chain); checked once, lazily."""
        return self.report.ok

    def is_of(self, workspace: Path) -> bool:
        return self.workspace is not None and self.workspace == Path(workspace).resolve()


def verify_backup(path: Path) -> VerifyReport:
    """`facilitator verify` on a backup copy, without writing to it."""
    return verify_file(path)


def make_backup(ws: Workspace, policy: BackupPolicy, *, reason: BackupReason) -> Path:
    """Write a consistent, owner-only copy of the workspace into the policy's folder; returns it.

    Records nothing in the workspace. The time in its name is the workspace clock's (UTC).
    Raises FacilitatorError with one line (e.g. the disk is full); no half copy is ever left.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    folder = private_folder(Path(policy.folder))
    at = ws.clock.now()
    out = unused_name(folder, f"{file_stamp(at)}_{_safe(ws.path.stem)}_{reason}", _SUFFIX)
    backup(ws, out)
    sidecar: dict[str, Any] = {
        "format": SIDECAR_FORMAT,
        "version": 1,
        "created_at": format_timestamp(at),
        "workspace": str(ws.path.resolve()),
        "reason": reason,
        **_contents(out),
    }
    write_sidecar(out, sidecar)
    return out


def write_sidecar(copy: Path, data: dict[str, Any]) -> None:
    """(Re)write a backup's index entry (a copy without one is still listed, from the copy)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    write_atomically(copy.with_suffix(".json"), text.encode("utf-8"))


def read_sidecar(copy: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(copy.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == SIDECAR_FORMAT else None


def list_backups(policy: BackupPolicy, workspace: Path | None = None) -> list[BackupInfo]:
    """The backups in the policy's folder (only `workspace`'s, if given), newest first.

    Cheap: reads the sidecars only; whether each copy verifies is checked when asked (`verifies`).
    """
    folder = Path(policy.folder)
    if not folder.is_dir():
        return []
    found = [_info(copy) for copy in folder.glob(f"*{_SUFFIX}") if not copy.name.startswith(".")]
    if workspace is not None:
        found = [info for info in found if info.is_of(workspace)]
    return sorted(found, key=lambda info: (info.created_at, info.path.name), reverse=True)


def thin(policy: BackupPolicy, now: datetime) -> list[Path]:
    """Remove backups the policy no longer keeps (with their sidecars); returns the copies removed.

    Days are counted in `now`'s time zone (pass a local aware time for the facilitator's days; a
    naive one is taken as UTC). Each workspace's backups are thinned on their own, and the newest
    backup of each is always kept. A copy that cannot be removed is left and not reported.
    """
    zone = now.tzinfo or UTC
    today = now.replace(tzinfo=zone).date()
    by_workspace: dict[Path | None, list[BackupInfo]] = defaultdict(list)
    for info in list_backups(policy):
        by_workspace[info.workspace].append(info)
    removed: list[Path] = []
    for infos in by_workspace.values():
        daily_kept: set[date] = set()
        for n, info in enumerate(infos):  # newest first
            day = info.created_at.astimezone(zone).date()
            age = (today - day).days
            if n == 0 or age < policy.keep_all_days:
                daily_kept.add(day)
                continue
            if age < policy.keep_all_days + policy.keep_daily_days and day not in daily_kept:
                daily_kept.add(day)
                continue
            if _remove(info.path):
                removed.append(info.path)
    return removed


class BackupScheduler:
    """When to take an automatic backup. Pure logic: no threads, no timers, no Qt.

    The window calls the `on_*` methods as things happen and `tick` from a timer; each returns
    True when a backup is due now (the reason follows from the call: `meeting-start`,
    `periodic`, `meeting-end`). The scheduler then counts that backup as taken; if making it
    fails, call `backup_failed` so that the next `tick` tries again.
    """

    def __init__(self, policy: BackupPolicy, clock: Clock | None = None) -> None:
        self.policy = policy
        self.clock = clock or SystemClock()
        self.meeting_id: int | None = None
        self.changed = False
        self.last_backup_at: datetime | None = None

    @property
    def live(self) -> bool:
        return self.meeting_id is not None

    def on_meeting_started(self, meeting_id: int) -> bool:
        """A meeting started (or a live one was resumed): back up now, before it changes."""
        self.meeting_id = meeting_id
        return self._taken(self.clock.now())

    def on_change(self) -> bool:
        """Something was recorded: due at once if the last backup is older than the interval."""
        if not self.live:
            return False
        self.changed = True
        return self.tick()

    def tick(self, now: datetime | None = None) -> bool:
        """Due when a meeting is live, something changed since the last backup, and the interval
        has passed since it."""
        now = now or self.clock.now()
        if not (self.live and self.changed):
            return False
        interval = timedelta(minutes=self.policy.interval_minutes)
        if self.last_backup_at is not None and now - self.last_backup_at < interval:
            return False
        return self._taken(now)

    def on_meeting_ended(self) -> bool:
        """The meeting ended: back up its final state (always due if a meeting was live)."""
        if not self.live:
            return False
        self.meeting_id = None
        return self._taken(self.clock.now())

    def backup_failed(self) -> None:
        """The backup that was due could not be made: try again at the next `tick`."""
        self.changed = True
        self.last_backup_at = None

    def _taken(self, now: datetime) -> bool:
        self.changed = False
        self.last_backup_at = now
        return True


def restore(
    backup: Path,
    workspace: Path,
    policy: BackupPolicy,
    *,
    lock: WorkspaceLock | None = None,
    clock: Clock | None = None,
) -> Path | None:
    """Put a backup in the workspace's place; returns where the replaced file was set aside.

    Refuses (WorkspaceError, one line, nothing changed) if another program holds the workspace
    lock or the backup does not verify. Otherwise: takes a `before-restore` backup of the current
    workspace (when it can still be opened), sets the current file and its -wal/-shm aside as
    `<name>.before-restore-<UTC time>.sqlite3` beside it (never deleted), and replaces it
    atomically with a copy of the backup. Returns None when there was no workspace file.

    `lock`: the caller's own hold on the workspace lock, if it has one (a window restoring the
    workspace it has open passes its lock, after closing its `Workspace`).
    """
    backup, workspace = Path(backup), Path(workspace)
    clock = clock or SystemClock()
    if not backup.is_file():
        raise WorkspaceError(f"no backup at {backup}")
    if backup.resolve() == workspace.resolve():
        raise WorkspaceError(f"{backup} is the workspace itself")
    own_lock = lock is None
    held = lock or WorkspaceLock(workspace)
    if own_lock:
        held.acquire(program="Facilitator (restoring a backup)")
    try:
        report = verify_backup(backup)
        if not report.ok:
            raise WorkspaceError(
                f"{backup.name} cannot be restored: {report.summary}; nothing was changed"
            )
        return _put_in_place(backup, workspace, policy, clock)
    finally:
        if own_lock:
            held.release()


def _put_in_place(backup: Path, workspace: Path, policy: BackupPolicy, clock: Clock) -> Path | None:
    folder = workspace.parent
    temp = folder / f".{workspace.name}.restoring"
    try:
        copy_owner_only(backup, temp)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise WorkspaceError(
            f"cannot restore into {folder}: {error.strerror or error}; nothing was changed"
        ) from None
    aside: Path | None = None
    try:
        if workspace.exists():
            _before_restore_backup(workspace, policy, clock)
            stem = f"{workspace.stem}.before-restore-{file_stamp(clock.now())}"
            aside = unused_name(folder, stem, workspace.suffix or _SUFFIX)
            set_aside(workspace, aside, keep_in_place=True)
        temp.replace(workspace)
        sync_folder(folder)
    except OSError as error:
        kept = f"; the previous file is {aside}" if aside else ""
        text = error.strerror or str(error)
        raise WorkspaceError(f"cannot restore {workspace}: {text}{kept}") from None
    finally:
        temp.unlink(missing_ok=True)
    return aside


def _before_restore_backup(workspace: Path, policy: BackupPolicy, clock: Clock) -> None:
    """A last backup of what is about to be replaced; skipped if the file cannot be opened (it is
    damaged, which is often why it is restored): the file itself is set aside in any case."""
    try:
        with Workspace.open(workspace, clock=clock, create=False) as ws:
            make_backup(ws, policy, reason="before-restore")
    except FacilitatorError:
        pass


def _contents(copy: Path) -> dict[str, Any]:
    """What the restore window shows of a copy: its schema version and meetings."""
    try:
        with Workspace.open(copy, read_only=True) as ws:
            return {
                "schema_version": ws.scalar("PRAGMA user_version"),
                "meetings": ws.rows("SELECT id, title, status FROM meetings ORDER BY id"),
            }
    except (FacilitatorError, OSError):
        return {"schema_version": 0, "meetings": []}


def _info(copy: Path) -> BackupInfo:
    data = read_sidecar(copy)
    if data is not None:
        try:
            return _from_sidecar(copy, data)
        except (KeyError, TypeError, ValueError):
            pass  # a hand-edited sidecar: fall back to the copy
    # No usable sidecar: describe the copy from its name and its contents.
    stamp, _, rest = copy.stem.partition("_")
    created = parse_file_stamp(stamp) or datetime.fromtimestamp(copy.stat().st_mtime, UTC)
    contents = _contents(copy)
    return BackupInfo(
        path=copy,
        created_at=created,
        workspace=None,
        reason=rest.rpartition("_")[2],
        schema_version=contents["schema_version"],
        meetings=tuple(_meetings(contents["meetings"])),
    )


def _from_sidecar(copy: Path, data: dict[str, Any]) -> BackupInfo:
    workspace = data.get("workspace")
    return BackupInfo(
        path=copy,
        created_at=parse_timestamp(str(data["created_at"])),
        workspace=Path(workspace) if isinstance(workspace, str) else None,
        reason=str(data.get("reason", "")),
        schema_version=int(data.get("schema_version") or 0),
        meetings=tuple(_meetings(data.get("meetings"))),
    )


def _meetings(rows: object) -> Iterable[BackupMeeting]:
    if isinstance(rows, list):
        for row in rows:
            yield BackupMeeting(int(row["id"]), str(row["title"]), str(row["status"]))


def _remove(copy: Path) -> bool:
    try:
        copy.unlink()
    except OSError:
        return False
    copy.with_suffix(".json").unlink(missing_ok=True)
    return True


def _safe(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", stem).strip("-.") or "workspace"
