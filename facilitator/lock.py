"""One writer per workspace: the window holds a lock beside the file while it is open.

The lock is an OS file lock (flock on POSIX, msvcrt on Windows) on `<workspace>.lock`, so it is
released by the operating system when the process dies: a crash never leaves a stale lock. The lock
file names the program holding it, so a second window can say who has the workspace.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO

from facilitator.errors import WorkspaceError


class WorkspaceLock:
    """Held for as long as a window writes to the workspace."""

    def __init__(self, workspace: Path) -> None:
        self.path = Path(f"{workspace}.lock")
        self._handle: IO[str] | None = None

    def acquire(self, *, program: str = "Facilitator") -> None:
        """Take the lock or raise WorkspaceError naming whoever holds it."""
        try:
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open on purpose
            os.chmod(self.path, 0o600)
        except OSError as error:
            raise WorkspaceError(f"cannot lock {self.path}: {error.strerror or error}") from None
        if not _try_lock(handle):
            handle.seek(0)
            holder = _describe(handle.read())
            handle.close()
            raise WorkspaceError(f"this workspace is already open in {holder}")
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"program": program, "pid": os.getpid(), "host": _host_name()}))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing releases the OS lock
            self._handle = None

    def __enter__(self) -> WorkspaceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _describe(text: str) -> str:
    try:
        holder = json.loads(text)
        return f"{holder['program']} (process {holder['pid']} on {holder['host']})"
    except (ValueError, KeyError, TypeError):
        return "another program"


def _host_name() -> str:
    if hasattr(os, "uname"):
        return os.uname().nodename
    import platform  # pragma: no cover - Windows; elsewhere its import costs start-up time

    return platform.node()  # pragma: no cover
