"""Small building blocks the panels share: item views set up alike, and the quick-add row."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.cards import WrapDelegate
from ui.enter_adds import EnterAdds
from ui.marks import TEAM_ONLY, TEAM_ONLY_TIP, team_only_icon

if TYPE_CHECKING:
    from facilitator.store import Change
    from ui.session import Session

EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
)


EDITOR_NAME_LENGTH = 60  # characters of the item in an in-place editor's accessible name


def editable_cell(index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
    """The cell to edit for `index`: itself when it can be edited, else the first cell of its row
    that can (an invalid index when none can)."""
    if not index.isValid():
        return QModelIndex()
    model = index.model()
    cell = model.index(index.row(), index.column(), index.parent())
    if model.flags(cell) & Qt.ItemFlag.ItemIsEditable:
        return cell
    for column in range(model.columnCount(cell.parent())):
        sibling = cell.siblingAtColumn(column)
        if model.flags(sibling) & Qt.ItemFlag.ItemIsEditable:
            return sibling
    return QModelIndex()


def editor_name(view: QAbstractItemView, cell: QModelIndex) -> str:
    """What a screen reader calls the in-place editor of `cell`: its column's title and the item,
    named by its text column (the one that takes the spare width): "Basis, Services are
    delivered in the least restrictive environment"."""
    model = cell.model()
    title = model.headerData(cell.column(), Qt.Orientation.Horizontal)
    column = int(view.property("stretch_column") or 0)
    item = " ".join(str(cell.siblingAtColumn(column).data() or "").split())
    if len(item) > EDITOR_NAME_LENGTH:
        item = item[: EDITOR_NAME_LENGTH - 1].rstrip() + "…"
    return ", ".join(str(part) for part in (title or view.accessibleName(), item) if part)


def list_view(name: str, parent: QWidget | None = None) -> QListView:
    """A list of items: word-wrapped, one selection, edited in place with F2 or double-click."""
    view = QListView(parent)
    view.setAccessibleName(name)
    view.setObjectName(name)
    view.setWordWrap(True)
    view.setUniformItemSizes(False)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(EDIT_TRIGGERS)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    view.setSpacing(1)
    view.setItemDelegate(WrapDelegate(view))
    return view


def table_view(name: str, parent: QWidget | None = None, *, stretch: int = 1) -> QTableView:
    """A table of items: whole rows selected, the `stretch` column takes the spare width."""
    view = QTableView(parent)
    view.setAccessibleName(name)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(EDIT_TRIGGERS)
    view.setWordWrap(True)
    view.setTabKeyNavigation(False)  # Tab moves on to the next control, as everywhere else
    view.setAlternatingRowColors(True)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().setMinimumSectionSize(20)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    header.setHighlightSections(False)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow column: "Non-neg…", not cut
    # Fit columns to the first rows only: measuring a thousand rows would block the window.
    header.setResizeContentsPrecision(60)
    view.verticalHeader().setResizeContentsPrecision(60)
    view.setProperty("stretch_column", stretch)
    return view


def headings_follow_font(root: QWidget) -> None:
    """Give the headers of the tables in `root` their table's text size again, after a new
    text size (or after `root` first takes the window's).

    Qt (6.11) passes a new font on to a table's parts one by one. When the larger text makes the
    table need a scroll bar on the way, Qt moves the bar's frame to the end of that list, and the
    part after it is skipped: the column headings kept the old size (the tracker's seven columns,
    opened at 150%). A header with no font of its own takes its table's."""
    for view in root.findChildren(QTableView):
        for header in (view.horizontalHeader(), view.verticalHeader()):
            if header.font() != view.font():
                header.setFont(QFont())


def stretch_column(view: QTableView) -> None:
    """Call once a model is set: the text column takes the spare width, the others fit."""
    column = int(view.property("stretch_column") or 0)
    view.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def fixed_columns(view: QTableView, samples: Mapping[int, str]) -> None:
    """Columns of short text as wide as a sample of their usual widest content in the view's
    font, not as their contents: a column sized to its contents measures every cell again on
    every change and every layout. Longer texts are elided (the cell's tooltip has them whole).
    Call again when the font changes."""
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    for column, sample in samples.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 12)


class FitRows(QObject):
    """Keeps a word-wrapped table's rows as tall as their text: measured again on the next turn
    of the event loop after the rows or the column widths change, so a burst of changes (a
    reload, the window laying itself out) is measured once. Emits no signals.

    Qt's "resize to contents" mode for rows measures every row whenever anything asks the table
    for its size, a dozen times while the window first lays itself out: about 4% of the start-up
    (`benchmarks/bench_window_start.py`). Call `later()` when the font changes.
    """

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(view.resizeRowsToContents)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().sectionResized.connect(self.later)
        model = view.model()
        for changed in (model.modelReset, model.rowsInserted, model.dataChanged):
            changed.connect(self.later)
        self.later()

    def later(self, *_changed: object) -> None:
        self._timer.start()

    def afresh(self) -> None:
        """Measure again from rows of one line (after a text size change): a scroll bar that the
        rows needed at the old size goes first, so they are not measured at the width it left
        them and kept too tall for the table, with the bar, for good."""
        rows = self._view.verticalHeader()
        line = self._view.fontMetrics().height()
        for row in range(self._view.model().rowCount()):
            rows.resizeSection(row, line)
        self.later()


class ShareByRows(QObject):
    """Tables stacked in one box layout share its height in proportion to the height of their
    rows (each counted as `fewest` to `most` lines of text), measured again on the next turn of
    the event loop after their rows change. A short list leaves the room to a long one, and when
    the column has room for every row, every row shows whole: equal shares cut a long list's last
    row in the middle of a line while a short one had room to spare. Emits no signals.
    """

    def __init__(
        self, layout: QBoxLayout, views: Sequence[QTableView], *, fewest: int = 2, most: int = 12
    ) -> None:
        super().__init__(layout)
        self._layout = layout
        self._views = list(views)
        self._lines = (fewest, most)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.share)
        for view in self._views:
            view.verticalHeader().sectionResized.connect(self.later)
            model = view.model()
            for changed in (model.modelReset, model.rowsInserted, model.rowsRemoved):
                changed.connect(self.later)
        self.later()

    def later(self, *_changed: object) -> None:
        self._timer.start()

    def share(self) -> None:
        fewest, most = self._lines
        for view in self._views:
            line = view.fontMetrics().height()
            rows = min(max(view.verticalHeader().length(), fewest * line), most * line)
            self._layout.setStretchFactor(view, rows + view.horizontalHeader().height())


class ScrollingColumn(QScrollArea):
    """`column` in a frameless area that scrolls up and down when the window is too short for
    it, and is never narrower than the column: a panel of many rows (prepare mode's meeting and
    case, the case and settings tabs) at large text, which pushed the window's bottom edge off a
    768-pixel screen. Its rows keep the height their text needs at the column's width.

    Signals: none of its own.
    """

    def __init__(self, column: QWidget, name: str) -> None:
        super().__init__()
        self.setWidget(column)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(name)

    def minimumSizeHint(self) -> QSize:
        column = self.widget()
        width = column.minimumSizeHint().width() if column is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), 0)


class PageStack(QStackedWidget):
    """Pages shown one at a time, asking room for the page on show only.

    Qt's stacked widget asks for the room of its largest page, shown or not: once prepare mode's
    three columns had been shown, run mode no longer fitted a 1366-pixel screen, and the window
    grew past its right edge. Pages out of sight here ask for none (their size policy is
    Ignored until they show again). Emits only QStackedWidget's own signals.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._policies: dict[QWidget, QSizePolicy] = {}  # each hidden page's own policy
        self.currentChanged.connect(self._fit)
        self.widgetAdded.connect(self._fit)

    def _fit(self, *_changed: object) -> None:
        current = self.currentWidget()
        ignored = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        for number in range(self.count()):
            page = self.widget(number)
            if page is None:
                continue
            if page is current:
                policy = self._policies.pop(page, None)
                if policy is not None:
                    page.setSizePolicy(policy)
            elif page not in self._policies:
                self._policies[page] = page.sizePolicy()
                page.setSizePolicy(ignored)
        # Known at once up to the window, not on the next turn of the event loop: the window may
        # lay its panels out again straight after a page changes (run mode after prepare mode).
        widget: QWidget | None = self
        while widget is not None and not widget.isWindow():
            widget.updateGeometry()
            widget = widget.parentWidget()


def team_only_box(name: str, *, checked: bool = False) -> QCheckBox:
    box = QCheckBox(TEAM_ONLY)
    box.setIcon(team_only_icon())
    box.setChecked(checked)
    box.setToolTip(TEAM_ONLY_TIP)
    box.setAccessibleName(f"{name}: {TEAM_ONLY.lower()}")
    box.setAccessibleDescription(TEAM_ONLY_TIP)
    return box


READ_ONLY_PLACEHOLDER = "Read-only: the window that records adds items"


def look_only(root: QWidget, read_only: bool) -> None:
    """Every add row under `root` takes nothing in a read-only window (`QuickAdd.set_read_only`)."""
    for row in root.findChildren(QuickAdd):
        row.set_read_only(read_only)


class QuickAdd(QWidget):
    """A one-line entry that adds an item on Enter; text stays if the store refuses it.

    Signals:
        submitted(str, bool): the text typed and whether it is team-only.
    """

    submitted = Signal(str, bool)

    def __init__(
        self,
        noun: str,
        *,
        placeholder: str,
        team_only: bool = False,
        extras: tuple[QWidget, ...] = (),
        details: tuple[QWidget, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.noun = noun
        self.field = QLineEdit()
        self.field.setPlaceholderText(placeholder)
        self.field.setAccessibleName(f"New {noun}")
        self._placeholder = placeholder
        # The clear button shows only over text anyway; making it (an icon) costs start-up time.
        self.field.textChanged.connect(self._offer_clear)
        self.team_only = team_only_box(f"New {noun}", checked=team_only)
        self._default_team_only = team_only
        self.button = QPushButton("Add")
        self.button.setAccessibleName(f"Add {noun}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.field, 3)
        outer.addLayout(row)
        for extra in extras:
            row.addWidget(extra, 0 if isinstance(extra, QComboBox) else 1)
        if details:  # narrow panels: the details go on a second line
            second = QHBoxLayout()
            second.setSpacing(4)
            outer.addLayout(second)
            for detail in details:  # a drop-down and its label as wide as they need
                second.addWidget(detail, 0 if isinstance(detail, (QComboBox, QLabel)) else 1)
            second.addStretch(1)
            if extras:  # the first line is full: the box and the button end the second
                row = second
        # Otherwise they end the text's line: behind a combo box and a date, at large text, they
        # made the action items' second line wider than its panel, and the window with it.
        row.addWidget(self.team_only)
        row.addWidget(self.button)
        # Enter adds from every field of the row: the text, a drop-down ("Raised by"), a date,
        # the Team only box and Add itself (Qt lets Enter pass those by).
        EnterAdds(self._submit, (self.field, *extras, *details, self.team_only, self.button), self)
        self.button.clicked.connect(self._submit)

    def set_read_only(self, read_only: bool) -> None:
        """In a window that only looks on (another one records), nothing can be added here: the
        line says so rather than take text the store would refuse."""
        self.field.setReadOnly(read_only)
        self.field.setPlaceholderText(READ_ONLY_PLACEHOLDER if read_only else self._placeholder)
        self.button.setEnabled(not read_only)
        self.team_only.setEnabled(not read_only)

    def _offer_clear(self, text: str) -> None:
        if text:
            self.field.setClearButtonEnabled(True)
            self.field.textChanged.disconnect(self._offer_clear)

    def focus(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def record(self, session: Session, step: str, operation: Callable[[], Change | None]) -> bool:
        """Run `operation` as one undoable step named `step`. When the store took it, the line is
        ready for the next item; when it refused, the typed text stays. Returns whether it took."""
        if session.run(step, operation) is None:
            return False
        self.accept()
        return True

    def accept(self) -> None:
        """The item was added: ready for the next one. setText, not clear(): clear() is a step
        of the field's own typing history, and Ctrl+Z there would bring the words back instead
        of reaching the window's undo of the add."""
        self.field.setText("")
        self.team_only.setChecked(self._default_team_only)

    def _submit(self) -> None:
        self.submitted.emit(self.field.text(), self.team_only.isChecked())


def click_keeps_focus(button: QPushButton) -> QPushButton:
    """A live meeting's button (next item, pause, lower hand, an option's decision) that a click
    does not take the keyboard to: after a click the keys go on where they were, so Space still
    pauses instead of pressing the button clicked last again. Tab still reaches it."""
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button


def title_font(text_font: QFont, scale: float) -> QFont:
    """A title's font over text in `text_font`: bold, `scale` times as large.

    A label's own font keeps the size it was given when the window's text size changes, so the
    title's owner sets it again from its own font then (in `fit_to_font`)."""
    font = QFont(text_font)
    font.setPointSizeF(text_font.pointSizeF() * scale)
    font.setBold(True)
    return font


def heading(text: str, buddy: QWidget | None = None) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    if buddy is not None:
        label.setBuddy(buddy)
    return label
