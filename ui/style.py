"""The window's look: Qt's own style for the platform, asked for each title-bar icon only once;
placeholders dark enough to read, and the keyboard's place always drawn."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QProxyStyle, QStyle, QStyleOption, QWidget

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
    `TitleBarIconsOnce`, unless it has it already, with readable placeholders and the keyboard's
    place always drawn (`FocusShown`). Call before the first window is made."""
    current = app.style()
    if isinstance(current, TitleBarIconsOnce):
        return current
    style = TitleBarIconsOnce(current.name())
    app.setStyle(style)
    readable_placeholders(app)  # after the style: a new style brings its own palette
    FocusShown(app)
    return style


# -- text ------------------------------------------------------------------------------------------

LEAST_CONTRAST = 4.5  # WCAG 1.4.3, for text of the usual size


def contrast(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""

    def luminance(colour: QColor) -> float:
        parts = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                 for c in (colour.redF(), colour.greenF(), colour.blueF())]  # fmt: skip
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_placeholders(app: QApplication) -> None:
    """Placeholder text ("New concern…") in the lightest mix of the text colour into the field's
    that still reads at 4.5:1: Qt's own is the text colour at half strength, 4.0:1 on white. Any
    theme, light or dark."""
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text = palette.color(group, QPalette.ColorRole.Text)
        base = palette.color(group, QPalette.ColorRole.Base)
        for strength in (0.55, 0.6, 0.65, 0.7, 0.8, 1.0):
            mixed = QColor.fromRgbF(
                text.redF() * strength + base.redF() * (1 - strength),
                text.greenF() * strength + base.greenF() * (1 - strength),
                text.blueF() * strength + base.blueF() * (1 - strength),
            )
            if contrast(mixed, base) >= LEAST_CONTRAST:
                break
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, mixed)
    app.setPalette(palette)


# -- where the keyboard is -------------------------------------------------------------------------

_RING = "focus_ring"  # the property that marks a view drawn with `ring`
RESTING = QPalette.ColorRole.Mid  # the ring of a view without the keyboard: the usual grey frame
FOCUSED = QPalette.ColorRole.Text  # with it: the text colour, at least 3:1 on any window colour


def ring(view: QFrame) -> None:
    """Frame `view` (a list, a table, a scrolling area) in two pixels that turn from grey to the
    text colour while it has the keyboard: Qt's style draws the current item of a list in a pale
    line (1.75:1 on white), and nothing at all in an empty list. `FocusShown` turns it."""
    view.setFrameStyle(QFrame.Shape.Box | QFrame.Shadow.Plain)  # drawn in the foreground role
    view.setLineWidth(2)
    view.setProperty(_RING, True)
    _light(view, view.hasFocus())


def _light(view: QWidget, on: bool) -> None:
    role = FOCUSED if on else RESTING
    if view.foregroundRole() != role:
        view.setForegroundRole(role)
        view.update()


class FocusShown(QObject):
    """The keyboard's place is drawn wherever it goes, however it got there. Emits no signals.

    Qt draws the focus of a button or a field only in a window where Tab has been pressed: focus
    the window put somewhere itself (F1's Close, "Save as…" after Ctrl+E, a quick-add field)
    went unseen until then. Each window the keyboard comes to is marked as if it had been
    reached with Tab; and the frame of a view made with `ring` turns dark while it has the
    keyboard. One slot on the application's focus changes: no event filter, nothing per paint.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        app.focusChanged.connect(self._moved)

    def _moved(self, old: QWidget | None, now: QWidget | None) -> None:
        if old is not None and old.property(_RING):
            _light(old, False)
        if now is None:
            return
        window = now.window()
        if not window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
            window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        if now.property(_RING):
            _light(now, True)
