"""Who raised a concern known before the meeting, and which concerns an option addresses: the
"Raised by" and "Addresses concerns" menus of the prepare view's lists, and the name picker that
edits a concern's "Raised by" cell in place. Each change is one core operation (one Ctrl+Z)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from facilitator.model import ConcernId, SolutionId
from facilitator.store import Row
from ui.models.prepare import PreparedConcernsModel, PreparedOptionsModel, link_concerns
from ui.session import Session
from ui.type_ahead import NamePicker

NOT_RECORDED = 0
NOT_RECORDED_TEXT = "Not recorded"
_EDIT = Qt.ItemDataRole.EditRole
Index = QModelIndex | QPersistentModelIndex


def people(session: Session) -> list[Row]:
    """The meeting's participants, in the roster's order."""
    return session.ws.rows(
        "SELECT id, name FROM participants WHERE meeting_id = ? ORDER BY position, id",
        (session.meeting_id,),
    )


def fill_with_people(picker: NamePicker, session: Session) -> None:
    """Fill `picker` with "Not recorded", then each participant by name alone (typing matches
    names from their start: "R" would have matched every "Raised by ...")."""
    picker.clear()
    picker.addItem(NOT_RECORDED_TEXT, NOT_RECORDED)
    if session.meeting_id is not None:
        for person in people(session):
            picker.addItem(person["name"], person["id"])


def _selected(
    view: QAbstractItemView, model: PreparedConcernsModel | PreparedOptionsModel
) -> Row | None:
    index = view.currentIndex()
    return model.row_at(index.row()) if index.isValid() else None


class RaisedByMenu(QMenu):
    """The concern list's "Raised by" menu: the meeting's people (and "Not recorded"), the one
    who raised the selected concern ticked; choosing one records it. Emits QMenu's signals."""

    def __init__(
        self, view: QAbstractItemView, model: PreparedConcernsModel, session: Session
    ) -> None:
        super().__init__("Raised by", view)
        self._view, self._model, self._session = view, model, session
        self.aboutToShow.connect(self._fill)

    def _fill(self) -> None:
        self.clear()
        concern = _selected(self._view, self._model)
        if concern is None:
            return
        choices = [
            (NOT_RECORDED_TEXT, None),
            *((p["name"], p["id"]) for p in people(self._session)),
        ]
        for name, person in choices:
            action = self.addAction(str(name))
            action.setCheckable(True)
            action.setChecked(concern["raised_by"] == person)
            action.triggered.connect(
                lambda _=False, p=person, c=concern: self._model.edit(c, "raised_by", p or 0)
            )


class AddressesMenu(QMenu):
    """The option list's "Addresses concerns" menu: each concern by its number, ticked when the
    selected option addresses it; ticking links them, unticking unlinks. Emits QMenu's signals."""

    def __init__(
        self, view: QAbstractItemView, model: PreparedOptionsModel, session: Session
    ) -> None:
        super().__init__("Addresses concerns", view)
        self._view, self._model, self._session = view, model, session
        self.aboutToShow.connect(self._fill)

    def _fill(self) -> None:
        self.clear()
        option = _selected(self._view, self._model)
        if option is None:
            return
        concerns = self._session.ws.rows(
            "SELECT id, text FROM concerns WHERE meeting_id = ? ORDER BY id",
            (self._session.meeting_id,),
        )
        if not concerns:
            self.addAction("No concerns yet").setEnabled(False)
        for number, concern in enumerate(concerns, start=1):
            action = self.addAction(f"C{number}  {concern['text'][:60]}")
            action.setCheckable(True)
            action.setChecked(concern["id"] in option["concern_ids"])
            action.toggled.connect(
                lambda on, c=concern["id"], o=option: self._link(o, ConcernId(c), on)
            )

    def _link(self, option: Row, concern: ConcernId, linked: bool) -> None:
        linked_now = list(option["concern_ids"])
        wanted = [ConcernId(c) for c in linked_now if c != concern]
        if linked:
            wanted.append(concern)
        link_concerns(self._session, SolutionId(option["id"]), linked_now, wanted)


class RaisedByDelegate(QStyledItemDelegate):
    """Edits a concern's "Raised by" in place with the name picker: typing a name chooses the
    person ("Luis R"), Enter keeps it. Emits only QStyledItemDelegate's own signals."""

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = NamePicker(first_name=1, parent=parent)
        editor.setAccessibleName("Raised by")
        fill_with_people(editor, self._session)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, NamePicker):
            chosen = str(index.data(_EDIT))
            found = editor.findData(int(chosen)) if chosen.isdigit() else 0
            editor.setCurrentIndex(max(0, found))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, NamePicker):
            model.setData(index, editor.currentData() or NOT_RECORDED, _EDIT)
