"""Writing files that a person asked for, without ever leaving half a file behind, and never over
a database."""

from __future__ import annotations

import os
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


def write_atomically(out: Path, data: bytes) -> None:
    """Write `data` to `out` owner-only, via a temporary file in the same folder and a rename, so
    a failure leaves any old file as it was. Never replaces a database (see
    `refuse_database_target`). Raises FacilitatorError with one clear line."""
    out = Path(out)
    if out.is_dir():
        raise FacilitatorError(f"{out} is a folder; give a file name")
    refuse_database_target(out)
    if out.exists() and not os.access(out, os.W_OK):
        raise FacilitatorError(f"cannot write {out}: the file is read-only (it was left as it was)")
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise FacilitatorError(f"cannot write {out}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, out)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise FacilitatorError(f"cannot write {out}: {error.strerror or error}") from None
