"""The workspace's files on disk: its companions (-wal, -shm), private folders, and setting a file
aside under a new name without ever deleting it.

A workspace in WAL mode is its main file plus `<file>-wal`, which may hold committed changes not yet
copied into the main file. The two travel together: a main file without its log is an older state,
and a log beside the wrong main file is worse, so the log always moves first.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

from facilitator.errors import WorkspaceError

COMPANIONS = ("-wal", "-shm")


def file_stamp(when: datetime) -> str:
    """A UTC time for file names: sortable, readable, no colons (Windows), e.g.
    `2026-11-29T150203.123Z`."""
    utc = when.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H%M%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_file_stamp(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H%M%S.%fZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def unused_name(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem+suffix`, or with `-2`, `-3` ... added to the stem if that name is taken."""
    candidate = folder / f"{stem}{suffix}"
    n = 1
    while candidate.exists() or companion(candidate, "-wal").exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate


def private_folder(folder: Path) -> Path:
    """Make sure `folder` exists; folders this creates (parents too) are owner-only (0700). An
    existing folder keeps its permissions (it may be one the user chose and shares); the files
    in it are 0600 in any case."""
    missing = [f for f in (folder, *folder.parents) if not f.is_dir()]
    try:
        for new in reversed(missing):
            new.mkdir(mode=0o700, exist_ok=True)
            os.chmod(new, 0o700)  # mkdir's mode is narrowed by the umask, never widened
    except OSError as error:
        raise WorkspaceError(f"cannot create {folder}: {error.strerror or error}") from None
    return folder


def set_aside(path: Path, target: Path, *, keep_in_place: bool = False) -> None:
    """Move a workspace file and its companions to `target` (same folder), never deleting anything.

    With `keep_in_place`, the main file stays where it is too (a hard link, where the file system
    allows it), so that `path` never stops existing until the caller replaces it atomically.
    Raises WorkspaceError in one line; whatever was moved before a failure keeps its new name.
    A folder is never a workspace: it is refused, and nothing is moved.
    """
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a workspace file; nothing was moved")
    try:
        if keep_in_place:
            try:
                os.link(path, target)
            except OSError:
                keep_in_place = False  # e.g. FAT on a USB stick: no hard links
        for suffix in COMPANIONS:
            if companion(path, suffix).exists():
                os.replace(companion(path, suffix), companion(target, suffix))
        if not keep_in_place:
            os.replace(path, target)
        sync_folder(target.parent)
    except OSError as error:
        raise WorkspaceError(
            f"cannot set {path} aside as {target.name}: {error.strerror or error}"
        ) from None


def copy_owner_only(source: Path, out: Path) -> None:
    """Copy a file to `out` (0600), flushed to disk before this returns."""
    fd = os.open(out, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as target, source.open("rb") as original:
        shutil.copyfileobj(original, target, 1 << 20)
        target.flush()
        os.fsync(target.fileno())
    os.chmod(out, 0o600)


def sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX; Windows has no folder handles to flush)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
