"""A drop-down list of names chosen by typing them, spaces and all: "Ms. O" picks Ms. Ortiz."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

_COMMAND_KEYS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def folded(text: str) -> str:
    """`text` as typing matches it: case and accents ignored ("rodriguez" finds "Rodríguez")."""
    parts = unicodedata.normalize("NFKD", text)
    return "".join(c for c in parts if not unicodedata.combining(c)).casefold()


def best_match(names: list[str], typed: str) -> int | None:
    """The first name that starts with `typed`, else the first with a word that does (case and
    accents ignored); None if none does. "ms. o" picks "Ms. Ortiz", "cho" "Dr. Helen Cho"."""
    wanted = folded(typed)
    if not wanted.strip():
        return None
    candidates = [folded(name) for name in names]
    for number, name in enumerate(candidates):
        if name.startswith(wanted):
            return number
    for number, name in enumerate(candidates):
        starts = (
            n for n, c in enumerate(name) if c.isalnum() and (n == 0 or not name[n - 1].isalnum())
        )
        if any(name.startswith(wanted, n) for n in starts):
            return number
    return None


class NamePicker(QComboBox):
    """A non-editable drop-down list of names that typing chooses from (type-ahead).

    What is typed, spaces included, builds up until the pause between two keys is longer than
    `QApplication.keyboardInputInterval()`; each key picks `best_match` of it. QComboBox's own
    search stops at a space, which opens the list instead, so "Ms. O" picked the first "M" and
    the rest went to the list. Here Space opens the list only when nothing is being typed; F4
    and Alt+Down always do. Backspace takes back the last key typed. Rows before `first_name`
    (a "nobody" entry) are never picked by typing.

    While it has the keyboard, unmodified printable keys are typing, not shortcuts: with ten
    people in the room "a" is a speaker key, and typing "Ms. Ana" must not give anyone the floor.

    Signals: QComboBox's own (`activated` when typing picks another name, as its own search
    does). Enter is its add row's (`ui.enter_adds.EnterAdds`).
    """

    def __init__(
        self,
        *,
        first_name: int = 0,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._first_name = first_name
        self._clock = clock
        self._typed = ""
        self._typed_at = 0.0

    def typed(self) -> str:
        """What is being typed now ('' when nothing is, or the pause has ended it)."""
        if self._typed and self._clock() - self._typed_at > self._interval():
            self._typed = ""
        return self._typed

    def end_typing(self) -> None:
        self._typed = ""

    def event(self, event: QEvent) -> bool:
        # Qt asks the focused widget whether it wants a key before any shortcut takes it.
        override = event.type() == QEvent.Type.ShortcutOverride
        if override and isinstance(event, QKeyEvent) and self._is_typing_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = self.typed()
        if self._is_typing_key(event):
            text = event.text()
            if text == " " and not typed:
                super().keyPressEvent(event)  # Space with nothing typed: open the list
                return
            self._type(typed + text)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Backspace and typed:
            self._type(typed[:-1])
            event.accept()
            return
        self.end_typing()
        super().keyPressEvent(event)  # arrows, F4, Alt+Down: Qt's own keys

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.end_typing()
        super().focusOutEvent(event)

    def _type(self, typed: str) -> None:
        self._typed, self._typed_at = typed, self._clock()
        names = [self.itemText(row) for row in range(self._first_name, self.count())]
        found = best_match(names, typed)
        if found is None:
            return  # nothing matches: the choice stays, and what was typed stays to correct
        row = self._first_name + found
        if row != self.currentIndex():
            self.setCurrentIndex(row)
            self.activated.emit(row)

    def _interval(self) -> float:
        return QApplication.keyboardInputInterval() / 1000

    @staticmethod
    def _is_typing_key(event: QKeyEvent) -> bool:
        text = event.text()
        return not event.modifiers() & _COMMAND_KEYS and bool(text) and text.isprintable()
