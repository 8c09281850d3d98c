"""What a screen reader is told: labels whose name carries the text they show, and news spoken as
it happens (WCAG 4.1.2 and 4.1.3).

A QLabel with an accessible name of its own is read by that name alone: "Meeting status", never
"● LIVE". A label whose text says what it is keeps no name (Qt reads its text, and says when it
changes); one whose text alone would be ambiguous ("1 of 4: Welcome") is named "<what it is>:
<text>", kept current with `show_named`.

A drop-down is named by its current value on Linux (Qt's AT-SPI bridge; its accessible name is
not used there): its label comes from a QLabel beside it whose buddy it is (`label_for`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def show_named(label: QLabel, name: str, text: str) -> None:
    """Show `text` on `label`, and name it "`name`: `text`" (just `name` while it is empty)."""
    label.setText(text)
    spoken = f"{name}: {text}" if text else name
    if label.accessibleName() != spoken:  # Qt tells the screen reader of every new name
        label.setAccessibleName(spoken)


def label_for(control: QWidget, text: str) -> QLabel:
    """A short label before `control` ("Held by:"), its buddy: a screen reader reads it as the
    control's label, shown or hidden (where there is no room for it). Put it in the same widget
    as the control: Qt looks for a buddy among the control's siblings."""
    label = QLabel(text)
    label.setBuddy(control)
    label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
    return label


def announce(source: QObject, text: str, *, assertive: bool = False) -> None:
    """Ask the screen reader to say `text` now, without moving the keyboard: after what is being
    said (polite), or at once for a refusal (assertive). `source` is the widget it comes from."""
    if not text:
        return
    # Imported here: naming QAccessible builds its many enums, which the window's start need not.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    event = QAccessibleAnnouncementEvent(source, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
