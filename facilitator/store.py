"""The workspace: one SQLite file that is the only truth, and the one way to change it.

Every change goes through `Workspace.operation()`: one write transaction, one audit event, and a
list of row changes (before and after images) that makes the operation undoable. The connection is
WAL with `synchronous=FULL`, so an operation that returned is on disk.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from facilitator.audit import append_event
from facilitator.clock import Clock, SystemClock, format_timestamp
from facilitator.errors import NotFound, WorkspaceError
from facilitator.store_file import (
    BUSY_TIMEOUT_MS,
    Unwritable,
    check_header,
    configure,
    configure_read_only,
    connect_read_only,
    create_owner_only,
    damage_in,
    file_identity,
    keep_private,
    write_failure,
)

Row = dict[str, Any]
# Tables whose rows are keyed by something other than a single `id` column.
_KEYS: Mapping[str, tuple[str, ...]] = {"solution_concerns": ("solution_id", "concern_id")}


def row_key(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    return {column: row[column] for column in _KEYS.get(table, ("id",))}


class RowChange(NamedTuple):
    """One row as it was before and after an operation (None: the row did not exist)."""

    table: str
    key: dict[str, Any]
    before: Row | None
    after: Row | None

    def as_json(self) -> dict[str, Any]:
        return {"table": self.table, "key": self.key, "before": self.before, "after": self.after}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RowChange:
        return cls(data["table"], dict(data["key"]), data["before"], data["after"])


class Change(NamedTuple):
    """What an operation did: the event that records it and the tables it touched.

    Screens refresh only what `tables` names, so panels never need to call each other.
    """

    event_id: int
    kind: str
    meeting_id: int | None
    tables: frozenset[str]
    created_id: int | None = None
    undoable: bool = True


class Operation:
    """An open write transaction that records every row it changes."""

    __slots__ = ("at", "conn", "created_id", "event_id", "kind", "meeting_id", "rows", "undoable")

    def __init__(self, conn: sqlite3.Connection, at: str, kind: str, meeting_id: int | None):
        self.conn = conn
        self.at = at
        self.kind = kind
        self.meeting_id = meeting_id
        self.rows: list[RowChange] = []
        self.created_id: int | None = None
        self.event_id = 0
        self.undoable = True

    @property
    def change(self) -> Change:
        """What the committed operation did (valid once the `with` block has exited)."""
        return Change(
            event_id=self.event_id,
            kind=self.kind,
            meeting_id=self.meeting_id,
            tables=frozenset(r.table for r in self.rows),
            created_id=self.created_id,
            undoable=self.undoable and bool(self.rows),
        )

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        columns = list(values)
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [values[c] for c in columns],
        )
        rowid = int(cursor.lastrowid or 0)
        key = {c: values[c] for c in _KEYS[table]} if table in _KEYS else {"id": rowid}
        self.rows.append(RowChange(table, key, None, self._fetch(table, key)))
        if self.created_id is None and table not in _KEYS:
            self.created_id = rowid
        return rowid

    def update(self, table: str, key: Mapping[str, Any] | int, values: Mapping[str, Any]) -> Row:
        """Change some columns of one row; returns the row as it was. A no-op leaves no trace."""
        where = {"id": key} if isinstance(key, int) else dict(key)
        before = self._fetch(table, where)
        if before is None:
            raise NotFound(f"{table.replace('_', ' ')} {_describe(where)} does not exist")
        if all(before.get(c) == v for c, v in values.items()):
            return before
        sets = ", ".join(f"{c} = ?" for c in values)
        self.conn.execute(
            f"UPDATE {table} SET {sets} WHERE {_where(where)}", [*values.values(), *where.values()]
        )
        self.rows.append(RowChange(table, where, before, self._fetch(table, where)))
        return before

    def delete(self, table: str, key: Mapping[str, Any] | int) -> Row:
        where = {"id": key} if isinstance(key, int) else dict(key)
        before = self._fetch(table, where)
        if before is None:
            raise NotFound(f"{table.replace('_', ' ')} {_describe(where)} does not exist")
        self.conn.execute(f"DELETE FROM {table} WHERE {_where(where)}", list(where.values()))
        self.rows.append(RowChange(table, where, before, None))
        return before

    def restore(self, change: RowChange, *, forward: bool) -> None:
        """Put one recorded row back to its after (forward) or before image."""
        target = change.after if forward else change.before
        current = self._fetch(change.table, change.key)
        if target is None:
            if current is not None:
                self.delete(change.table, change.key)
        elif current is None:
            self.insert(change.table, target)
        else:
            self.update(change.table, change.key, target)

    def _fetch(self, table: str, key: Mapping[str, Any]) -> Row | None:
        cursor = self.conn.execute(f"SELECT * FROM {table} WHERE {_where(key)}", list(key.values()))
        row = cursor.fetchone()
        if row is None:
            return None
        return {d[0]: v for d, v in zip(cursor.description, row, strict=True)}

    def fetch(self, table: str, key: Mapping[str, Any] | int) -> Row | None:
        return self._fetch(table, {"id": key} if isinstance(key, int) else key)


def _where(key: Mapping[str, Any]) -> str:
    return " AND ".join(f"{c} = ?" for c in key)


def _describe(key: Mapping[str, Any]) -> str:
    return ", ".join(str(v) for v in key.values())


class Workspace:
    """An open workspace file. Not thread-safe: a worker thread opens its own `Workspace`.

    `read_only` is true when it was opened with `read_only=True`, or could only be read (see
    `open`): every operation is refused, saying why. `damage` is the first sign of damage an
    operation met (one line), None while none has.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        clock: Clock,
        *,
        read_only: bool = False,
        refusal: str = "",
    ) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.read_only = read_only
        self.refusal = refusal or f"not recorded: {path} is open read-only"
        self.damage: str | None = None
        self._file = file_identity(path)  # the file this connection reads, whatever its name

    @property
    def file_identity(self) -> tuple[int, int] | None:
        """The file this connection reads (device, inode), whatever stands at `path` now."""
        return self._file

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        clock: Clock | None = None,
        create: bool = True,
        read_only: bool = False,
    ) -> Workspace:
        """Open (or create, owner-only) a workspace, applying pending migrations.

        Raises `WorkspaceError` with one clear line for anything that is not a usable workspace:
        another kind of file, a damaged file, a newer schema, a folder that cannot be written (or
        is full).

        `read_only=True` opens an existing, up-to-date workspace without ever writing to it (e.g.
        while another window holds it, or from read-only media): reading works as usual and every
        operation raises `WorkspaceError` saying it was not recorded.

        A workspace that cannot even be read the usual way because nothing can be written beside
        it (a full disk: SQLite's -shm index cannot be made) is still read when that is safe (see
        `_open_unchanging`), read-only, every operation refused saying why.
        """
        path = Path(path)
        if path.is_dir():
            raise WorkspaceError(f"{path} is a folder, not a workspace file")
        clock = clock or SystemClock()
        if read_only:
            return cls._open_read_only(path, clock)
        if not path.exists():
            if not create:
                raise WorkspaceError(f"no workspace at {path}")
            create_owner_only(path)
        else:
            check_header(path)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as error:
            raise WorkspaceError(f"cannot open {path}: {error}") from None
        try:
            configure(conn, path)
        except Unwritable as refused:
            conn.close()
            return cls._open_unchanging(path, clock, refused)
        except BaseException:
            conn.close()
            raise
        keep_private(path)
        return cls(conn, path, clock)

    @classmethod
    def _open_read_only(cls, path: Path, clock: Clock) -> Workspace:
        if not path.exists():
            raise WorkspaceError(f"no workspace at {path}")
        check_header(path)
        try:
            conn = connect_read_only(path)
        except sqlite3.Error as error:
            raise WorkspaceError(f"cannot open {path}: {error}") from None
        try:
            configure_read_only(conn, path)
        except Unwritable as refused:
            conn.close()
            return cls._open_unchanging(path, clock, refused)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock, read_only=True)

    @classmethod
    def _open_unchanging(cls, path: Path, clock: Clock, refused: Unwritable) -> Workspace:
        """Read a workspace SQLite could not open because nothing can be written beside it (the
        -shm index), as a file nobody changes (SQLite's `immutable`), or raise `refused`.

        That is safe only while nobody writes to it: no window holds it (its lock), and its
        write-ahead log is missing or empty, so the main file holds every committed change. (On
        a full disk no one else can commit either: a commit grows the log.)"""
        from facilitator.lock import held_elsewhere

        wal = path.with_name(f"{path.name}-wal")
        if (wal.exists() and wal.stat().st_size > 0) or held_elsewhere(path):
            raise WorkspaceError(str(refused)) from None
        try:
            conn = connect_read_only(path, immutable=True)
        except sqlite3.Error:
            raise WorkspaceError(str(refused)) from None
        try:
            configure_read_only(conn, path)
        except WorkspaceError:  # e.g. a new, empty file: what stopped the usual open says it best
            conn.close()
            raise WorkspaceError(str(refused)) from None
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock, read_only=True, refusal=refused.refusal)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- changing --------------------------------------------------------------------------------

    def now(self) -> str:
        return format_timestamp(self.clock.now())

    @contextmanager
    def operation(
        self, kind: str, *, meeting_id: int | None, summary: Mapping[str, Any] | None = None
    ) -> Iterator[Operation]:
        """One write transaction that ends with its audit event; roll back on any error."""
        if self.read_only:
            raise WorkspaceError(self.refusal)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise WorkspaceError(write_failure(error, self.path)) from None
        op = Operation(self.conn, self.now(), kind, meeting_id)
        try:
            yield op
            payload: dict[str, Any] = {
                "summary": dict(summary or {}),
                "changes": [c.as_json() for c in op.rows],
            }
            if not op.undoable:
                payload["undoable"] = False
            op.event_id = append_event(
                self.conn, at=op.at, meeting_id=op.meeting_id, kind=kind, payload=payload
            )
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            self._rollback()
            damage = damage_in(error)
            if damage is not None:  # one line for a person, not a traceback: nothing was written
                self.damage = self.damage or damage
                raise WorkspaceError(f"not recorded: {self.path} is damaged ({damage})") from None
            if not isinstance(error, sqlite3.OperationalError):
                raise  # a constraint or SQL the code got wrong: a bug
            raise WorkspaceError(write_failure(error, self.path)) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            # An I/O error or damage may have ended the transaction already.
            with contextlib.suppress(sqlite3.DatabaseError):
                self.conn.execute("ROLLBACK")

    # -- reading ---------------------------------------------------------------------------------

    def rows(self, sql: str, params: Any = ()) -> list[Row]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def row(self, sql: str, params: Any = ()) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # -- what another connection wrote -------------------------------------------------------------

    def data_version(self) -> int:
        """A number SQLite changes whenever another connection commits to the file, and never
        for this connection's own writes: two equal readings mean nothing new to read."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def last_event_id(self) -> int:
        return int(self.scalar("SELECT coalesce(max(id), 0) FROM events"))

    def recorded_after(self, event_id: int) -> list[Change]:
        """The operations recorded after audit event `event_id`, by any connection, oldest first,
        read back from the audit log. `tables` is empty where the log no longer says (an event
        whose payload was redacted): a reader should then read everything again."""
        import json  # only read-only windows follow another's writes

        found = []
        for row in self.conn.execute(
            "SELECT id, kind, meeting_id, payload FROM events WHERE id > ? ORDER BY id", (event_id,)
        ):
            try:
                payload = json.loads(row[3])
                tables = frozenset(str(c["table"]) for c in payload.get("changes", []))
                undoable = bool(payload.get("undoable", True))
            except (ValueError, TypeError, KeyError, AttributeError):  # not what operations write
                tables, undoable = frozenset(), False
            found.append(Change(row[0], row[1], row[2], tables, undoable=undoable))
        return found

    def replaced_on_disk(self) -> bool:
        """Whether another file now stands at `path`: a backup put in its place by the window that
        records (or the command line). This connection goes on reading the file it opened, which
        was set aside. False while no file is there at all (in the middle of the swap)."""
        now = file_identity(self.path)
        return now is not None and now != self._file

    def table_names(self) -> frozenset[str]:
        return frozenset(
            r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
