"""One writer per workspace: the window holds a lock beside the file while it is open.

The lock is an OS file lock (flock on POSIX, msvcrt on Windows) on `<workspace>.lock`, so it is
released by the operating system when the process dies: a crash never leaves a stale lock. The lock
file names the program holding it, so a second window can say who has the workspace, and keeps the
holder's note that the workspace turned out damaged (`note_damage`), for the next holder.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import IO, NamedTuple

from facilitator.errors import WorkspaceError


class DamageNote(NamedTuple):
    """A holder found the workspace damaged while it had it open: `problem` in one line, and
    `file`, the (device, inode) of the file it found damaged (a file restored in its place since
    is another file)."""

    problem: str
    file: tuple[int, int]


class WorkspaceLock:
    """Held for as long as a window writes to the workspace.

    `noted_damage`: what the previous holder noted as damaged (`note_damage`), read on `acquire`.
    """

    def __init__(self, workspace: Path) -> None:
        self.path = Path(f"{workspace}.lock")
        self.noted_damage: DamageNote | None = None
        self._handle: IO[str] | None = None
        self._holder: dict[str, object] = {}

    def acquire(self, *, program: str = "Facilitator") -> None:
        """Take the lock or raise WorkspaceError naming whoever holds it."""
        try:
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open on purpose
        except OSError as error:
            raise WorkspaceError(f"cannot lock {self.path}: {error.strerror or error}") from None
        with contextlib.suppress(OSError):  # another user's, beside a shared workspace: it locks
            os.chmod(self.path, 0o600)
        if not _try_lock(handle):
            handle.seek(0)
            holder = _describe(handle.read())
            handle.close()
            raise WorkspaceError(f"this workspace is already open in {holder}")
        handle.seek(0)
        self.noted_damage = _damage_note(handle.read())
        self._handle = handle
        self._holder = {"program": program, "pid": os.getpid(), "host": _host_name()}
        self._write(self._holder)

    def note_damage(self, note: DamageNote | None) -> None:
        """Leave word in the lock file that the workspace is damaged (None: take it back), so
        that the next program to take the lock sets it aside, even after a crash. Only while
        held; best effort (a full disk may not take it)."""
        if self._handle is None:
            return
        holder = dict(self._holder)
        if note is not None:
            holder["damaged"] = {"problem": note.problem, "file": list(note.file)}
        self._write(holder)

    def _write(self, holder: dict[str, object]) -> None:
        assert self._handle is not None
        fd = self._handle.fileno()
        try:  # unbuffered, so nothing is left to fail again on close
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(holder).encode("utf-8"))  # appends: at the start
        except OSError:
            pass  # a full disk: the OS lock is held all the same; only the holder's name is lost

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing releases the OS lock
            self._handle = None

    def __enter__(self) -> WorkspaceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _try_lock(handle: IO[str], *, shared: bool = False) -> bool:
    """Take the OS lock without waiting. `shared`: only to see whether anyone holds it (it goes
    when `handle` is closed)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBRLCK if shared else msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def held_elsewhere(workspace: Path) -> bool:
    """Whether some program (this one included, through another `WorkspaceLock`) holds the
    workspace's lock. Never creates the lock file: no file, no holder."""
    try:
        handle = open(f"{workspace}.lock", encoding="utf-8")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot tell: assume someone has it
    try:
        return not _try_lock(handle, shared=True)
    finally:
        handle.close()


def _damage_note(text: str) -> DamageNote | None:
    try:
        noted = json.loads(text)["damaged"]
        dev, ino = noted["file"]
        return DamageNote(str(noted["problem"]), (int(dev), int(ino)))
    except (ValueError, KeyError, TypeError):
        return None


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
