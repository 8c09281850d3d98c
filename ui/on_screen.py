"""Keeping the window within its screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget


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
