"""Enter adds from every field of an add row, not only from its text fields.

Qt's spin boxes, drop-downs, check boxes and (outside a dialog) buttons let Return and the keypad's
Enter pass them by, so a person who typed a title, tabbed to the minutes or ticked "Team only" and
pressed Enter saw nothing happen. A text field handles Enter itself (`returnPressed`) and then lets
it pass on as well, so a row that listened to both would add twice. `EnterAdds` takes the key at
each field of its row, before the field sees it, and adds once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # Enter: the keypad's
_COMMANDS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def is_enter(event: QKeyEvent) -> bool:
    """Return or the keypad's Enter, with no Ctrl, Alt or Meta (those keys mean something else)."""
    return event.key() in ENTER_KEYS and not event.modifiers() & _COMMANDS


class EnterAdds(QObject):
    """Return or keypad Enter in any of `fields` calls `add` once (a number typed in a spin box is
    taken first). Owned by the row it serves (`parent`). Emits no signals.

    Connect nothing else to the fields' `returnPressed`: Enter reaches them no more.
    """

    def __init__(
        self, add: Callable[[], object], fields: Iterable[QWidget], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._add = add
        for field in fields:
            field.installEventFilter(self)
            text = field.lineEdit() if isinstance(field, QComboBox) else None
            if text is not None:  # an editable drop-down's text
                text.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not is_enter(event):
            return False
        if isinstance(watched, QAbstractSpinBox):
            watched.interpretText()  # "15" typed and not yet taken: the row adds 15, not 10
        self._add()
        return True
