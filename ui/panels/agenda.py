"""The agenda: every item with planned and actual minutes; activate an item to go to it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator.model import AgendaItemId
from ui.models.agenda import AgendaModel
from ui.panels.base import Panel
from ui.session import Session
from ui.style import ring
from ui.widgets import list_view


class AgendaPanel(Panel):
    """The agenda as a list that keeps the current item in sight.

    Each move of the meeting (next, previous, a jump, the start) scrolls the current item into
    view, and so does any new layout of the list (a resize, a text size); the clock's tick does
    not, so the facilitator can scroll to look at other items between moves.

    Signals:
        jump_requested(int): the facilitator activated an item (double-click or Enter).
    """

    TITLE = "Agenda"
    TABLES = frozenset({"agenda_items", "agenda_visits", "meetings", "interruptions"})
    jump_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = AgendaModel(session, self)
        self.view = list_view("Agenda items")
        ring(self.view)
        self.view.setModel(self.model)
        self.view.setEditTriggers(self.view.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.view.setToolTip("Double-click or press Enter on an item to go to it")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view)
        self.view.activated.connect(self._activated)
        # The range changes when the items are laid out again: narrower, taller, larger text.
        self.view.verticalScrollBar().rangeChanged.connect(self.show_current)

    def _activated(self, index: QModelIndex) -> None:
        item_id = self.model.id_at(index.row())
        if item_id is not None:
            self.jump_requested.emit(AgendaItemId(item_id))

    def show_current(self) -> None:
        """Scroll the current item (if any) into view."""
        for number, row in enumerate(self.model.rows()):
            if row["current"]:
                self.view.scrollTo(self.model.index(number, 0))
                return

    def reload(self) -> None:
        self.model.reload()
        self.show_current()

    def on_tick(self) -> None:
        if self.session.meeting_id is not None and self.session.is_live():
            self.model.reload()
