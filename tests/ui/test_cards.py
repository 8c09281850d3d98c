"""Concern cards and wrapped list items are measured at the width they are painted at."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from ui.cards import CardDelegate, _is_selected, viewport_width

Policy = Qt.ScrollBarPolicy


@pytest.mark.parametrize("policy", [Policy.ScrollBarAsNeeded, Policy.ScrollBarAlwaysOn])
@pytest.mark.parametrize("rows", [1, 200])
def test_the_viewport_width_is_worked_out_without_asking_for_the_viewport(
    qtbot: QtBot, policy: Qt.ScrollBarPolicy, rows: int
) -> None:
    view = QListView()
    qtbot.addWidget(view)
    view.setVerticalScrollBarPolicy(policy)
    model = QStandardItemModel(view)
    for number in range(rows):
        model.appendRow(QStandardItem(f"concern {number}"))
    view.setModel(model)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    scrolling = policy == Policy.ScrollBarAlwaysOn or rows == 200
    assert view.verticalScrollBar().isVisible() == scrolling
    assert viewport_width(view) == view.viewport().width()


def test_a_card_is_selected_when_its_view_says_so(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    model = QStandardItemModel(view)
    model.appendRow([QStandardItem("first")])
    model.appendRow([QStandardItem("second")])
    view.setModel(model)
    view.setItemDelegate(CardDelegate(view))
    option = QStyleOptionViewItem()
    option.widget = view
    first, second = model.index(0, 0), model.index(1, 0)
    view.selectionModel().select(second, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert not _is_selected(option, first)
    assert _is_selected(option, second)
    option.widget = None
    assert not _is_selected(option, second)  # painted outside a view: never selected
