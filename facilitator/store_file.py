"""The file beneath the store: opening and connecting to it, checking what it is, keeping it
private, and saying in one line what went wrong with it (`facilitator.store` uses these)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

from facilitator.errors import WorkspaceError
from facilitator.files import SQLITE_HEADER
from facilitator.schema_version import APPLICATION_ID, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000
FULL_BELOW_BYTES = 1 << 20
"""A folder with less free space than this is full, for saying why the workspace cannot be opened
(SQLite needs 32 KiB for the -shm index alone)."""


def file_identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def create_owner_only(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as error:
        raise WorkspaceError(
            f"cannot create a workspace at {path}: {error.strerror or error}"
        ) from None


def check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise WorkspaceError(f"cannot read {path}: {error.strerror or error}") from None
    if header and header.strip(b"\x00") == b"":
        raise WorkspaceError(f"{path} is damaged: its header is blank (not a usable workspace)")
    if header and header != SQLITE_HEADER:
        raise WorkspaceError(f"{path} is not a Facilitator workspace (not an SQLite database)")


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?{flags}",
        uri=True,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )


def configure(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Deleted text is overwritten with zeros, not left in free pages of the file.
        conn.execute("PRAGMA secure_delete = ON")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = read_schema(conn)
        if has_tables and app_id != APPLICATION_ID:
            raise WorkspaceError(f"{path} is an SQLite database, but not a Facilitator workspace")
        if version > SCHEMA_VERSION:
            raise WorkspaceError(newer(path, version))
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise WorkspaceError(f"cannot use {path}: the folder does not allow a write-ahead log")
        conn.execute("PRAGMA synchronous = FULL")
        if version < SCHEMA_VERSION:
            migrate(conn)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise open_failure(error, path) from None


def configure_read_only(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = ON")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        read_schema(conn)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise open_failure(error, path) from None
    if app_id != APPLICATION_ID:
        raise WorkspaceError(f"{path} is not a Facilitator workspace")
    if version > SCHEMA_VERSION:
        raise WorkspaceError(newer(path, version))
    if version < SCHEMA_VERSION:
        raise WorkspaceError(
            f"{path} needs updating before it can be read; open it once without read-only"
        )


def read_schema(conn: sqlite3.Connection) -> bool:
    """Read the schema's text (a few dozen short rows: well under a millisecond), so damage to it
    is found at open rather than by the first query that needs the damaged part. Whether the
    file holds any table (or index...) at all."""
    return bool(conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall())


def keep_private(path: Path) -> None:
    """Take group and other permissions off the workspace and its companions: best effort.

    Never adds any (a file the user made read-only stays so), and a file of another owner (a
    workspace shared on purpose) is left as it is: hardening is no reason to refuse to open."""
    for file in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
        try:
            mode = stat.S_IMODE(os.stat(file).st_mode)
            if mode & 0o077:
                os.chmod(file, mode & ~0o077)
        except OSError:  # gone meanwhile, or not ours to change (EPERM)
            continue


def damage_in(error: BaseException) -> str | None:
    """What `error` says is wrong with the file, in a few words, when it means the file itself is
    damaged: SQLite found a malformed page (or no database at all), or stored text is not UTF-8.
    None for anything else (a busy file, a full disk, a bug).

    A UnicodeDecodeError is damage only when an SQLite call raised it (its message quoted damaged
    bytes of the schema): pass one only from around such a call."""
    if isinstance(error, UnicodeDecodeError) and isinstance(error.object, bytes):
        return one_line(error.object.decode("utf-8", "replace"))
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:  # SQLite's own: its code says (its words may not: "malformed JSON")
        damaged = code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    else:  # Python's, reading a stored text
        damaged = str(error).startswith("Could not decode to UTF-8")
    return one_line(str(error)) if damaged else None


def one_line(text: str) -> str:
    return " ".join(text.split())


class Unwritable(WorkspaceError):
    """The workspace could not be opened because nothing can be written beside it (its -shm
    index): `refusal` is what every operation says if it is read without that index."""

    def __init__(self, message: str, refusal: str) -> None:
        super().__init__(message)
        self.refusal = refusal


def open_failure(error: sqlite3.Error | UnicodeDecodeError, path: Path) -> WorkspaceError:
    damage = damage_in(error)
    if damage is not None:
        return WorkspaceError(f"{path} is damaged or not a Facilitator workspace ({damage})")
    text = one_line(str(error))
    if "readonly" in text or "read-only" in text:
        return WorkspaceError(f"cannot write to {path}: the file or its folder is read-only")
    if "locked" in text or "busy" in text:
        return WorkspaceError(f"{path} is busy: another program is writing to it")
    if cannot_write_beside(error):
        if disk_full(path):
            return Unwritable(
                f"cannot open {path}: the disk holding it is full (free some space; nothing"
                " stored is lost)",
                "not recorded: the disk is full (free some space, then open the workspace again;"
                " everything before this is safe)",
            )
        return Unwritable(
            f"cannot open {path}: {text}",
            f"not recorded: {path} could only be opened read-only ({text})",
        )
    return WorkspaceError(f"cannot open {path}: {text}")


def cannot_write_beside(error: sqlite3.Error | UnicodeDecodeError) -> bool:
    """An I/O error (or a full disk) while opening: SQLite could not make or grow the files it
    keeps beside the workspace (-shm, -wal)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return False
    return code & 0xFF in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN)


def disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < FULL_BELOW_BYTES
    except OSError:
        return False


def newer(path: Path, version: int) -> str:
    return (
        f"{path} was written by a newer version of Facilitator (schema {version}; this"
        f" version knows up to {SCHEMA_VERSION}); please update the app"
    )


def migrate(conn: sqlite3.Connection) -> None:
    # Only a new or older file pays for the migrations and sqlite-utils.
    from sqlite_utils import Database

    from facilitator.schema import migrations

    migrations.apply(Database(conn))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def write_failure(error: sqlite3.Error, path: Path) -> str:
    text = one_line(str(error))
    if "full" in text or (cannot_write_beside(error) and disk_full(path)):
        return "not recorded: the disk is full (free some space; everything before this is safe)"
    if "readonly" in text or "read-only" in text:
        return f"not recorded: {path} is read-only"
    if "locked" in text or "busy" in text:
        return "not recorded: another program is writing to the workspace; try again"
    return f"not recorded: {text}"
