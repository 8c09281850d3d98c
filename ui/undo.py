"""The one undo command: every operation the window runs goes through it onto one QUndoStack.

The first `redo()` runs the core operation and remembers its audit event; later `undo()` and
`redo()` calls replay that event backwards or forwards (`undo_event` / `redo_event`), which write
audit events of their own. A refused operation is reported and never reaches the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

from facilitator.errors import FacilitatorError
from facilitator.history import redo_event, undo_event
from facilitator.store import Change

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ui.session import Session

Operation = Callable[[], Change | None]


class Outcome:
    """What the first run of a command did (the command itself may be deleted by the stack)."""

    def __init__(self) -> None:
        self.change: Change | None = None
        self.failed = False


class OperationCommand(QUndoCommand):
    """One core operation on the undo stack. Emits nothing itself: it tells the session."""

    def __init__(self, session: Session, text: str, operation: Operation, outcome: Outcome) -> None:
        super().__init__(text)
        self._session = session
        self._operation: Operation | None = operation
        self._outcome = outcome
        self._event_id: int | None = None

    def redo(self) -> None:
        try:
            if self._operation is not None:
                operation, self._operation = self._operation, None
                change = operation()
                self._outcome.change = change
                if change is None or not change.undoable:
                    # Nothing to take back: keep it off the stack.
                    self.setObsolete(True)
                else:
                    self._event_id = change.event_id
            else:
                assert self._event_id is not None
                change = redo_event(self._session.ws, self._event_id)
        except FacilitatorError as error:
            self._outcome.failed = True
            self.setObsolete(True)
            self._session.report(error)
            return
        if change is not None:
            self._session.notify(change)

    def undo(self) -> None:
        if self._event_id is None:
            return
        try:
            change = undo_event(self._session.ws, self._event_id)
        except FacilitatorError as error:
            self.setObsolete(True)
            self._session.report(error)
            return
        self._session.notify(change)


class UndoKeys(QObject):
    """Ctrl+Z and Ctrl+Shift+Z step through the session's one stack. Each action names the step
    it would take ("Undo Add concern"), is enabled only when there is one, and `say`s what it
    did once it is done (nothing when it was refused: the refusal says so itself).

    Lives as long as the undo action (its parent), so the stack stops calling it with the window.
    Emits no signals.
    """

    def __init__(
        self, session: Session, undo: QAction, redo: QAction, say: Callable[[str], None]
    ) -> None:
        super().__init__(undo)
        self._session, self._undo, self._redo, self._say = session, undo, redo, say
        stack = session.undo_stack
        undo.triggered.connect(self.undo)
        redo.triggered.connect(self.redo)
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(self._name_undo)
        stack.redoTextChanged.connect(self._name_redo)
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())

    def undo(self) -> None:
        text = self._session.undo()
        if text:
            self._say(f"Undone: {text}")

    def redo(self) -> None:
        text = self._session.redo()
        if text:
            self._say(f"Redone: {text}")

    def _name_undo(self, text: str) -> None:
        self._undo.setText(f"Undo {text}".strip())

    def _name_redo(self, text: str) -> None:
        self._redo.setText(f"Redo {text}".strip())
