"""What every panel has in common: the session, its tables, and a reload."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator.store import Change
from ui.session import Session


class Panel(QWidget):
    """A panel over the open meeting. `reload()` reads the store again; nothing is cached.

    Signals: none of its own (subclasses list theirs).
    """

    TABLES: frozenset[str] = frozenset()
    TITLE = ""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName(type(self).__name__)
        self.setAccessibleName(self.TITLE)

    def on_change(self, change: Change) -> None:
        """Refresh when (and only when) the change touched this panel's tables."""
        if change.tables & self.TABLES and change.meeting_id in (None, self.session.meeting_id):
            self.reload()

    def on_meeting_opened(self, meeting_id: object = None) -> None:
        self.setEnabled(self.session.meeting_id is not None)
        self.reload()

    def on_tick(self) -> None:
        """Once a second: panels that show running time repaint it from stored timestamps."""

    def reload(self) -> None:
        raise NotImplementedError
