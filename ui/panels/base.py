"""What every panel has in common: the session, its tables, and a reload."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

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

    def stack(self, main: QWidget | QLayout, *below: QWidget | QLayout) -> QVBoxLayout:
        """Every panel's shape: `main` (a list, a table, the board) takes the height, and what
        acts on it (buttons, the quick-add line) sits under it."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        for part in (main, *below):
            stretch = 1 if part is main else 0
            if isinstance(part, QLayout):
                layout.addLayout(part, stretch)
            else:
                layout.addWidget(part, stretch)
        return layout

    def on_change(self, change: Change) -> None:
        """Refresh when (and only when) the change touched this panel's tables."""
        if change.tables & self.TABLES and change.meeting_id in (None, self.session.meeting_id):
            self.reload()

    def on_meeting_opened(self, meeting_id: object = None) -> None:
        self.setEnabled(self.session.meeting_id is not None)
        self.reload()

    def on_tick(self) -> None:
        """Once a second: panels that show running time repaint it from stored timestamps."""

    def fit_to_font(self) -> None:
        """The text size changed: panels that size columns or rows from the font do it again.
        (The window calls this; a `changeEvent` override would hand every event to Python.)"""

    def reload(self) -> None:
        raise NotImplementedError
