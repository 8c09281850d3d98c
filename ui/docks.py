"""The panels as dock widgets, and where they sit until the facilitator moves them."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget

Area = Qt.DockWidgetArea


class DockPlace(NamedTuple):
    name: str  # objectName: what saveState() remembers the dock by
    title: str
    area: Area


def make_dock(window: QMainWindow, panel: QWidget | None, place: DockPlace) -> QDockWidget:
    """A dock for `panel`; None leaves it to be filled later (see `ui.tab_panels`)."""
    dock = QDockWidget(place.title, window)
    dock.setObjectName(place.name)
    dock.setAccessibleName(f"{place.title} panel")
    if panel is not None:
        dock.setWidget(panel)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    window.addDockWidget(place.area, dock)
    dock.toggleViewAction().setText(f"Show {place.title.lower()}")
    return dock


def arrange(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """The default layout for a 1366x768 laptop: the clock across the top; the agenda over the
    non-negotiables on the left; the board over the options in the middle; the speakers over the
    agreements, action items and notes (tabs) on the right."""
    window.setCorner(Qt.Corner.TopLeftCorner, Area.TopDockWidgetArea)
    window.setCorner(Qt.Corner.TopRightCorner, Area.TopDockWidgetArea)
    window.setCorner(Qt.Corner.BottomLeftCorner, Area.LeftDockWidgetArea)
    window.setCorner(Qt.Corner.BottomRightCorner, Area.RightDockWidgetArea)
    window.splitDockWidget(docks["agenda"], docks["non_negotiables"], Qt.Orientation.Vertical)
    window.splitDockWidget(docks["speakers"], docks["agreements"], Qt.Orientation.Vertical)
    window.tabifyDockWidget(docks["agreements"], docks["actions"])
    window.tabifyDockWidget(docks["actions"], docks["notes"])
    window.tabifyDockWidget(docks["notes"], docks["case"])
    window.tabifyDockWidget(docks["notes"], docks["settings"])
    docks["settings"].hide()
    raise_default_tab(docks)
    default_sizes(window, docks)
    name_tab_bars(window)


def raise_default_tab(docks: dict[str, QDockWidget]) -> None:
    """Of the tabs on the right, the agreements are the one in front."""
    docks["agreements"].raise_()


def default_sizes(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Share the screen out for the default layout: the speakers get room for a full roster.
    Call again once the window has its real size (sizes are kept as proportions of it)."""
    window.resizeDocks([docks["agenda"], docks["speakers"]], [300, 540], Qt.Orientation.Horizontal)
    window.resizeDocks(
        [docks["agenda"], docks["non_negotiables"], docks["speakers"], docks["agreements"]],
        [330, 300, 410, 220],
        Qt.Orientation.Vertical,
    )
    window.resizeDocks([docks["solutions"]], [240], Qt.Orientation.Vertical)


def name_tab_bars(window: QMainWindow) -> None:
    """The tab bars Qt makes for tabbed docks get accessible names too."""
    # Qt makes them children of the window itself; a search of the whole tree would wrap each of
    # the window's thousand objects for Python.
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not bar.accessibleName():
            bar.setAccessibleName("Tabbed panels")


class PanelLayout:
    """The panels on screen, or put away while the empty state, prepare mode or the new-meeting
    form has the window to itself; they come back as the facilitator left them."""

    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
        self._window = window
        self._docks = docks
        # The panels as last seen on screen (saveState); None until then: a layout saved before
        # the window first shows holds sizes for a window of Qt's default size.
        self._last_seen: QByteArray | None = None
        self._put_away: list[QDockWidget] = []  # shown until prepare mode hid them
        self.shown = True

    def restore(self, state: bytes | None) -> None:
        """The layout remembered from the last session, if any."""
        if state:
            self._window.restoreState(state)
            self._last_seen = self._window.saveState()
            name_tab_bars(self._window)

    def show(self, show: bool) -> None:
        if show == self.shown:
            return
        window = self._window
        if show:
            if self._last_seen is not None:
                window.restoreState(self._last_seen)
            else:  # never on screen yet (a first start that opened in prepare mode)
                for dock in self._put_away:
                    dock.show()
                raise_default_tab(self._docks)
                default_sizes(window, self._docks)
            name_tab_bars(window)
        else:
            if window.isVisible():
                self._last_seen = window.saveState()
            self._put_away = [dock for dock in self._docks.values() if not dock.isHidden()]
            for dock in self._docks.values():
                dock.hide()
        self.shown = show

    def to_remember(self) -> QByteArray | None:
        """The layout to save for the next session; None if the panels were never on screen."""
        return self._window.saveState() if self.shown else self._last_seen
