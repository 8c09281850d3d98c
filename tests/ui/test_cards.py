"""Concern cards and wrapped list items are measured at the width they are painted at."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QProxyStyle, QStyle, QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from ui.cards import (
    GAP,
    PAD,
    CardDelegate,
    _is_selected,
    broken_at_any_letter,
    viewport_height,
    viewport_width,
)

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


@pytest.mark.parametrize("policy", [Policy.ScrollBarAsNeeded, Policy.ScrollBarAlwaysOn])
@pytest.mark.parametrize("columns", [1, 30])
def test_the_viewport_height_is_worked_out_without_asking_for_the_viewport(
    qtbot: QtBot, policy: Qt.ScrollBarPolicy, columns: int
) -> None:
    """A table, with its header above the viewport and a scroll bar below it when wide."""
    view = QTableView()
    qtbot.addWidget(view)
    view.setHorizontalScrollBarPolicy(policy)
    model = QStandardItemModel(5, columns, view)
    view.setModel(model)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    scrolling = policy == Policy.ScrollBarAlwaysOn or columns == 30
    assert view.horizontalScrollBar().isVisible() == scrolling
    assert viewport_height(view) == view.viewport().height()


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


def test_a_word_longer_than_a_cards_line_is_broken_rather_than_cut_off(qtbot: QtBot) -> None:
    """In a narrow column at large text a word can be longer than a line: Qt's word wrap let it
    run past the card's edge, cut off. It breaks inside the word then, and only then."""
    view = QListView()
    qtbot.addWidget(view)
    model = QStandardItemModel(view)
    long_text, short_text = "C7 Paraprofessionalism\nfor reading", "C8 Short words\n— Ana"
    model.appendRow([QStandardItem(long_text)])
    model.appendRow([QStandardItem(short_text)])
    view.setModel(model)
    delegate = CardDelegate(view)
    view.setItemDelegate(delegate)
    view.resize(130, 300)
    view.show()
    qtbot.waitExposed(view)
    option = QStyleOptionViewItem()
    option.widget = view
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    option.rect = QRect(0, 0, 10, 10)
    width = viewport_width(view) - 2 * (GAP + PAD)
    assert view.fontMetrics().horizontalAdvance("Paraprofessionalism") > width

    layout, height = broken_at_any_letter(long_text, view.font(), width)
    lines = [layout.lineAt(n) for n in range(layout.lineCount())]
    assert all(line.naturalTextWidth() <= width for line in lines)
    assert "".join(
        long_text[line.textStart() : line.textStart() + line.textLength()] for line in lines
    ).replace("\n", "") == long_text.replace("\n", "")
    assert delegate.sizeHint(option, model.index(0, 0)).height() == height + 2 * (GAP + PAD)

    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    words = view.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), int(flags), short_text)
    assert delegate.sizeHint(option, model.index(1, 0)).height() == words.height() + 2 * (GAP + PAD)


class OverlayBars(QProxyStyle):
    """Scroll bars laid over the content, as macOS shows them."""

    def pixelMetric(self, metric: QStyle.PixelMetric, *args: object) -> int:
        if metric == QStyle.PixelMetric.PM_ScrollView_ScrollBarOverlap:
            return super().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, *args)  # type: ignore[arg-type]
        return super().pixelMetric(metric, *args)  # type: ignore[arg-type]


def test_scroll_bars_laid_over_the_content_take_no_room_from_it(qtbot: QtBot) -> None:
    style = OverlayBars("Fusion")
    listed, table = QListView(), QTableView()
    for view in (listed, table):
        qtbot.addWidget(view)
        for widget in (view, view.verticalScrollBar(), view.horizontalScrollBar()):
            widget.setStyle(style)  # a style set on a widget is not its children's
        view.resize(300, 200)
    rows = QStandardItemModel(listed)
    for number in range(200):
        rows.appendRow(QStandardItem(f"concern {number}"))
    listed.setModel(rows)
    table.setModel(QStandardItemModel(5, 30, table))
    for view in (listed, table):
        view.show()
        qtbot.waitExposed(view)
    assert listed.verticalScrollBar().isVisible() and table.horizontalScrollBar().isVisible()
    assert (
        viewport_width(listed) == listed.viewport().width() == listed.maximumViewportSize().width()
    )
    assert viewport_height(table) == table.viewport().height()
