"""The concerns board: raised, discussing, addressed, parked. The group's visible memory."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QListView,
    QMenu,
    QWidget,
)

from facilitator import board, live
from facilitator.model import ConcernStatus, ParticipantId
from facilitator.store import Change
from ui.cards import CardDelegate
from ui.models.concerns import BOARD_ORDER, ConcernColumnModel
from ui.panels.base import Panel
from ui.session import Session
from ui.spoken import label_for
from ui.style import ring
from ui.widgets import QuickAdd, list_view

CURRENT_SPEAKER = -1
NOBODY = 0


class ConcernsPanel(Panel):
    """Four columns of concern cards, and a quick-add that credits the current speaker.

    Cards move with Ctrl+arrows (actions given by the window) or by dragging; F2 edits in place.
    Signals: none of its own.
    """

    TITLE = "Concerns"
    TABLES = frozenset({"concerns", "participants", "speaking_turns"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.models: list[ConcernColumnModel] = []
        self.views: list[QListView] = []
        self.headings: list[QLabel] = []
        grid = QGridLayout()
        grid.setSpacing(4)
        for column, status in enumerate(BOARD_ORDER):
            model = ConcernColumnModel(session, status, self)
            view = list_view(f"Concerns {status.label.lower()}")
            view.setModel(model)
            view.setDragEnabled(True)
            view.setAcceptDrops(True)
            view.setDropIndicatorShown(True)
            view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            view.setDefaultDropAction(Qt.DropAction.MoveAction)
            view.setItemDelegate(CardDelegate(view))
            view.setSpacing(0)
            ring(view)  # an empty column, too, shows that it has the keyboard
            label = QLabel()
            label.setWordWrap(True)  # at large text "Discussing (12)" on two lines: no wider board
            label.setBuddy(view)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            grid.addWidget(label, 0, column)
            grid.addWidget(view, 1, column)
            grid.setColumnStretch(column, 1)
            self.models.append(model)
            self.views.append(view)
            self.headings.append(label)
        self.raised_by = QComboBox()
        self.raised_by.setAccessibleName("New concern raised by")
        # A fixed width: the speaker's name changes with every turn, the layout should not.
        self.raised_by.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # 14 characters: "Speaker: Ana Rod…" says who; the concern being typed needs the room more.
        self.raised_by.setMinimumContentsLength(14)
        self.raised_by.setToolTip("Who raised the concern (defaults to whoever is speaking)")
        # Its label is not shown: shown, it squeezed the concern's text to a letter or two (the
        # drop-down says "Speaker: …" itself). A screen reader reads it all the same (`label_for`).
        self.raised_by_label = label_for(self.raised_by, "Raised by:")
        self.raised_by_label.hide()
        self.quick_add = QuickAdd(
            "concern",
            placeholder="New concern, in the speaker's words (Enter adds)",
            extras=(self.raised_by_label, self.raised_by),
        )
        self.stack(grid, self.quick_add)
        self.quick_add.submitted.connect(self.add)
        self._raised_by_menu = QMenu("Raised by", self)
        self._raised_by_menu.aboutToShow.connect(self._fill_raised_by_menu)

    def context_actions(self) -> list[QAction]:
        """Extra actions for a card's context menu."""
        return [self._raised_by_menu.menuAction()]

    # -- adding ------------------------------------------------------------------------------------

    def add(self, text: str, team_only: bool) -> None:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        chosen = self.raised_by.currentData()
        raised_by: ParticipantId | None
        if chosen == CURRENT_SPEAKER:
            raised_by = live.current_speaker_id(ws, meeting_id)
        else:
            raised_by = ParticipantId(chosen) if chosen else None
        agenda_item = live.current_item_id(ws, meeting_id)
        if self.quick_add.record(
            self.session,
            "Add concern",
            lambda: board.add_concern(
                ws, meeting_id=meeting_id, text=text, raised_by=raised_by,
                team_only=team_only, agenda_item_id=agenda_item,
            ),
        ):  # fmt: skip
            self.raised_by.setCurrentIndex(0)

    def focus_quick_add(self) -> None:
        self.quick_add.focus()

    # -- moving cards ------------------------------------------------------------------------------

    def focused_column(self) -> int:
        for column, view in enumerate(self.views):
            if view.hasFocus():
                return column
        return -1

    def move_current(self, columns: int, rows: int) -> None:
        """Move the focused card `columns` sideways or `rows` up/down (keyboard moves)."""
        column = self.focused_column()
        if column < 0:
            return
        index = self.views[column].currentIndex()
        concern_id = self.models[column].id_at(index.row()) if index.isValid() else None
        if concern_id is None:
            return
        target = column + columns
        if not 0 <= target < len(BOARD_ORDER):
            return
        if columns:
            position = self.models[target].rowCount() if target != column else index.row()
        else:
            position = index.row() + rows
            if not 0 <= position < self.models[column].rowCount():
                return
        if self.models[column].move(concern_id, BOARD_ORDER[target], position):
            self.select(concern_id)

    def select(self, concern_id: int) -> None:
        """Put the keyboard on a card, wherever it is now."""
        for model, view in zip(self.models, self.views, strict=True):
            row = model.row_of(concern_id)
            if row >= 0:
                view.setFocus(Qt.FocusReason.ShortcutFocusReason)  # moved by a key: drawn so
                view.selectionModel().setCurrentIndex(
                    model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                return

    def status_of_view(self, view: QListView) -> ConcernStatus:
        return BOARD_ORDER[self.views.index(view)]

    # -- raised by ---------------------------------------------------------------------------------

    def _fill_raised_by_menu(self) -> None:
        self._raised_by_menu.clear()
        column = self.focused_column()
        if column < 0:
            return
        index = self.views[column].currentIndex()
        row = self.models[column].row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        model = self.models[column]
        for person in self._people():
            action = self._raised_by_menu.addAction(str(person["name"]))
            action.setCheckable(True)
            action.setChecked(person["id"] == row["raised_by"])
            action.triggered.connect(
                lambda _=False, pid=person["id"], r=row: model.edit(r, "raised_by", pid)
            )

    def _people(self) -> list[dict[str, object]]:
        return self.session.ws.rows(
            "SELECT id, name FROM participants WHERE meeting_id = ? ORDER BY position, id",
            (self.session.meeting_id,),
        )

    # -- refresh -----------------------------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        if change.meeting_id not in (None, self.session.meeting_id):
            return
        if change.tables & {"concerns", "participants"}:
            self.reload()
        elif "speaking_turns" in change.tables:
            self.raised_by.setItemText(0, self._speaker_choice())  # who "Speaker" means now

    def reload(self) -> None:
        for model, label in zip(self.models, self.headings, strict=True):
            model.reload()
            label.setText(f"{model.status.label} ({model.rowCount()})")
        self._reload_raised_by()

    def _reload_raised_by(self) -> None:
        chosen = self.raised_by.currentData()
        self.raised_by.blockSignals(True)
        self.raised_by.clear()
        self.raised_by.addItem(self._speaker_choice(), CURRENT_SPEAKER)
        self.raised_by.addItem("Nobody in particular", NOBODY)
        if self.session.meeting_id is not None:
            for person in self._people():
                self.raised_by.addItem(str(person["name"]), person["id"])
        found = self.raised_by.findData(chosen if chosen is not None else CURRENT_SPEAKER)
        self.raised_by.setCurrentIndex(max(0, found))
        self.raised_by.blockSignals(False)

    def _speaker_choice(self) -> str:
        speaker = None
        if self.session.meeting_id is not None:
            current = live.current_speaker_id(self.session.ws, self.session.meeting_id)
            if current is not None:
                speaker = self.session.ws.scalar(
                    "SELECT name FROM participants WHERE id = ?", (current,)
                )
        return f"Speaker: {speaker}" if speaker else "Speaker (nobody now)"
