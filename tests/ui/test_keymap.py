"""The typing guard: which widgets count as typing, and that the guard follows the focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.keymap import TypingGuard, is_text_input


def test_text_fields_spin_boxes_and_editable_combo_boxes_are_typing(qtbot: QtBot) -> None:
    read_only = QLineEdit()
    read_only.setReadOnly(True)
    read_only_text = QTextEdit()
    read_only_text.setReadOnly(True)
    editable = QComboBox()
    editable.setEditable(True)
    typing = [QLineEdit(), QTextEdit(), QPlainTextEdit(), QSpinBox(), editable]
    not_typing = [read_only, read_only_text, QComboBox(), QPushButton("Add"), QWidget()]
    for widget in typing + not_typing:
        qtbot.addWidget(widget)
    assert [is_text_input(w) for w in typing] == [True] * len(typing)
    assert [is_text_input(w) for w in not_typing] == [False] * len(not_typing)


def test_the_guard_follows_the_focus_until_stopped(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    field, button, other = QLineEdit(window), QPushButton("Add", window), QListView(window)
    layout = QVBoxLayout(window)
    for widget in (field, button, other):
        layout.addWidget(widget)
    fired: list[str] = []
    for key in ("PgDown", "Space"):
        action = QAction(key, window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _=False, key=key: fired.append(key))
        window.addAction(action)
    guard = TypingGuard(window)
    guard.start()
    guard.start()  # twice is once
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    def press_at(widget: QWidget, key: Qt.Key) -> None:
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        qtbot.keyClick(widget, key)

    press_at(field, Qt.Key.Key_PageDown)  # the field's, not the window's
    press_at(button, Qt.Key.Key_Space)  # a click on the button
    assert fired == []
    press_at(other, Qt.Key.Key_PageDown)  # neither typing nor a button: the window's key
    press_at(other, Qt.Key.Key_Space)
    assert fired == ["PgDown", "Space"]
    guard.stop()
    press_at(field, Qt.Key.Key_PageDown)  # Qt's own way again: the shortcut wins
    assert fired == ["PgDown", "Space", "PgDown"]
