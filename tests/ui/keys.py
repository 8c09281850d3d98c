"""Pressing keys the way a facilitator does: at whatever widget has the keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def focused(fallback: QWidget) -> QWidget:
    widget = QApplication.focusWidget()
    return widget if widget is not None else fallback


def press(
    qtbot: QtBot,
    window: QWidget,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = NONE,
) -> None:
    qtbot.keyClick(focused(window), key, modifiers)


def type_text(qtbot: QtBot, window: QWidget, text: str) -> None:
    qtbot.keyClicks(focused(window), text)
