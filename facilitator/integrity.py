"""Checking a workspace (`facilitator verify`) and copying it safely (`facilitator backup`)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from facilitator.audit import verify_chain
from facilitator.errors import FacilitatorError, WorkspaceError
from facilitator.schema_version import APPLICATION_ID, SCHEMA_VERSION
from facilitator.store import Workspace
from facilitator.store_file import damage_in


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of `verify`. `damaged`: the file could not be read as a workspace at all;
    `integrity` then says why in one line, and the audit chain was not checked."""

    integrity: str  # "ok", SQLite's first complaints, or (damaged) why the file cannot be read
    events_checked: int
    chain_problem: str | None
    damaged: bool = False

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.chain_problem is None and not self.damaged

    @property
    def summary(self) -> str:
        """One line for a person: what holds, or the first thing that does not."""
        if self.damaged:
            return self.integrity
        if self.integrity != "ok":
            return f"the database is damaged ({self.integrity})"
        if self.chain_problem is not None:
            return f"the audit chain is broken at {self.chain_problem}"
        return f"verifies (database ok, audit chain ok: {self.events_checked} events)"

    def lines(self) -> list[str]:
        """What `facilitator verify` prints: one line per check, or one line for a damaged file."""
        if self.damaged or self.integrity != "ok":
            return [f"database integrity: FAILED: {self.summary}; the audit chain was not checked"]
        out = ["database integrity: ok"]
        if self.chain_problem is None:
            out.append(f"audit chain: ok ({self.events_checked} events)")
        else:
            out.append(f"audit chain: BROKEN at {self.chain_problem}")
        return out


def verify(ws: Workspace) -> VerifyReport:
    """SQLite's integrity check plus the audit chain; `ok` only when both hold."""
    return _verify_connection(ws.conn, ws.path)


def verify_file(path: Path) -> VerifyReport:
    """`verify` a workspace file (or a backup) without writing to it, nor creating anything.

    Never raises for a bad file: one that is missing, damaged, or not a workspace at all comes
    back as a report that is not `ok` (and `damaged`), with the reason in one line.
    """
    try:
        conn = read_only_connection(Path(path))
    except WorkspaceError as error:
        return VerifyReport(str(error), 0, None, damaged=True)
    try:
        return _verify_connection(conn, Path(path))
    finally:
        conn.close()


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that never writes to `path`, for checking it: any workspace this app can
    open, including one of an older schema (which a read-only `Workspace` refuses, since it cannot
    update it). Raises WorkspaceError with one line for anything else."""
    try:
        return Workspace.open(path, read_only=True).conn
    except WorkspaceError as error:
        refused = error
    except OSError as error:
        raise WorkspaceError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        raise refused from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except (sqlite3.Error, UnicodeDecodeError):
        app_id, version = None, 0
    if app_id == APPLICATION_ID and 0 < version < SCHEMA_VERSION:
        return conn
    conn.close()
    raise refused from None


def one_line(problems: list[str], most: int = 3) -> str:
    """SQLite's integrity complaints (which may span lines) as one line for a person."""
    return "; ".join(" ".join(str(p).split()) for p in problems[:most])


def _verify_connection(conn: sqlite3.Connection, path: Path) -> VerifyReport:
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # text SQLite quotes from the file
        return VerifyReport(f"{path} is damaged ({unreadable(error)})", 0, None, damaged=True)
    integrity = "ok" if problems == ["ok"] else one_line(problems)
    if integrity == "ok" and foreign:
        integrity = f"{len(foreign)} rows point at missing rows (first in {foreign[0][0]})"
    try:
        chain = verify_chain(conn)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return VerifyReport(integrity, 0, f"unreadable audit log: {unreadable(error)}")
    return VerifyReport(integrity, chain.events_checked, chain.problem)


def unreadable(error: sqlite3.DatabaseError | UnicodeDecodeError) -> str:
    """Why SQLite could not read a file, in one line (what it quotes from a damaged file may not
    even be UTF-8)."""
    return damage_in(error) or " ".join(str(error).split())


def backup(ws: Workspace, out: Path) -> Path:
    """A consistent, owner-only copy made with SQLite's backup API, safe while others write.

    Written to a temporary file beside `out` and renamed, so a failure never leaves half a copy.
    """
    out = Path(out)
    if out.resolve() == ws.path.resolve():
        raise FacilitatorError("the backup cannot overwrite the workspace itself")
    if out.is_dir():
        raise FacilitatorError(f"{out} is a folder; give a file name")
    temp = out.with_name(f".{out.name}.partial")
    try:
        fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        os.close(fd)
        target = sqlite3.connect(temp)
        try:
            ws.conn.backup(target, pages=256)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.chmod(temp, 0o600)
        os.replace(temp, out)
    except (OSError, sqlite3.Error) as error:
        temp.unlink(missing_ok=True)
        text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise FacilitatorError(f"cannot write the backup {out}: {text}") from None
    return out
