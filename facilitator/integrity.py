"""Checking a workspace (`facilitator verify`) and copying it safely (`facilitator backup`)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from facilitator.audit import verify_chain
from facilitator.errors import FacilitatorError
from facilitator.store import Workspace


@dataclass(frozen=True)
class VerifyReport:
    integrity: str  # "ok" or SQLite's first complaint
    events_checked: int
    chain_problem: str | None

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.chain_problem is None

    def lines(self) -> list[str]:
        out = [
            "database integrity: ok"
            if self.integrity == "ok"
            else f"database integrity: FAILED ({self.integrity})"
        ]
        if self.chain_problem is None:
            out.append(f"audit chain: ok ({self.events_checked} events)")
        else:
            out.append(f"audit chain: BROKEN at {self.chain_problem}")
        return out


def verify(ws: Workspace) -> VerifyReport:
    """SQLite's integrity check plus the audit chain; `ok` only when both hold."""
    try:
        problems = [r[0] for r in ws.conn.execute("PRAGMA integrity_check(20)")]
        foreign = ws.conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as error:
        return VerifyReport(f"damaged: {error}", 0, "not checked: the file is damaged")
    integrity = "ok" if problems == ["ok"] else "; ".join(problems[:3])
    if integrity == "ok" and foreign:
        integrity = f"{len(foreign)} rows point at missing rows (first in {foreign[0][0]})"
    try:
        chain = verify_chain(ws.conn)
    except sqlite3.DatabaseError as error:
        return VerifyReport(integrity, 0, f"unreadable audit log: {error}")
    return VerifyReport(integrity, chain.events_checked, chain.problem)


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
