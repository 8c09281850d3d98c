"""The balance of voices: family, school and neutral shares of talk time, as a bar with numbers."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator.model import Side
from facilitator.talk_time import SpeakingBalance, format_duration

# Each part's label is white on its colour: every colour is dark enough for 4.5:1 (WCAG 1.4.3).
# (The school's orange was #c25e00: 4.29:1.)
_COLOURS = {
    Side.FAMILY: QColor("#1f5fa8"),  # 6.4:1
    Side.SCHOOL: QColor("#ad5400"),  # 5.2:1
    Side.NEUTRAL: QColor("#6b6b6b"),  # 5.3:1
}
LABEL = QColor("#ffffff")


def balance_text(balance: SpeakingBalance | None) -> str:
    """'Family 31% (14:02) · School 58% (26:10) · Neutral 11% (5:01)': the numbers in words."""
    if balance is None or balance.total_ms == 0:
        return "Family 0% · School 0% · nobody has spoken yet"
    parts = []
    for side in (Side.FAMILY, Side.SCHOOL, Side.NEUTRAL):
        share = balance.sides[side]
        if share.people or share.talk_ms:
            parts.append(
                f"{side.label} {round(share.share * 100)}% ({format_duration(share.talk_ms)})"
            )
    return " · ".join(parts)


def _shares(balance: SpeakingBalance | None) -> tuple[float, ...]:
    """What the bar draws: each side's share (nothing, before anyone has spoken)."""
    if balance is None or balance.total_ms == 0:
        return ()
    return tuple(
        round(balance.sides[side].share, 3) for side in (Side.FAMILY, Side.SCHOOL, Side.NEUTRAL)
    )


class BalanceBar(QWidget):
    """A bar split by side, each part labelled with its side and share. Emits no signals.

    It is set after every turn: it repaints only when what it shows changed, and paints all of
    itself, so its parents are not repainted underneath.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._balance: SpeakingBalance | None = None
        self._text = balance_text(None)
        self.setAccessibleName("Balance of voices, family and school")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_balance(self, balance: SpeakingBalance | None) -> None:
        shown = _shares(self._balance)
        self._balance = balance
        text = balance_text(balance)
        if text != self._text:
            self._text = text
            self.setToolTip(text)
            self.setAccessibleDescription(text)
        if _shares(balance) != shown:
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, self.fontMetrics().height() + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.eraseRect(self.rect())  # not fillRect: see Readout.paintEvent
        rect = self.rect().adjusted(0, 1, -1, -2)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRect(rect)
        balance = self._balance
        if balance is None or balance.total_ms == 0:
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "nobody has spoken yet")
            return
        x = rect.left()
        for side in (Side.FAMILY, Side.SCHOOL, Side.NEUTRAL):
            width = round(rect.width() * balance.sides[side].share)
            if width <= 0:
                continue
            part = QRect(x, rect.top(), width, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_COLOURS[side])
            painter.drawRect(part)
            label = f"{side.label} {round(balance.sides[side].share * 100)}%"
            if painter.fontMetrics().horizontalAdvance(label) + 6 > width:
                label = f"{round(balance.sides[side].share * 100)}%"
            if painter.fontMetrics().horizontalAdvance(label) + 4 <= width:
                painter.setPen(LABEL)
                painter.drawText(part, Qt.AlignmentFlag.AlignCenter, label)
            x += width
