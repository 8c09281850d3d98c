"""QActions made from the keymap: the window's, each list's, and one per participant's key."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QWidget

from facilitator.model import ParticipantId
from facilitator.store import Row
from ui.keymap import BY_NAME, HAND, SHORTCUTS, SPEAKER, Scope, Shortcut
from ui.models.board_items import BoardItemsModel
from ui.widgets import editable_cell, editor_name


def make_action(
    parent: QWidget,
    spec: Shortcut,
    *,
    hotkey: str = "",
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    text: str | None = None,
) -> QAction:
    action = QAction(text or spec.text, parent)
    action.setObjectName(f"{spec.name}:{hotkey}" if hotkey else spec.name)
    action.setShortcuts(spec.sequences(hotkey))
    action.setShortcutContext(context)
    action.setToolTip(spec.text)
    parent.addAction(action)
    return action


def window_actions(window: QWidget) -> dict[str, QAction]:
    """Every window-wide action of the keymap, by name (speaker keys are made per person)."""
    return {
        spec.name: make_action(window, spec)
        for spec in SHORTCUTS
        if spec.scope is Scope.WINDOW and spec not in (SPEAKER, HAND)
    }


def edit_cell(view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex) -> bool:
    """Open the in-place editor on `index` when it can be edited, else on the first cell of its
    row that can, and name the editor for a screen reader (`editor_name`). False if none can."""
    cell = editable_cell(index)
    if not cell.isValid():
        return False
    view.setCurrentIndex(cell)
    view.edit(cell)
    editor = view.indexWidget(cell)
    if editor is None:
        return False
    editor.setAccessibleName(editor_name(view, cell))
    return True


def edit_in_place(view: QAbstractItemView) -> QAction:
    """F2 (the context menu's Edit too) and a double-click edit the cell they are on, or the
    first cell of its row that can be edited: with a row's Basis selected, F2 edits the basis.

    Qt's own edit triggers opened the cell clicked and left the editor nameless; F2 always
    edited the first column, whichever cell was selected."""
    triggers = view.editTriggers()
    view.setEditTriggers(triggers & ~QAbstractItemView.EditTrigger.DoubleClicked)
    if triggers & QAbstractItemView.EditTrigger.DoubleClicked:
        view.doubleClicked.connect(lambda index: edit_cell(view, index))
    action = make_action(view, BY_NAME["edit_item"], context=Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda: edit_cell(view, view.currentIndex()))
    return action


def list_actions(
    view: QAbstractItemView, model: BoardItemsModel, extra: Iterable[QAction] = ()
) -> list[QAction]:
    """Edit (`edit_in_place`), team-only and remove for one list; they work while the list has
    the focus and appear in its context menu."""

    def current_row() -> int:
        index = view.currentIndex()
        return index.row() if index.isValid() else -1

    actions = [edit_in_place(view)]
    handlers: dict[str, Callable[[], None]] = {
        "toggle_team_only": lambda: model.toggle_team_only(current_row()),
        "remove_item": lambda: model.remove(current_row()),
    }
    for name, handler in handlers.items():
        action = make_action(view, BY_NAME[name], context=Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(handler)
        actions.append(action)
    for action in extra:
        view.addAction(action)
    return actions


_CARD_MOVES = {"card_right": (1, 0), "card_left": (-1, 0), "card_up": (0, -1), "card_down": (0, 1)}


def card_actions(view: QAbstractItemView, move: Callable[[int, int], None]) -> list[QAction]:
    """Ctrl+arrows on a concern card: `move(columns, rows)` moves the focused card."""
    actions = []
    for name, (columns, rows) in _CARD_MOVES.items():
        action = make_action(view, BY_NAME[name], context=Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _=False, c=columns, r=rows: move(c, r))
        actions.append(action)
    return actions


class SpeakerKeys(QObject):
    """One pair of actions per participant, rebuilt when the roster changes.

    Signals:
        speaker_key(int): a participant's key (or Alt+key) was pressed.
        hand_key(int): Ctrl+H then a participant's key was pressed.
    """

    speaker_key = Signal(int)
    hand_key = Signal(int)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._actions: list[QAction] = []
        self._roster: list[tuple[int, str]] = []

    def rebuild(self, participants: list[Row]) -> None:
        roster = [(int(p["id"]), str(p["hotkey"])) for p in participants if p["hotkey"]]
        if roster == self._roster:
            return
        for action in self._actions:
            self._window.removeAction(action)
            action.deleteLater()
        self._actions = []
        self._roster = roster
        for participant_id, hotkey in roster:
            speak = make_action(self._window, SPEAKER, hotkey=hotkey)
            speak.triggered.connect(
                lambda _=False, p=participant_id: self.speaker_key.emit(ParticipantId(p))
            )
            hand = make_action(self._window, HAND, hotkey=hotkey)
            hand.triggered.connect(
                lambda _=False, p=participant_id: self.hand_key.emit(ParticipantId(p))
            )
            self._actions += [speak, hand]

    def actions(self) -> list[QAction]:
        return list(self._actions)
