"""The app's style: Qt's own, with each title-bar icon made once."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QStyle, QStyleFactory
from pytestqt.qtbot import QtBot

from ui.style import TitleBarIconsOnce, use_style

SP = QStyle.StandardPixmap


def test_the_app_keeps_its_style_and_gets_it_once(qapp: QApplication) -> None:
    style = use_style(qapp)
    assert isinstance(qapp.style(), TitleBarIconsOnce)
    assert use_style(qapp) is style  # again: the same one
    assert style.baseStyle().name().lower() == "fusion"  # what this platform gives anyway


def test_title_bar_icons_are_made_once_and_look_as_the_style_draws_them(
    qapp: QApplication,
) -> None:
    style = TitleBarIconsOnce("fusion")
    plain = QStyleFactory.create("fusion")
    for icon in (SP.SP_TitleBarCloseButton, SP.SP_TitleBarNormalButton):
        first = style.standardIcon(icon)
        assert style.standardIcon(icon).cacheKey() == first.cacheKey()
        expected = plain.standardIcon(icon).pixmap(QSize(16, 16)).toImage()
        assert first.pixmap(QSize(16, 16)).toImage() == expected
    # Any other icon is asked of the style each time, as before.
    assert not style.standardIcon(SP.SP_ArrowBack).isNull()
    assert SP.SP_ArrowBack not in style._icons


def test_panels_lay_out_their_title_bars_with_the_kept_icons(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    dock = QDockWidget("Agenda", window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.show()
    qtbot.waitExposed(window)
    style = window.style()
    assert isinstance(style, TitleBarIconsOnce)
    for width in (300, 500, 400):
        window.resize(width, 300)
        QApplication.processEvents()
    assert set(style._icons) >= {SP.SP_TitleBarCloseButton, SP.SP_TitleBarNormalButton}
