"""F1: every key the window knows, drawn over the window (not a dialog), from the keymap itself.

While it shows, it keeps the keyboard: Tab goes round its own list and button, and no key reaches
the meeting behind it (a speaker's key pressed to read the list changed the speaker); F1 or Esc
puts it away, and the text size keys still work. Its text is the window's size, whatever it was
when the list was first made.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from facilitator.store import Row
from ui.keymap import (
    BY_NAME,
    HAND,
    KEY,
    SHORTCUTS,
    SPEAKER,
    WIDGET_KEYS,
    Scope,
    Shortcut,
    display_keys,
)
from ui.style import ring
from ui.widgets import title_font

# The keys that still work while the list shows: they put it away, or change the text size.
LET_THROUGH = tuple(
    sequence
    for name in ("help", "leave_field", "larger_text", "smaller_text", "normal_text")
    for sequence in BY_NAME[name].sequences()
)


def lets_through(event: QKeyEvent) -> bool:
    """Whether `event` is one of `LET_THROUGH` (Ctrl++ comes with Shift on most keyboards)."""
    combination = event.keyCombination()
    unshifted = QKeyCombination(
        combination.keyboardModifiers() & ~Qt.KeyboardModifier.ShiftModifier, combination.key()
    )
    pressed = (QKeySequence(combination), QKeySequence(unshifted))
    return any(sequence == key for sequence in LET_THROUGH for key in pressed)


def shortcut_rows(participants: list[Row]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, what it does)]) in keymap order, each group's keys of a list or of the
    menu bar after the window's; speaker keys listed per person too."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for spec in SHORTCUTS:
        groups.setdefault(spec.group, []).append((_keys(spec), _what(spec)))
    for spec in WIDGET_KEYS:
        groups.setdefault(spec.group, []).append((_keys(spec), _what(spec)))
    # One row for everyone, not a row each: a meeting of ten people kept the list from fitting.
    people = ", ".join(
        f"{p['hotkey'].upper()} {p['name']}" for p in participants if p.get("hotkey")
    )
    if people:
        groups["Speakers"].append(("Each person's key", people))
    return list(groups.items())


def _keys(spec: Shortcut) -> str:
    return " or ".join(display_keys(spec)).replace(KEY, "key")


def _what(spec: Shortcut) -> str:
    text = spec.text
    if spec in (SPEAKER, HAND):
        text += " (each person's key is in the Key column)"
    if spec.scope is not Scope.WINDOW:
        text += f" ({spec.scope.value})"
    return text


HEADING = 1.5  # a group's heading, in lines of text: larger, with room above it


def _lines(what: str) -> int:
    """About how many lines a row takes in half the window (a long one wraps): the columns are
    split by height, not by the number of rows."""
    return 1 + len(what) // 70


def _html(rows: list[tuple[str, list[tuple[str, str]]]]) -> str:
    parts = ["<table cellspacing='0' cellpadding='2'>"]
    for group, entries in rows:
        parts.append(
            f"<tr><td colspan='2'><h3 style='margin:6px 0 0 0'>{escape(group)}</h3></td></tr>"
        )
        for keys, what in entries:
            parts.append(
                f"<tr><td style='padding-right:14px'><b>{escape(keys)}</b></td>"
                f"<td>{escape(what)}</td></tr>"
            )
    parts.append("</table>")
    return "".join(parts)


class HelpOverlay(QWidget):
    """A translucent sheet over the main window listing the keys; F1, Esc or a click closes it.
    It keeps the keyboard while it shows (see the module).

    Signals:
        closed(): the overlay was dismissed.
    """

    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("HelpOverlay")
        self.setAccessibleName("Keyboard shortcuts")
        self.card = QFrame(self)
        self.card.setObjectName("HelpCard")
        self.card.setStyleSheet(
            "#HelpCard { background: #ffffff; border: 2px solid #333333; border-radius: 6px; }"
            " #HelpCard QLabel { color: #000000; }"
        )
        self.title = QLabel("Keyboard shortcuts")
        self.note = QLabel(
            "Keys without Ctrl or Alt work when you are not typing in a text field; Esc leaves"
            " the field. Ctrl+Z undoes anything, including a speaker key pressed by mistake."
        )
        self.note.setWordWrap(True)
        self.columns = [QLabel(), QLabel()]
        for label in self.columns:
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setWordWrap(True)
        self.close_button = QPushButton("Close (Esc)")
        self.close_button.setAccessibleName("Close the keyboard shortcuts")
        columns = QWidget()
        body = QHBoxLayout(columns)
        body.setContentsMargins(0, 0, 0, 0)
        for label in self.columns:
            body.addWidget(label, 1, Qt.AlignmentFlag.AlignTop)
        # Scrolls rather than cuts the last keys off, at large text or on a small screen.
        self.keys_area = QScrollArea()
        self.keys_area.setObjectName("HelpKeys")
        self.keys_area.setAccessibleName("The keys")
        self.keys_area.setWidget(columns)
        self.keys_area.setWidgetResizable(True)
        self.keys_area.setFrameShape(QFrame.Shape.NoFrame)
        self.keys_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.keys_area.viewport().setAutoFillBackground(False)  # the card's white shows through
        columns.setAutoFillBackground(False)  # which setWidget turned on
        ring(self.keys_area)  # a stop for Tab (arrows and Page Up/Down scroll it): drawn so
        self.stops = (self.keys_area, self.close_button)  # what Tab goes round while it shows
        for stop in self.stops:
            stop.installEventFilter(self)
        layout = QVBoxLayout(self.card)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.keys_area, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.close_button.clicked.connect(self.dismiss)
        parent.installEventFilter(self)
        self._return_to: QWidget | None = None
        self.hide()

    def show_for(self, participants: list[Row]) -> None:
        rows = shortcut_rows(participants)
        lines = [HEADING + sum(_lines(what) for _, what in entries) for _, entries in rows]
        # The groups in keymap order, split where the taller column is shortest.
        split = min(range(len(rows) + 1), key=lambda n: max(sum(lines[:n]), sum(lines[n:])))
        self.columns[0].setText(_html(rows[:split]))
        self.columns[1].setText(_html(rows[split:]))
        self._fit()
        self.fit_to_font()
        parent = self.parentWidget()
        focused = parent.focusWidget() if parent is not None else None
        if focused is None or not self.isAncestorOf(focused):
            self._return_to = focused  # where the keyboard goes back to when the list goes
        self.show()
        self.raise_()
        self.close_button.setFocus(Qt.FocusReason.ShortcutFocusReason)  # F1: drawn as focused

    def dismiss(self) -> None:
        """Put the list away; the keyboard goes back where it was before (Esc then takes it to
        the speakers, as it does from anywhere)."""
        if self.isVisible():
            self.hide()
            back = self._return_to
            if back is not None and isValid(back) and back.isVisible():
                back.setFocus(Qt.FocusReason.OtherFocusReason)
            self.closed.emit()

    def texts(self) -> str:
        return "\n".join(label.text() for label in self.columns)

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        margin = 24
        self.card.setGeometry(self.rect().adjusted(margin, margin, -margin, -margin))

    def fit_to_font(self) -> None:
        """The window's text size, and the title larger: the card's style sheet kept the size
        the list was first made at (9 points at 200%)."""
        parent = self.parentWidget()
        if parent is None:
            return
        text = parent.font()
        for label in (self.note, *self.columns):
            if label.font() != text:
                label.setFont(text)
        self.close_button.setFont(text)
        self.title.setFont(title_font(text, 1.4))

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go round the list and the Close button, never to the window under
        the sheet."""
        focused = self.focusWidget()
        at = self.stops.index(focused) if focused in self.stops else -1
        target = self.stops[(at + (1 if next else -1)) % len(self.stops)]
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.parentWidget():
            if kind == QEvent.Type.Resize:
                self._fit()
            elif kind == QEvent.Type.FontChange and self.isVisible():
                self.fit_to_font()
            return False
        # The keyboard is on the list or the button: Qt asks them first whether they want a key
        # (ShortcutOverride). Saying yes keeps it from the window's shortcuts, the speakers'
        # keys and Ctrl+Z among them.
        blocked = (
            kind == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and not lets_through(event)
        )
        if blocked:
            event.accept()
        return blocked

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.card.geometry().contains(event.position().toPoint()):
            self.dismiss()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 140))
