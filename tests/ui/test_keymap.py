"""The typing guard's pieces: which widgets count as typing, and when the guard starts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.keymap import WhenExposed, is_text_input


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


def test_when_exposed_runs_once_the_window_is_on_screen_and_only_once(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.winId()  # the native window exists, but is not shown yet
    handle = widget.windowHandle()
    assert handle is not None
    calls: list[bool] = []
    WhenExposed(handle, lambda: calls.append(handle.isExposed()))
    QApplication.processEvents()  # what is queued goes through: nothing is on screen yet
    assert calls == []
    widget.show()
    qtbot.waitUntil(lambda: calls == [True])
    widget.hide()
    widget.show()
    qtbot.waitExposed(widget)
    assert calls == [True]
