"""Text is dark enough to read against what it is on (WCAG 1.4.3: 4.5:1): placeholders in empty
fields, and the shares written on the balance of voices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.clock import FakeClock
from tests.ui.keys import press
from ui.main_window import MainWindow
from ui.style import contrast

K = Qt.Key


def on(colour: QColor, background: QColor) -> QColor:
    """`colour` as painted over `background` (Qt's placeholder is the text colour, half clear)."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        *(c * alpha + b * (1 - alpha) for c, b in zip(
            (colour.redF(), colour.greenF(), colour.blueF()),
            (background.redF(), background.greenF(), background.blueF()),
            strict=True,
        ))
    )  # fmt: skip


def test_placeholders_read_at_four_and_a_half_to_one(qapp: QApplication) -> None:
    """Qt's own grey was 4.0:1 on white ("New concern, in the speaker's words")."""
    palette = qapp.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        base = palette.color(group, QPalette.ColorRole.Base)
        shown = on(palette.color(group, QPalette.ColorRole.PlaceholderText), base)
        assert contrast(shown, base) >= 4.5
        assert shown != palette.color(group, QPalette.ColorRole.Text)  # still told from text


def test_each_share_on_the_balance_bar_is_white_on_a_dark_enough_colour(
    qtbot: QtBot, meeting_window: MainWindow, clock: FakeClock
) -> None:
    """The school's "58%" was white on #c25e00: 4.29:1."""
    w = meeting_window
    for key in (K.Key_1, K.Key_3, K.Key_5):  # a parent, a teacher, the facilitator: every side
        press(qtbot, w, key)
        clock.advance(minutes=2)
    w.session.tick.emit()
    bar = w.speakers.bar
    image = bar.grab().toImage()
    white = QColor("#ffffff")
    y = 3  # the top of each part, above its label
    colours = {image.pixelColor(x, y).name() for x in range(image.width())}
    painted = {name for name in colours if contrast(QColor(name), white) > 2.5}  # not the frame
    assert len(painted) == 3, colours  # family, school, neutral
    for name in painted:
        assert contrast(QColor(name), white) >= 4.5, name
