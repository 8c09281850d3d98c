"""Keeping the windows within their screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QApplication, QWidget


def back_within_screen(window: QWidget) -> None:
    """Shrink and move `window` back within its screen's free area, as far as its panels allow.

    Larger text can need more room than the screen has, and Qt then grows the window past the
    screen's edge to make room for every panel; when the text is smaller again the window does
    not shrink by itself, and panels stayed out of sight at the normal size.
    """
    screen = window.screen()
    if screen is None or not window.isVisible():
        return
    room = screen.availableGeometry()
    if room.contains(window.frameGeometry()):
        return
    # Every panel laid out for the text as it is now (their layouts wait for the event loop),
    # so that the window's minimum size is today's, not the larger text's.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    layout = window.layout()
    if layout is not None:
        layout.activate()
    frame = window.frameGeometry().size() - window.size()  # what the window manager adds
    window.resize(
        min(window.width(), room.width() - frame.width()),
        min(window.height(), room.height() - frame.height()),
    )  # never below the window's minimum size: Qt holds to it
    outer = window.frameGeometry()
    window.move(
        max(room.left(), min(outer.left(), room.right() + 1 - outer.width())),
        max(room.top(), min(outer.top(), room.bottom() + 1 - outer.height())),
    )


def first_size(window: QWidget, normal: QSize) -> QSize:
    """The size a window of its own opens at: `normal` at the normal text size, as much larger as
    the room's text (a projector at 200% gets twice the room), never past nine tenths of its
    screen."""
    base = QApplication.font().pointSizeF()
    scale = max(1.0, window.font().pointSizeF() / base) if base > 0 else 1.0
    wanted = QSize(round(normal.width() * scale), round(normal.height() * scale))
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry().size()
        wanted = wanted.boundedTo(QSize(room.width() * 9 // 10, room.height() * 9 // 10))
    return wanted


def size_on_first_show(window: QWidget, normal: QSize) -> None:
    """Give a window of its own its `first_size` the first time it is shown; after that it keeps
    the size the facilitator gave it. Call just before it shows."""
    if window.property("sized_on_first_show"):
        return
    window.setProperty("sized_on_first_show", True)
    window.resize(first_size(window, normal))
