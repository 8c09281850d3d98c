"""The window's look: Qt's own style for the platform, asked for each title-bar icon only once."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

_SP = QStyle.StandardPixmap
_TITLE_BAR_ICONS = frozenset({
    _SP.SP_TitleBarMinButton, _SP.SP_TitleBarMenuButton, _SP.SP_TitleBarMaxButton,
    _SP.SP_TitleBarCloseButton, _SP.SP_TitleBarNormalButton, _SP.SP_TitleBarShadeButton,
    _SP.SP_TitleBarUnshadeButton, _SP.SP_TitleBarContextHelpButton, _SP.SP_DockWidgetCloseButton,
})  # fmt: skip


class TitleBarIconsOnce(QProxyStyle):
    """The application's style, unchanged, except that each title-bar icon is made once.

    Qt 6 (Fusion, 6.11) makes a panel's float and close icons afresh each time it lays out a
    panel's title bar, to learn their size: a new icon from about nine image files, each probed
    through the image plugins. The window's ten panels asked 121 times before it first showed
    (about 3% of the start-up), and again on every resize of a panel. These icons depend on
    nothing but which icon it is, so the first answer is kept; every other icon and every other
    question goes to the style as before.
    """

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self._icons: dict[QStyle.StandardPixmap, QIcon] = {}

    def standardIcon(
        self,
        standardIcon: QStyle.StandardPixmap,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        if standardIcon not in _TITLE_BAR_ICONS:
            return super().standardIcon(standardIcon, option, widget)
        icon = self._icons.get(standardIcon)
        if icon is None:
            icon = self._icons[standardIcon] = super().standardIcon(standardIcon, option, widget)
        return icon


def use_style(app: QApplication) -> TitleBarIconsOnce:
    """Give `app` the platform's own style (or the one chosen with -style), through
    `TitleBarIconsOnce`, unless it has it already. Call before the first window is made."""
    current = app.style()
    if isinstance(current, TitleBarIconsOnce):
        return current
    style = TitleBarIconsOnce(current.name())
    app.setStyle(style)
    return style
