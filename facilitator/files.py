"""Writing files that a person asked for, without ever leaving half a file behind, and never over
a database."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from facilitator.errors import FacilitatorError

SQLITE_HEADER = b"SQLite format 3\x00"
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # the first bytes of a -wal file
# Files that belong to a database beside them: its write-ahead log, shared memory, rollback
# journal and the workspace lock (`<workspace>.lock`).
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal", ".lock")


def refuse_database_target(out: Path, *, workspace: Path | None = None) -> None:
    """Raise FacilitatorError (one line) if writing `out` would replace a database: `workspace`
    or one of its companion files (see `refuse_workspace_target`), any existing SQLite file, or a
    companion of one. An export never replaces a database."""
    out = Path(out)
    if workspace is not None:
        refuse_workspace_target(out, workspace)
    if is_database(out):
        raise FacilitatorError(
            f"cannot write {out}: it is a database, which an export never replaces; choose"
            " another file name"
        )
    for suffix in DATABASE_COMPANIONS:
        if out.name.endswith(suffix) and len(out.name) > len(suffix):
            owner = out.with_name(out.name[: -len(suffix)])
            if is_database(owner):
                raise FacilitatorError(
                    f"cannot write {out}: it belongs to the database {owner}; choose another"
                    " file name"
                )
    if _starts_with(out, _WAL_MAGIC):
        raise FacilitatorError(
            f"cannot write {out}: it is a database's write-ahead log; choose another file name"
        )


def refuse_workspace_target(out: Path, workspace: Path) -> None:
    """Raise FacilitatorError (one line) if `out` is `workspace` under any name (a relative path,
    a symbolic or hard link) or one of its companion files (-wal, -shm, -journal, .lock)."""
    out, workspace = Path(out), Path(workspace)
    if _same_file(out, workspace):
        raise FacilitatorError(
            f"cannot write {out}: it is the workspace itself; choose another file name"
        )
    for suffix in DATABASE_COMPANIONS:
        if _same_file(out, workspace.with_name(workspace.name + suffix)):
            raise FacilitatorError(
                f"cannot write {out}: it belongs to the workspace {workspace}; choose another"
                " file name"
            )


def is_database(path: Path) -> bool:
    """Whether `path` is an existing SQLite file (by its header, whatever its name)."""
    return _starts_with(path, (SQLITE_HEADER,))


def _starts_with(path: Path, headers: tuple[bytes, ...]) -> bool:
    try:
        with open(path, "rb") as handle:
            first = handle.read(max(len(h) for h in headers))
    except OSError:  # missing, a folder, unreadable: nothing there that this could replace
        return False
    return any(first.startswith(h) for h in headers)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where the names lead
        return os.path.abspath(os.path.realpath(a)) == os.path.abspath(os.path.realpath(b))


def write_atomically(out: Path, data: bytes, *, private: bool = True) -> Path:
    """Put `data` at `out`, all or nothing: via a temporary file in the same folder, flushed to
    disk, then renamed onto `out`, so a failure leaves any old file as it was. `private`: the file
    is owner-only whatever it was before (meeting files and backups hold team-only items); else a
    file replaced keeps its mode (minutes a person may share) and a new one is owner-only.

    Never replaces a database (see `refuse_database_target`). Raises FacilitatorError with one
    clear line when the target is a folder, a database, read-only, or its folder is missing,
    or when the disk is full or read-only."""
    out = Path(out)
    folder = out.parent
    if out.is_dir():
        raise FacilitatorError(f"cannot write {out}: it is a folder; give a file name")
    refuse_database_target(out)
    if not folder.is_dir():
        raise FacilitatorError(f"cannot write {out}: the folder {folder} does not exist")
    old_mode = _mode(out)
    if old_mode is not None and not (old_mode & stat.S_IWUSR and os.access(out, os.W_OK)):
        raise FacilitatorError(f"cannot write {out}: the file is read-only")
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as error:
        raise FacilitatorError(f"cannot write {out}: {_reason(error)}") from None
    temp = Path(temp_name)  # owner-only, as mkstemp makes it
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if old_mode is not None and not private:
            os.chmod(temp, stat.S_IMODE(old_mode))
        os.replace(temp, out)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise FacilitatorError(f"cannot write {out}: {_reason(error)}") from None
    return out


def _mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        raise FacilitatorError(f"cannot write {path}: {_reason(error)}") from None


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    if isinstance(error, PermissionError):
        return "permission denied (the file may be open in another program, or read-only)"
    return error.strerror or str(error)
