"""Undo and redo over the audit log: every operation's recorded rows are its own inverse.

Undoing writes a new `undo` event and redoing a `redo` event: history is never erased. Both refuse
(`UndoConflict`) when a row has changed since, rather than overwrite later work.
"""

from __future__ import annotations

import json

from facilitator.audit import REDACTED
from facilitator.errors import NotFound, UndoConflict
from facilitator.store import Change, Operation, RowChange, Workspace


def _recorded(ws: Workspace, event_id: int) -> tuple[str, int | None, list[RowChange], bool]:
    row = ws.row("SELECT kind, meeting_id, payload FROM events WHERE id = ?", (event_id,))
    if row is None:
        raise NotFound(f"event {event_id} does not exist")
    if row["payload"] == REDACTED:
        raise UndoConflict("that meeting was deleted; its history cannot be undone")
    payload = json.loads(row["payload"])
    changes = [RowChange.from_json(c) for c in payload.get("changes", [])]
    return row["kind"], row["meeting_id"], changes, payload.get("undoable", True)


def undo_event(ws: Workspace, event_id: int) -> Change:
    """Put back every row the event changed, as it was before the event."""
    kind, meeting_id, changes, undoable = _recorded(ws, event_id)
    if not undoable:
        raise UndoConflict(f"{kind.replace('.', ' ')} cannot be undone")
    with ws.operation("undo", meeting_id=meeting_id, summary={"undoes": event_id}) as op:
        for change in reversed(changes):
            _expect(op, change, change.after, kind)
            op.restore(change, forward=False)
    return op.change


def redo_event(ws: Workspace, event_id: int) -> Change:
    """Apply an undone event's rows again, as they were after it."""
    kind, meeting_id, changes, _ = _recorded(ws, event_id)
    with ws.operation("redo", meeting_id=meeting_id, summary={"redoes": event_id}) as op:
        for change in changes:
            _expect(op, change, change.before, kind)
            op.restore(change, forward=True)
    return op.change


def _expect(
    op: Operation, change: RowChange, expected: dict[str, object] | None, kind: str
) -> None:
    current = op.fetch(change.table, change.key)
    if current != expected:
        raise UndoConflict(
            f"cannot undo or redo {kind.replace('.', ' ')}: it was changed again since"
        )


class UndoHistory:
    """A session's undo and redo stacks of event ids (the window uses a QUndoStack instead)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.done: list[int] = []
        self.undone: list[int] = []

    def record(self, change: Change | None) -> Change | None:
        if change is not None and change.undoable:
            self.done.append(change.event_id)
            self.undone.clear()
        return change

    def undo(self) -> Change | None:
        if not self.done:
            return None
        event_id = self.done.pop()
        change = undo_event(self.ws, event_id)
        self.undone.append(event_id)
        return change

    def redo(self) -> Change | None:
        if not self.undone:
            return None
        event_id = self.undone.pop()
        change = redo_event(self.ws, event_id)
        self.done.append(event_id)
        return change
