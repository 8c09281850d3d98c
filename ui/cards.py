"""Concern cards: a bordered card per item, sized to its whole text (never cut off)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPalette,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
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


def viewport_width(view: QAbstractScrollArea) -> int:
    """The width of `view`'s viewport, worked out from the view itself.

    `view.viewport()` gives the same number, but the first time a widget Qt made itself (a
    viewport) reaches Python, PySide6 (6.11) builds every QWidget subclass it knows, from
    QCalendarWidget to QWizard, to find the right type: about 13 ms of start-up.
    """
    bar = view.verticalScrollBar()
    taken = _room_taken(view, bar, view.verticalScrollBarPolicy(), bar.width())
    return view.maximumViewportSize().width() - taken


def viewport_height(view: QAbstractScrollArea) -> int:
    """The height of `view`'s viewport, worked out as `viewport_width` works out its width."""
    bar = view.horizontalScrollBar()
    taken = _room_taken(view, bar, view.horizontalScrollBarPolicy(), bar.height())
    return view.maximumViewportSize().height() - taken


def _room_taken(
    view: QAbstractScrollArea, bar: QWidget, policy: Qt.ScrollBarPolicy, across: int
) -> int:
    """How much more of the viewport than `maximumViewportSize` says a scroll bar `across`
    pixels thick takes: none unless it shows (that size counts an always-on bar already); less,
    or none, where the style lays its bars over the content (macOS's overlay scroll bars)."""
    if policy == Qt.ScrollBarPolicy.ScrollBarAlwaysOn or not bar.isVisibleTo(view):
        return 0
    overlap = bar.style().pixelMetric(QStyle.PixelMetric.PM_ScrollView_ScrollBarOverlap, None, bar)
    return max(0, across - overlap)


def broken_at_any_letter(text: str, font: QFont, width: int) -> tuple[QTextLayout, int]:
    """`text` in lines of `width` pixels that break between words, and inside a word only where
    the word alone is longer than a line; and the height of the lines.

    Qt's word wrap lets such a word run past the edge, where it is cut off: "Occupational" or
    "paraprofessional" in a narrow column at large text.
    """
    layout = QTextLayout(text.replace("\n", "\u2028"), font)  # a line break, to a text layout
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return layout, int(height + 0.999)


def _is_selected(option: QStyleOptionViewItem, index: Index) -> bool:
    """Whether the card is selected, asked of the view's selection rather than `option.state`:
    reading that makes PySide6 build QStyle and its dozen large enums (about 10 ms of start-up)."""
    view = option.widget
    if not isinstance(view, QAbstractItemView):
        return False
    selection = view.selectionModel()
    return selection is not None and selection.isSelected(index)


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
            width = viewport_width(widget)
        probe = QRect(0, 0, max(60, width), 10_000)
        option.rect = probe
        text_rect = self._text_rect(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = option.fontMetrics.boundingRect(text_rect, _FLAGS, text)
        height = bounds.height()
        if bounds.width() > text_rect.width():  # a word longer than a line
            height = broken_at_any_letter(text, option.font, text_rect.width())[1]
        return QSize(probe.width(), height + 2 * (GAP + PAD))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect: QRect = option.rect.adjusted(GAP, GAP, -GAP, -GAP)
        palette: QPalette = option.palette
        selected = _is_selected(option, index)
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
        text_rect = self._text_rect(option, index)
        if option.fontMetrics.boundingRect(text_rect, _FLAGS, text).width() > text_rect.width():
            layout, _ = broken_at_any_letter(text, option.font, text_rect.width())
            layout.draw(painter, QPointF(text_rect.topLeft()))
        else:
            painter.drawText(text_rect, _FLAGS, text)
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
            width = viewport_width(widget) - 2 * widget.spacing() - 2
            option.rect = QRect(0, 0, max(40, width), 10_000)
        return super().sizeHint(option, index)
