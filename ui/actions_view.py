"""View > Action items across meetings: every open item by case, owner and due date, in a window of
its own beside the meeting; one key marks the selected item done, Ctrl+Z takes it back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.store import Change
from ui.actions import make_action
from ui.keymap import BY_NAME
from ui.on_screen import size_on_first_show
from ui.session import Session
from ui.spoken import announce
from ui.style import ring
from ui.widgets import fixed_columns, headings_follow_font, stretch_column, table_view

if TYPE_CHECKING:
    from ui.models.actions_across import ActionsAcrossModel


class ActionsView(QWidget):
    """A window listing action items of every meeting; it reads the store only while shown.

    Signals: none of its own (marking done goes through the session, like every change).
    """

    model: ActionsAcrossModel
    proxy: QSortFilterProxyModel
    table: QTableView
    filter: QLineEdit
    show_done: QCheckBox
    summary: QLabel
    message: QLabel

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._built = False  # the list is made when first shown: the window starts faster
        self._stale = True
        self._current_id: int | None = None  # the item the keyboard was put on, or acted on
        self._placing = False  # the list is being read again: the keyboard is put back after
        self.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation)  # the window's text size
        self.session = session
        self.setObjectName("ActionsView")
        self.setWindowTitle("Action items across meetings")
        self.setAccessibleName("Action items across meetings")
        self.mark_done = make_action(self, BY_NAME["mark_done"])
        self.mark_done.triggered.connect(self.toggle_current)

    def _build(self) -> None:
        """The list and its controls, made when the window is first shown."""
        from ui.models.actions_across import DUE, SORT_ROLE, ActionsAcrossModel

        self._built = True
        self.model = ActionsAcrossModel(self.session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by case, person, meeting or words")
        self.filter.setAccessibleName("Filter the action items")
        self.filter.setClearButtonEnabled(True)
        self.show_done = QCheckBox("Show done items too")
        self.show_done.setAccessibleName("Show done items too")
        self.table = table_view("Action items across meetings", stretch=1)
        self.table.setModel(self.proxy)
        self.table.setEditTriggers(self.table.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DUE, Qt.SortOrder.AscendingOrder)
        stretch_column(self.table)
        ring(self.table)
        self.table.selectionModel().currentChanged.connect(self._follow_current)
        # No names of their own: a screen reader reads "7 open items, 2 overdue" and the message.
        self.summary = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        hint = QLabel("Space or Ctrl+D: mark the selected item done (again: open). Ctrl+Z undoes.")
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.show_done)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addWidget(self.summary)
        column.addWidget(hint)
        column.addWidget(self.message)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.show_done.toggled.connect(self._show_done)
        self.model.modelReset.connect(self._summarise)
        self.model.dataChanged.connect(self._summarise)
        headings_follow_font(self)  # the table joined a window at the room's text size
        self._fit_columns()

    # -- the session's news ------------------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        if self.isVisible():
            self.message.clear()
            self._keeping_current(lambda: self.model.on_change(change))
        else:
            self._stale = True

    def on_meeting_opened(self, meeting_id: object = None) -> None:
        """Another meeting, or another workspace file (a restore): read everything again."""
        if self.isVisible():
            self._keeping_current(self.model.reload)
        else:
            self._stale = True

    def on_error(self, text: str) -> None:
        if self._built and self.isVisible():
            self.message.setText(f"⚠ {text}")
            announce(self.message, text, assertive=True)

    # -- what the facilitator does -----------------------------------------------------------------

    def toggle(self) -> None:
        """Show the window (in front, the list focused), or hide it if it is in front already."""
        if self.isVisible() and self.isActiveWindow():
            self.hide()
            return
        if self.isVisible():
            self.raise_()  # behind the meeting window: bring it forward
        if not self._built:
            self._build()  # before showing: children added later would show only later
        self.show()
        self.activateWindow()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def toggle_current(self) -> None:
        """Mark the selected item done (or open again); the selection stays where it was."""
        current = self.table.currentIndex() if self._built else None
        if current is None or not current.isValid():
            return
        self._current_id = self._id_at(current)  # Ctrl+Z brings the keyboard back to it
        self.model.toggle_done(self.proxy.mapToSource(current).row())  # then `on_change`

    # -- where the keyboard is ---------------------------------------------------------------------

    def _id_at(self, index: QModelIndex | QPersistentModelIndex) -> int | None:
        line = self.model.line_at(self.proxy.mapToSource(index).row()) if index.isValid() else None
        return line.id if line is not None else None

    def _follow_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._placing:  # the facilitator moved it (arrows, a click)
            self._current_id = self._id_at(current)

    def _keeping_current(self, reload: Callable[[], None]) -> None:
        """Read the list again with `reload`, then put the keyboard back: on the item it was on,
        or last acted on, if that is listed (again: Ctrl+Z after Space brings the item back, and
        the keyboard with it); else where it is, or on the row where it was (an item marked
        done leaves the list, and the next one takes its row). A reset of the list left no item
        current, and the next Space did nothing."""
        row = self.table.currentIndex().row()
        self._placing = True
        try:
            reload()
            self._put_back(row)
        finally:
            self._placing = False

    def _put_back(self, row: int) -> None:
        wanted = self.model.row_of(self._current_id) if self._current_id is not None else -1
        index = self.proxy.mapFromSource(self.model.index(wanted, 0))  # invalid if not listed
        if not index.isValid():
            if self.table.currentIndex().isValid() or row < 0 or not self.proxy.rowCount():
                return
            index = self.proxy.index(min(row, self.proxy.rowCount() - 1), 0)
        if index.row() != self.table.currentIndex().row():
            self.table.setCurrentIndex(index)

    def _fit_columns(self) -> None:
        """Every column but the item itself as wide as a usual short text in the window's font
        (longer text wraps in its cell); the item (What) has the rest (`_fit_item`). Again when
        the text size changes."""
        from ui.models.actions_across import CASE, DUE, MEETING, OVERDUE, STATUS, WHO

        samples = {
            CASE: "M. Fernandez, grade 10",
            WHO: "Maria Fernandez",
            # Spaces: room for the text in bold, as an overdue item's date and status are.
            DUE: f"2026-12-31 ({OVERDUE.lower()})     ",
            STATUS: f"{OVERDUE}   ",
            MEETING: "IEP (2026-12-31)",
        }
        fixed_columns(self.table, samples)
        self._fit_item()

    def _fit_item(self) -> None:
        """The item (What) takes the width the other columns leave, but never less than about 25
        letters: where the window is too narrow for that (200% text) the table scrolls sideways
        instead of squeezing the item to a word a line. Again when the window is resized."""
        from ui.models.actions_across import WHAT

        header = self.table.horizontalHeader()
        others = header.length() - header.sectionSize(WHAT)
        least = self.table.fontMetrics().averageCharWidth() * 25
        if self.table.viewport().width() - others >= least:
            header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(WHAT, least)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._built:
            self._fit_item()  # the columns' widths depend on the text size only

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._built:
            self._fit_columns()  # the room's text size changed

    def showEvent(self, event: QShowEvent) -> None:
        if not self._built:
            self._build()
        size_on_first_show(self, QSize(980, 520))
        if self._stale:
            self._stale = False
            self.model.reload()
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def _show_done(self, on: bool) -> None:
        self.model.show_done = on
        self._keeping_current(self.model.reload)

    def _summarise(self) -> None:
        rows = self.model.rowCount()
        overdue = sum(self.model.is_overdue(n) for n in range(rows))
        what = "items" if self.model.show_done else "open items"
        self.summary.setText(f"{rows} {what}, {overdue} overdue")
