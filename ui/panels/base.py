"""What every panel has in common: the session, its tables, and a reload."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QLayout, QVBoxLayout, QWidget
from shiboken6 import isValid

from facilitator.store import Change
from ui.session import Session

# Qt names the Close and Float buttons of every panel's title bar alike, "Close" and "Float": a
# screen reader could not tell one panel's from another's.
TITLE_BUTTONS = {
    "qt_dockwidget_closebutton": "Close the {} panel",
    "qt_dockwidget_floatbutton": "Float the {} panel, or dock it again",
}


_NAMING = "title_buttons_to_name"  # a window's property while a naming is on its way


def name_title_buttons(window: QWidget) -> None:
    """Name the Close and Float buttons of each panel (dock) of `window` with the panel's title:
    "Close the Agenda panel". Qt names them afresh whenever a panel floats, docks or has its
    layout restored (prepare mode and back), and the panels then show: so a panel calls this when
    it shows, and the panels that show together are named once, on the next turn of the event
    loop (the empty ones behind a tab too). (Where the docks are made, `ui.docks`, would be the
    natural place, if Qt kept the names.)"""
    if window.property(_NAMING):
        return
    window.setProperty(_NAMING, True)
    QTimer.singleShot(0, lambda: _name_buttons(window))


def _name_buttons(window: QWidget) -> None:
    if not isValid(window):  # closed before the next turn
        return
    window.setProperty(_NAMING, False)
    for dock in window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        buttons = dock.findChildren(
            QAbstractButton, options=Qt.FindChildOption.FindDirectChildrenOnly
        )
        for button in buttons:
            pattern = TITLE_BUTTONS.get(button.objectName())
            name = pattern.format(dock.windowTitle()) if pattern is not None else ""
            if name and button.accessibleName() != name:
                button.setAccessibleName(name)


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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        name_title_buttons(self.window())

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
