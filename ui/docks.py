"""The panels as dock widgets, and where they sit until the facilitator moves them."""

from __future__ import annotations

import atexit
import weakref
from typing import NamedTuple

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTabBar, QWidget

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
    """Share the screen out for the default layout at the window's text size: the clock as tall
    as it needs, the speakers as wide as their columns with the status in full (within
    `TRACKER_SHARE` of the window). At 100% on 1366x768 that is the layout the screenshots show.
    The window calls it again whenever the text size changes, so that larger text takes room
    from the board rather than squeezing the tracker, and normal text gives it back. (Down the
    right-hand column the tracker keeps a few people in view itself: `SpeakersPanel`.)"""
    across, down = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    shown = window.isVisible()  # else it is being made, at Qt's default size: the 100% sizes
    left, right = (
        _widths_for_the_text(window, docks) if shown else (AGENDA_AT_100, TRACKER_AT_100[0])
    )
    window.resizeDocks([docks["agenda"], docks["speakers"]], [left, right], across)
    if shown:
        clock = docks["timer"]
        window.resizeDocks([clock], [clock.minimumSizeHint().height()], down)
        QApplication.sendPostedEvents(window, QEvent.Type.LayoutRequest)  # before the heights
    window.resizeDocks(
        [docks["agenda"], docks["non_negotiables"], docks["speakers"], docks["agreements"]],
        [330, 300, TRACKER_AT_100[1], AGREEMENTS_AT_100],
        down,
    )
    window.resizeDocks([docks["solutions"]], [240], down)


def _widths_for_the_text(window: QMainWindow, docks: dict[str, QDockWidget]) -> tuple[int, int]:
    """The agenda's and the tracker's widths for the window and its text as they are now."""
    # The panels' minimum sizes for the text as it is now first: else older ones hold the docks.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    tracker = docks["speakers"].widget()
    wanted = getattr(tracker, "wanted_width", None)
    wants = wanted() if callable(wanted) else TRACKER_AT_100[0]
    wide = min(1.0, window.width() / SCREEN_WIDTH)  # in proportion on a narrower screen
    most = int(window.width() * TRACKER_SHARE)
    return int(AGENDA_AT_100 * wide), max(int(TRACKER_AT_100[0] * wide), min(wants, most))


SCREEN_WIDTH = 1366  # the laptop the default layout is made for
AGENDA_AT_100 = 300  # the agenda's width at 100% on 1366x768
TRACKER_AT_100 = (540, 410)  # the speakers' room
AGREEMENTS_AT_100 = 220  # the agreements' height
TRACKER_SHARE = 0.4  # of the window's width, at most


def name_tab_bars(window: QMainWindow) -> None:
    """The tab bars Qt makes for tabbed docks get accessible names too, and are Tab stops only
    while they show tabs (`TabBarStops`)."""
    stops = window.findChild(
        TabBarStops, TabBarStops.NAME, Qt.FindChildOption.FindDirectChildrenOnly
    )
    if not isinstance(stops, TabBarStops):
        stops = TabBarStops(window)
    stops.watch()


_LOOK_AGAIN = frozenset({QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Move, QEvent.Type.Resize})
_BY_TAB = {Qt.FocusReason.TabFocusReason: True, Qt.FocusReason.BacktabFocusReason: False}


_WATCHING: weakref.WeakSet[TabBarStops] = weakref.WeakSet()


@atexit.register
def _stop_watching_at_exit() -> None:
    """A window still open when the interpreter exits (a script that never closed it) is torn
    down by Qt after Python's own objects: its tab bars would then call a Python event filter
    that is no longer there, and the process crashed on exit. So the filters go first."""
    for stops in list(_WATCHING):
        if shiboken6.isValid(stops) and shiboken6.isValid(stops._window):
            stops.stop()


class TabBarStops(QObject):
    """Keeps the window's dock tab bars out of the Tab order while they show nothing: no tabs,
    hidden, or off-screen, where Qt keeps a bar it no longer needs (its panels put away by prepare
    mode or the new-meeting form). Emits no signals.

    Qt empties and moves those bars as it lays the window out, with their signals blocked, and
    even before the window first shows: a meeting opened in prepare mode before the window showed
    left an empty bar at (-600, -530) that Tab stopped on. So each bar is looked at again whenever
    it is shown, hidden, moved or resized; and one that Tab reaches while it shows nothing passes
    the keyboard on to the next control.
    """

    NAME = "tab_bar_stops"

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName(self.NAME)
        self._window = window
        _WATCHING.add(self)

    def stop(self) -> None:
        """Watch the bars no more (before the process exits: see `_stop_watching_at_exit`)."""
        window = self._window
        for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            bar.removeEventFilter(self)

    def watch(self) -> None:
        """Every tab bar of the window, the ones Qt made since too, a Tab stop only if it shows."""
        # Qt makes them children of the window itself; a search of the whole tree would wrap each
        # of the window's thousand objects for Python.
        window = self._window
        for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            # Marked on the bar itself, not kept in a Python set with a slot on `destroyed`: a
            # Python slot called while the interpreter shuts down crashed the process on exit.
            if not bar.property(self.NAME):
                bar.setProperty(self.NAME, True)
                if not bar.accessibleName():
                    bar.setAccessibleName("Tabbed panels")
                bar.installEventFilter(self)
                bar.currentChanged.connect(self._current_changed)
            self._look_at(bar)

    def _current_changed(self, _index: int) -> None:
        bar = self.sender()
        if isinstance(bar, QTabBar):
            self._look_at(bar)

    def shows_tabs(self, bar: QTabBar) -> bool:
        return (
            bar.count() > 0
            and bar.isVisibleTo(self._window)
            and self._window.rect().intersects(bar.geometry())
        )

    def _look_at(self, bar: QTabBar) -> None:
        shows = self.shows_tabs(bar)
        bar.setFocusPolicy(Qt.FocusPolicy.TabFocus if shows else Qt.FocusPolicy.NoFocus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QTabBar):
            return False
        if event.type() in _LOOK_AGAIN:
            self._look_at(watched)
        elif event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent):
            forward = _BY_TAB.get(event.reason())
            if forward is not None and not self.shows_tabs(watched):
                self._look_at(watched)
                self._pass_on(watched, forward=forward)
        return False

    def _pass_on(self, bar: QTabBar, *, forward: bool) -> None:
        """The keyboard to the control Tab (or Shift+Tab) would have reached after `bar`."""
        widget = bar.nextInFocusChain() if forward else bar.previousInFocusChain()
        while widget is not None and widget is not bar:
            if self._takes_tab(widget):
                reason = (
                    Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
                )
                widget.setFocus(reason)
                return
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()

    def _takes_tab(self, widget: QWidget) -> bool:
        if isinstance(widget, QTabBar) and not self.shows_tabs(widget):
            return False
        return (
            widget.window() is self._window
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and widget.isVisibleTo(self._window)
            and widget.isEnabled()
            and widget.focusProxy() is None
        )


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
        self._share_out_on_show = False  # the text size changed while the panels were away
        self.shown = True

    def share_out(self) -> None:
        """The text size changed: share the screen out again for it (`default_sizes`), now if
        the panels are on screen, else when they come back."""
        if self.shown and self._window.isVisible():
            default_sizes(self._window, self._docks)
        else:
            self._share_out_on_show = True

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
                self._share_out_on_show = True
            if self._share_out_on_show:
                default_sizes(window, self._docks)
                self._share_out_on_show = False
        else:
            if window.isVisible():
                self._last_seen = window.saveState()
            self._put_away = [dock for dock in self._docks.values() if not dock.isHidden()]
            for dock in self._docks.values():
                dock.hide()
        # Qt takes the tabs off (or puts them on) its tab bars as it lays the window out: do that
        # now, so the bars left empty are no stop for Tab.
        QApplication.sendPostedEvents(window, QEvent.Type.LayoutRequest)
        name_tab_bars(window)
        self.shown = show

    def to_remember(self) -> QByteArray | None:
        """The layout to save for the next session; None if the panels were never on screen."""
        return self._window.saveState() if self.shown else self._last_seen
