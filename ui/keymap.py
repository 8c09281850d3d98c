"""The keyboard map: one table that makes the window's actions, the F1 overlay and the docs check.

Keys with neither Ctrl nor Alt (a speaker's own key, Space, Page Up/Down) never fire while someone
types in a text field (`TypingGuard`); every key that must work while typing carries a modifier.
"""

from __future__ import annotations

from enum import StrEnum
from itertools import pairwise
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QWidget

KEY = "<key>"  # stands for a participant's own key (1-9, then a-z) in the dynamic rows


class Scope(StrEnum):
    """Where a shortcut works."""

    WINDOW = "anywhere in the window"
    BOARD = "on a concern card"
    LIST = "on an item in a list"
    ACROSS = "in the action items across meetings"
    PREPARE = "while preparing a meeting"
    AGENDA_EDITOR = "on an agenda item while preparing"
    AGENDA = "on an agenda item"
    PROJECTOR = "in the projector view"
    WHO = "in the action items' Who list"


class Shortcut(NamedTuple):
    """One action: its name (the QAction's objectName), what it does, its keys (portable text)."""

    name: str
    text: str
    keys: tuple[str, ...]
    group: str
    scope: Scope = Scope.WINDOW

    def sequences(self, hotkey: str = "") -> list[QKeySequence]:
        return [QKeySequence(k.replace(KEY, hotkey.upper())) for k in self.keys]


SPEAKER = Shortcut(
    "speaker", "Make this participant the current speaker", (KEY, f"Alt+{KEY}"), "Speakers"
)
HAND = Shortcut(
    "hand",
    "Raise or lower this participant's hand",
    (f"Ctrl+H, {KEY}", f"Ctrl+H, Alt+{KEY}"),  # Alt+key means the person wherever it is pressed
    "Speakers",
)

SHORTCUTS: tuple[Shortcut, ...] = (
    SPEAKER,
    HAND,
    Shortcut("pause", "Pause: nobody is speaking", ("Space", "Ctrl+Space"), "Speakers"),
    Shortcut("next_item", "Next agenda item", ("PgDown", "Alt+Right"), "Agenda"),
    Shortcut("previous_item", "Previous agenda item", ("PgUp", "Alt+Left"), "Agenda"),
    Shortcut("start_meeting", "Start the meeting", ("Ctrl+Shift+S",), "Agenda"),
    Shortcut("end_meeting", "End the meeting", ("Ctrl+Shift+E",), "Agenda"),
    Shortcut(
        "add_concern", "Add a concern (raised by the current speaker)", ("Ctrl+Shift+C",), "Add"
    ),
    Shortcut("add_option", "Add a candidate solution (option)", ("Ctrl+Shift+O",), "Add"),
    Shortcut("add_non_negotiable", "Add a non-negotiable", ("Ctrl+Shift+B",), "Add"),
    Shortcut("add_agreement", "Add an agreement", ("Ctrl+Shift+G",), "Add"),
    Shortcut("add_action", "Add an action item (who, what, by when)", ("Ctrl+Shift+T",), "Add"),
    Shortcut("add_note", "Add a note (team only unless unticked)", ("Ctrl+Shift+N",), "Add"),
    Shortcut(
        "leave_field",
        "Leave the text field (or Open meeting): back to the speakers",
        ("Esc",),
        "Add",
    ),
    Shortcut("undo", "Undo", ("Ctrl+Z",), "Edit"),
    Shortcut("redo", "Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Edit"),
    Shortcut(
        "card_right",
        "Move the card to the next column",
        ("Ctrl+Right",),
        "Concerns board",
        Scope.BOARD,
    ),
    Shortcut(
        "card_left",
        "Move the card to the previous column",
        ("Ctrl+Left",),
        "Concerns board",
        Scope.BOARD,
    ),
    Shortcut("card_up", "Move the card up its column", ("Ctrl+Up",), "Concerns board", Scope.BOARD),
    Shortcut(
        "card_down", "Move the card down its column", ("Ctrl+Down",), "Concerns board", Scope.BOARD
    ),
    Shortcut("edit_item", "Edit the selected item in place", ("F2",), "Lists", Scope.LIST),
    Shortcut(
        "toggle_team_only",
        "Mark the selected item team only, or shared",
        ("Ctrl+T",),
        "Lists",
        Scope.LIST,
    ),
    Shortcut(
        "remove_item",
        "Remove the selected item (undo brings it back)",
        ("Del",),
        "Lists",
        Scope.LIST,
    ),
    Shortcut(
        "prepare_mode",
        "Prepare the meeting (until it starts), or back to run mode",
        ("Ctrl+Shift+P",),
        "Preparing",
    ),
    Shortcut(
        "add_participant",
        "Add a participant (name, role, language)",
        ("Ctrl+Shift+R",),
        "Preparing",
        Scope.PREPARE,
    ),
    Shortcut(
        "add_agenda_item",
        "Add an agenda item with its time box",
        ("Ctrl+Shift+A",),
        "Preparing",
        Scope.PREPARE,
    ),
    Shortcut(
        "agenda_up", "Move the agenda item up", ("Ctrl+Up",), "Preparing", Scope.AGENDA_EDITOR
    ),
    Shortcut(
        "agenda_down",
        "Move the agenda item down",
        ("Ctrl+Down",),
        "Preparing",
        Scope.AGENDA_EDITOR,
    ),
    Shortcut("help", "Show or hide this list of keys", ("F1",), "View"),
    Shortcut("projector", "Show or hide the projector view", ("F5",), "View"),
    Shortcut("larger_text", "Larger text", ("Ctrl++", "Ctrl+="), "View"),
    Shortcut("smaller_text", "Smaller text", ("Ctrl+-",), "View"),
    Shortcut("normal_text", "Normal text size", ("Ctrl+0",), "View"),
    Shortcut("settings", "Show the settings panel", ("Ctrl+,",), "View"),
    Shortcut(
        "actions_across",
        "Action items of every meeting: show or hide (open ones, by due date)",
        ("Ctrl+Shift+L",),
        "View",
    ),
    Shortcut(
        "mark_done",
        "Mark the selected action item done, or open again",
        ("Space", "Ctrl+D"),
        "Action items across meetings",
        Scope.ACROSS,
    ),
    Shortcut("new_meeting", "New meeting from a template…", ("Ctrl+N",), "File"),
    Shortcut("open_meeting", "Open meeting…", ("Ctrl+O",), "File"),
    Shortcut("export_minutes", "Export minutes… (parent or team copy)", ("Ctrl+E",), "File"),
    Shortcut("quit", "Quit (a live meeting resumes when opened again)", ("Ctrl+Q",), "File"),
)

BY_NAME = {s.name: s for s in SHORTCUTS}

# Keys that a list, a drop-down or the menu bar answers itself, not an action of the window: the
# F1 overlay lists them with the others, and docs/keyboard.md names each.
WIDGET_KEYS: tuple[Shortcut, ...] = (
    Shortcut("go_to_item", "Go to this item", ("Enter",), "Agenda", Scope.AGENDA),
    Shortcut("list_people", "List everyone (Space: with nothing typed)",
             ("F4", "Alt+Down", "Space"), "Add", Scope.WHO),
    Shortcut("context_menu", "The item's menu, as a right click opens it", ("Menu",), "Lists",
             Scope.LIST),
    Shortcut("leave_projector", "Back to the meeting window", ("Esc", "F5"), "View",
             Scope.PROJECTOR),
    Shortcut("menu_bar", "Put the keyboard on the menu bar (Esc leaves it)", ("Alt",), "View"),
)  # fmt: skip


def display_keys(shortcut: Shortcut) -> list[str]:
    """The keys as a person reads them on this platform (a modifier alone, "Alt", as it is)."""
    return [
        key
        if KEY in key
        else QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key
        for key in shortcut.keys
    ]


_FREE_KEYS = {
    Qt.Key.Key_Escape, Qt.Key.Key_F1, Qt.Key.Key_F2, Qt.Key.Key_F5, Qt.Key.Key_Delete,
}  # fmt: skip
_BUTTON_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select}


_TEXT_FIELDS = ("QLineEdit", "QTextEdit", "QPlainTextEdit")  # each has a readOnly property


def is_text_input(widget: QWidget) -> bool:
    # By Qt class name: importing these classes would build their enums at start-up.
    if any(widget.inherits(name) for name in _TEXT_FIELDS):
        return not widget.property("readOnly")
    if widget.inherits("QAbstractSpinBox"):
        return True
    return isinstance(widget, QComboBox) and widget.isEditable()


class TypingGuard(QObject):
    """Unmodified shortcuts yield to text fields and buttons: a filter on the focused widget.

    Qt asks the focused widget first (a ShortcutOverride event) whether it wants a key itself;
    answering yes for typing keys in text fields, and for Space on a button, is what keeps "1" a
    digit in a note and Space a click on a focused button, while the same keys switch speakers
    and pause everywhere else.

    Qt sends that question to the focused widget, so that is the one widget the guard watches,
    in every window of the app: it moves with the focus (`QApplication.focusChanged`). A filter
    on the whole application would see, and wrap for Python, every paint and layout event of
    every widget, thousands of them while the window first shows.

    Emits no signals.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on = False

    def start(self) -> None:
        """Watch whichever widget has the focus from now on (again after `stop`)."""
        app = QApplication.instance()
        if self._on or not isinstance(app, QApplication):
            return
        self._on = True
        app.focusChanged.connect(self._follow)
        self._follow(None, app.focusWidget())

    def stop(self) -> None:
        """Stop watching (the window closed): Qt's own shortcut handling holds again."""
        app = QApplication.instance()
        if not self._on or not isinstance(app, QApplication):
            return
        self._on = False
        app.focusChanged.disconnect(self._follow)
        focused = app.focusWidget()
        if focused is not None:
            focused.removeEventFilter(self)

    def _follow(self, old: QWidget | None, now: QWidget | None) -> None:
        if old is not None:
            old.removeEventFilter(self)
        if now is not None:
            now.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, QWidget):
            return False
        if not isinstance(event, QKeyEvent):
            return False
        if isinstance(watched, QLineEdit) and _nothing_to_take_back(watched, event):
            return True  # not taken here: the window's Ctrl+Z (or redo) acts instead
        modifiers = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        if modifiers:
            return False
        key = event.key()
        if is_text_input(watched) and key not in _FREE_KEYS:
            event.accept()
            return True
        if isinstance(watched, QAbstractButton | QComboBox) and key in _BUTTON_KEYS:
            event.accept()
            return True
        return False


def _nothing_to_take_back(field: QLineEdit, event: QKeyEvent) -> bool:
    """Ctrl+Z (or Ctrl+Shift+Z, Ctrl+Y) in a text field that has no typing of its own to undo
    (or redo): an add line just emptied by an add, a field not yet typed in. Qt's field would take
    the key and do nothing; the person meant the window's undo, which the status bar offers."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return not field.isUndoAvailable()
    if event.matches(QKeySequence.StandardKey.Redo):
        return not field.isRedoAvailable()
    return False


def reading_order(*parts: QWidget) -> None:
    """Tab goes through `parts` (panels, or single controls) in the order given, each part's own
    controls in the order they had; controls of no part keep theirs around them. Qt's order was
    the order the panels were put in their places, not the one the window shows them in.

    Call it once the parts are in the window: each part's controls then follow it in Qt's focus
    chain (a panel made whole is put in its place whole), so only the parts' own widgets are
    looked at. A panel made later (behind a tab) joins at the end of the chain."""
    tab = Qt.FocusPolicy.TabFocus.value  # plain ints: a flag operation per widget is slow
    ordered: list[QWidget] = []
    for part in parts:
        if part.focusPolicy().value & tab:
            ordered.append(part)
        widget = part.nextInFocusChain()
        while widget is not None and part.isAncestorOf(widget):
            if widget.focusPolicy().value & tab:
                ordered.append(widget)
            widget = widget.nextInFocusChain()
    for first, second in pairwise(ordered):
        if first.window() is second.window():  # a floating panel is a window of its own
            QWidget.setTabOrder(first, second)
