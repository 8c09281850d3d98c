"""A line of text that changes all the time (a clock, the balance of voices) without relayouts."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class Readout(QWidget):
    """One line of text, repainted in place. Emits no signals.

    A QLabel asks the whole window to lay itself out again whenever its text changes (its size
    hint may have changed); for text that changes with every key press and every second, that
    costs more than the paint. A readout's size depends on its font only, so a new text repaints
    this line and nothing else. Text wider than the line is elided; the whole text is the tooltip
    and the accessible description. `set_alert` shows it bold in an alert colour, which must
    repeat something the text already says in words.
    """

    def __init__(self, name: str, *, sample: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._sample = sample  # the usual text, for the width this line asks for
        self._alert: QColor | None = None
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # fills itself: no parent paint

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.update()

    def clear(self) -> None:
        self.setText("")

    def set_alert(self, colour: QColor | None) -> None:
        """Bold in `colour` (None: as usual)."""
        if colour != self._alert:
            self._alert = colour
            self.update()

    def sizeHint(self) -> QSize:
        bold = QFont(self.font())
        bold.setBold(True)  # room for the usual text in bold, as an alert shows it
        metrics = QFontMetrics(bold)
        return QSize(metrics.horizontalAdvance(self._sample) + 8, metrics.height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") + 8, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # The widget's own background; fillRect with a colour would make PySide build QGradient's
        # enums (its overloads are tried in turn), a few milliseconds of start-up.
        painter.eraseRect(self.rect())
        if self._alert is not None:
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(self._alert)
        else:
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        area = self.rect().adjusted(2, 0, -2, 0)
        text = painter.fontMetrics().elidedText(
            self._text, Qt.TextElideMode.ElideRight, area.width()
        )
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
