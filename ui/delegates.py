"""Editors for table cells: a choice from a list, and a time box in minutes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from facilitator.templates.model import MAX_ITEM_MINUTES

Index = QModelIndex | QPersistentModelIndex
_EDIT = Qt.ItemDataRole.EditRole


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a drop-down of (label, stored value) pairs.

    Emits only QStyledItemDelegate's own signals.
    """

    def __init__(self, name: str, choices: Sequence[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self._name = name
        self._choices = list(choices)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        editor.setAccessibleName(self._name)
        for label, value in self._choices:
            editor.addItem(label, value)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(_EDIT))
            editor.setCurrentIndex(max(0, found))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), _EDIT)


class MinutesDelegate(QStyledItemDelegate):
    """Edits a time box: whole minutes, from 1 to a day.

    Emits only QStyledItemDelegate's own signals.
    """

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QSpinBox(parent)
        editor.setAccessibleName("Time box in minutes")
        editor.setRange(1, MAX_ITEM_MINUTES)
        editor.setSuffix(" min")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QSpinBox):
            try:
                editor.setValue(int(index.data(_EDIT)))
            except (TypeError, ValueError):
                editor.setValue(1)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), _EDIT)
