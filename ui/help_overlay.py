"""F1: every key the window knows, drawn over the window (not a dialog), from the keymap itself."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator.store import Row
from ui.keymap import HAND, KEY, SHORTCUTS, SPEAKER, Scope, Shortcut, display_keys


def shortcut_rows(participants: list[Row]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, what it does)]) in keymap order; speaker keys listed per person too."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for spec in SHORTCUTS:
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


def _html(rows: list[tuple[str, list[tuple[str, str]]]]) -> str:
    parts = ["<table cellspacing='0' cellpadding='3'>"]
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
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
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
        layout = QVBoxLayout(self.card)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.keys_area, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.close_button.clicked.connect(self.dismiss)
        parent.installEventFilter(self)
        self.hide()

    def show_for(self, participants: list[Row]) -> None:
        rows = shortcut_rows(participants)
        half = (sum(len(entries) + 1 for _, entries in rows) + 1) // 2
        first: list[tuple[str, list[tuple[str, str]]]] = []
        second: list[tuple[str, list[tuple[str, str]]]] = []
        count = 0
        for group in rows:
            (first if count < half else second).append(group)
            count += len(group[1]) + 1
        self.columns[0].setText(_html(first))
        self.columns[1].setText(_html(second))
        self._fit()
        self.show()
        self.raise_()
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.card.geometry().contains(event.position().toPoint()):
            self.dismiss()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 140))
