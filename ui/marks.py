"""How the window marks things: team-only items, overruns and the current speaker.

Nothing is shown by colour alone: every mark is also words (and, for team-only, an icon).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from facilitator.clock import parse_timestamp

TEAM_ONLY = "Team only"
TEAM_ONLY_TIP = (
    "Team only: kept out of the parent copy of the minutes and off the projector. It is not a"
    " promise of secrecy: parents may inspect education records (FERPA, 34 CFR 99.3)."
)
SPEAKING = "▶ speaking"
CURRENT = "▶"
# An action item's missing owner or due date, said where it would be (as the minutes say it).
NOT_ASSIGNED = "Not assigned"
NO_DATE = "No date"

OVERRUN = QColor("#b00020")  # dark red, 7:1 on white
ON_TIME = QColor("#1b5e20")
SPEAKER_BACKGROUND = QColor("#fff3c4")
CURRENT_BACKGROUND = QColor("#e3f0ff")
MUTED = QColor("#555555")


def with_team_only(text: str, team_only: object) -> str:
    """The text as a list shows it: team-only items say so in words, first."""
    return f"[{TEAM_ONLY}] {text}" if team_only else text


@cache
def bold() -> QFont:
    """A model's FontRole for emphasis: bold and nothing else, so the view's own font (and the
    text size setting) gives the rest. Made once: views ask for it on every paint."""
    font = QFont()
    font.setBold(True)
    return font


@cache
def italic() -> QFont:
    """A model's FontRole for a placeholder standing where something is still to be said
    ("Not assigned"): italic and nothing else, as `bold`."""
    font = QFont()
    font.setItalic(True)
    return font


def unsettled(owner: object, due_date: object, *, who: bool) -> QFont | None:
    """An action item's Who (`who`) or By cell: italic while it says `NOT_ASSIGNED` or
    `NO_DATE`, as every list of action items shows them."""
    return italic() if not (owner if who else due_date) else None


@cache
def team_only_icon() -> QIcon:
    """A small padlock, drawn here so it needs no image files."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#5b3a00"), 3.5)
    painter.setPen(pen)
    shackle = QPainterPath(QPointF(10, 15))
    shackle.lineTo(10, 10)
    shackle.arcTo(QRectF(10, 3, 12, 14), 180, -180)
    shackle.lineTo(22, 15)
    painter.drawPath(shackle)
    painter.setBrush(QColor("#c98a00"))
    painter.drawRoundedRect(QRectF(6, 14, 20, 15), 3, 3)
    painter.end()
    return QIcon(pixmap)


def local_time(timestamp: str, *, seconds: bool = True) -> str:
    """A stored UTC timestamp as the room's wall-clock time."""
    when = parse_timestamp(timestamp).astimezone()
    return when.strftime("%H:%M:%S" if seconds else "%H:%M")


def local_moments(first: str, second: str) -> tuple[str, str]:
    """Two stored timestamps as the room reads them: times alone on the same local day, else
    each with its day ("Mon 11/30 22:13:00")."""
    a, b = (parse_timestamp(t).astimezone() for t in (first, second))
    if a.date() == b.date():
        return local_time(first), local_time(second)
    day = "{0:%a} {0.month}/{0.day} {0:%H:%M:%S}"
    return day.format(a), day.format(b)


def local_time_ms(ms: int, *, seconds: bool = False) -> str:
    when = datetime.fromtimestamp(ms / 1000).astimezone()
    return when.strftime("%H:%M:%S" if seconds else "%H:%M")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
