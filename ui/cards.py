"""Concern cards: a bordered card per item, sized to its whole text (never cut off)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

PAD = 6
GAP = 3
ICON = 18
_FLAGS = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
Index = QModelIndex | QPersistentModelIndex


class CardDelegate(QStyledItemDelegate):
    """Paints an item as a card; the selected card gets a thick border as well as a tint.

    Emits only QStyledItemDelegate's own signals.
    """

    def _text_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect:
        rect = option.rect.adjusted(GAP + PAD, GAP + PAD, -(GAP + PAD), -(GAP + PAD))
        if isinstance(index.data(Qt.ItemDataRole.DecorationRole), QIcon):
            rect.setLeft(rect.left() + ICON + PAD)
        return rect

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = option.rect.width()
        widget = option.widget
        if isinstance(widget, QAbstractScrollArea):
            width = widget.viewport().width()
        probe = QRect(0, 0, max(60, width), 10_000)
        option.rect = probe
        text_rect = self._text_rect(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = option.fontMetrics.boundingRect(text_rect, _FLAGS, text)
        return QSize(probe.width(), bounds.height() + 2 * (GAP + PAD))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect: QRect = option.rect.adjusted(GAP, GAP, -GAP, -GAP)
        palette: QPalette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#e3f0ff") if selected else palette.color(QPalette.ColorRole.Base))
        painter.setPen(
            QPen(QColor("#1f5fa8") if selected else QColor("#8a8a8a"), 3 if selected else 1)
        )
        painter.drawRoundedRect(rect, 5, 5)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon):
            icon.paint(painter, QRect(rect.left() + PAD, rect.top() + PAD, ICON, ICON))
        painter.setPen(QColor("#000000") if selected else palette.color(QPalette.ColorRole.Text))
        painter.setFont(option.font)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(self._text_rect(option, index), _FLAGS, text)
        painter.restore()

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        editor.setGeometry(option.rect.adjusted(GAP, GAP, -GAP, -GAP))


class WrapDelegate(QStyledItemDelegate):
    """Plain items, wrapped to the list's current width (Qt's own sizing can lag a resize and
    cut lines off). Emits only QStyledItemDelegate's own signals."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        widget = option.widget
        if isinstance(widget, QListView):
            # The width an item is painted at: the viewport less the spacing on both sides.
            width = widget.viewport().width() - 2 * widget.spacing() - 2
            option.rect = QRect(0, 0, max(40, width), 10_000)
        return super().sizeHint(option, index)
