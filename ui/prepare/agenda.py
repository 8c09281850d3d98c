"""The agenda while preparing: items and time boxes, their order, and whether they fit the time
between the start and the planned end (said in words and in colour)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator import meetings
from facilitator.meetings import NewAgendaItem
from facilitator.preparation import AgendaFit, agenda_fit
from facilitator.store import Row
from facilitator.templates.model import MAX_ITEM_MINUTES
from ui.actions import edit_in_place, make_action
from ui.delegates import MinutesDelegate
from ui.enter_adds import EnterAdds
from ui.keymap import BY_NAME
from ui.marks import ON_TIME, OVERRUN
from ui.models.prepare import AgendaEditorModel
from ui.panels.base import Panel
from ui.prepare.times import clock_text
from ui.session import Session
from ui.widgets import heading, stretch_column, table_view


def fit_text(fit: AgendaFit, meeting: Row) -> str:
    """'Agenda 95 min, 90 available (14:00-15:30): ⚠ 5 min too long ...' and the like."""
    total = f"Agenda {fit.planned_minutes} min"
    spare = fit.spare_minutes
    if spare is None:
        return f"{total}. Set the start and the planned end to see whether it fits."
    window = f"{clock_text(meeting['scheduled_start'])}–{clock_text(meeting['planned_end'])}"
    total += f", {fit.available_minutes} min available ({window})"
    if spare < 0:
        return (
            f"⚠ {total}: {-spare} min too long. Shorten time boxes, or move items to a next"
            " meeting."
        )
    return f"✓ {total}: fits, {spare} min to spare." if spare else f"✓ {total}: fits exactly."


class AgendaEditor(Panel):
    """Agenda items in order: F2 edits a title or a time box in place, Ctrl+Up/Down or a drag
    moves an item, Del removes it, Ctrl+T marks it team only.

    Signals: none of its own.
    """

    TITLE = "Agenda"
    TABLES = frozenset({"agenda_items", "meetings"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = AgendaEditorModel(session, self)
        self.view = table_view("Agenda items and time boxes", stretch=AgendaEditorModel.TITLE)
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        self.view.setItemDelegateForColumn(AgendaEditorModel.MINUTES, MinutesDelegate(self.view))
        self.view.setToolTip(
            "F2 edits the title or the minutes; Ctrl+Up/Down or a drag moves an item;"
            " Del removes it; Ctrl+T marks it team only"
        )
        stretch_column(self.view)
        self._actions()
        self.title = heading("Agenda", self.view)
        self.new_title = QLineEdit()
        self.new_title.setPlaceholderText("New agenda item (Enter adds)")
        self.new_title.setAccessibleName("New agenda item")
        self.new_title.setClearButtonEnabled(True)
        self.new_minutes = QSpinBox()
        self.new_minutes.setAccessibleName("New agenda item's time box in minutes")
        self.new_minutes.setRange(1, MAX_ITEM_MINUTES)
        self.new_minutes.setValue(10)
        self.new_minutes.setSuffix(" min")
        self.add = QPushButton("Add")
        self.add.setAccessibleName("Add the agenda item")
        self.fit = QLabel()
        self.fit.setAccessibleName("Whether the agenda fits the meeting's time")
        self.fit.setWordWrap(True)
        add_row = QHBoxLayout()
        add_row.setSpacing(4)
        add_row.addWidget(self.new_title, 1)
        add_row.addWidget(self.new_minutes)
        add_row.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.fit)
        EnterAdds(self.submit, (self.new_title, self.new_minutes, self.add), self)
        self.add.clicked.connect(self.submit)

    def _actions(self) -> None:
        edit_in_place(self.view)
        context = Qt.ShortcutContext.WidgetShortcut
        for name, handler in (
            ("agenda_up", lambda: self.move_current(-1)),
            ("agenda_down", lambda: self.move_current(1)),
            ("remove_item", self._remove_current),
            ("toggle_team_only", self._toggle_current),
        ):
            action = make_action(self.view, BY_NAME[name], context=context)
            action.triggered.connect(handler)

    def focus_add(self) -> None:
        self.new_title.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.new_title.selectAll()

    def submit(self) -> None:
        meeting_id = self.session.require_meeting()
        self.new_minutes.interpretText()
        item = NewAgendaItem(self.new_title.text(), self.new_minutes.value())
        change = self.session.run(
            f"Add '{item.title.strip()}' to the agenda",
            lambda: meetings.add_agenda_item(self.session.ws, meeting_id=meeting_id, item=item),
        )
        if change is not None:
            self.new_title.clear()
            self.new_title.setFocus(Qt.FocusReason.OtherFocusReason)  # ready for the next item

    def move_current(self, rows: int) -> None:
        """Move the item with the keyboard focus up (-1) or down (+1)."""
        index = self.view.currentIndex()
        item_id = self.model.id_at(index.row()) if index.isValid() else None
        if item_id is not None and self.model.move(item_id, index.row() + rows):
            self.select(item_id, index.column())

    def select(self, item_id: int, column: int = AgendaEditorModel.TITLE) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, column),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _remove_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove(index.row())

    def _toggle_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.toggle_team_only(index.row())

    def reload(self) -> None:
        self.model.reload()
        meeting = self.session.meeting()
        if meeting is None:
            self.fit.clear()
            return
        fit = agenda_fit(self.session.ws, self.session.require_meeting())
        self.fit.setText(fit_text(fit, meeting))
        colour = OVERRUN if fit.fits is False else ON_TIME if fit.fits else None
        self.fit.setStyleSheet(f"color: {colour.name()}; font-weight: bold;" if colour else "")
        count = self.model.rowCount()
        self.title.setText(f"Agenda ({count} items)" if count else "Agenda")
