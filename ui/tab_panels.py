"""Panels that start behind a tab (action items, notes, the case, settings).

Each dock exists from the start, so the saved layout finds it, but stays empty until it first
shows or the window asks for its panel: the window opens without building, loading and laying out
panels nobody is looking at yet.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QWidget

from facilitator.model import MeetingId
from ui.actions import list_actions
from ui.panels.base import Panel
from ui.session import Session
from ui.settings import Settings, SettingsStore
from ui.widgets import ScrollingColumn, headings_follow_font, look_only

if TYPE_CHECKING:  # imported when first made
    from ui.panels.actions import ActionsPanel
    from ui.panels.case import CasePanel
    from ui.panels.notes import NotesPanel
    from ui.panels.settings_panel import SettingsPanel


SCROLLING = frozenset({"case", "settings"})


class BehindTabs(QObject):
    """The window's panels that start behind a tab: action items, notes, the case and settings.

    Each is made the first time its tab shows or it is asked for, then wired to the session like
    the window's other panels and brought up to date. `open_meeting` and `new_meeting` are what
    the case panel's links do.

    Signals: none of its own.
    """

    def __init__(
        self,
        docks: Mapping[str, QDockWidget],
        session: Session,
        settings: SettingsStore,
        *,
        open_meeting: Callable[[MeetingId], None],
        new_meeting: Callable[[int], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._docks = docks
        self._session = session
        self._settings = settings
        self._open_meeting = open_meeting
        self._new_meeting = new_meeting
        self._factories: dict[str, Callable[[], QWidget]] = {
            "actions": self._make_actions,
            "notes": self._make_notes,
            "case": self._make_case,
            "settings": self._make_settings,
        }
        self._made: dict[str, QWidget] = {}
        for name in self._factories:
            docks[name].visibilityChanged.connect(
                lambda visible, n=name: self.panel(n) if visible else None
            )

    def panel(self, name: str) -> QWidget:
        """The dock's panel, made now if it was not yet."""
        made = self._made.get(name)
        if made is None:
            made = self._factories[name]()
            self._made[name] = made
            # The case and the settings are long forms: at large text they scroll in their tab
            # rather than push the window's bottom edge off the screen.
            scrolls = name in SCROLLING
            self._docks[name].setWidget(
                ScrollingColumn(made, made.accessibleName()) if scrolls else made
            )
            made.show()  # a widget put into a dock that is already showing stays hidden otherwise
            headings_follow_font(made)  # it has just taken the window's text size
            if self._session.ws.read_only:
                look_only(made, True)
        return made

    def made(self, name: str) -> QWidget | None:
        """The panel if it has been made, else None (nothing to update yet)."""
        return self._made.get(name)

    @property
    def actions(self) -> ActionsPanel:
        return cast("ActionsPanel", self.panel("actions"))

    @property
    def notes(self) -> NotesPanel:
        return cast("NotesPanel", self.panel("notes"))

    @property
    def case(self) -> CasePanel:
        return cast("CasePanel", self.panel("case"))

    @property
    def settings(self) -> SettingsPanel:
        return cast("SettingsPanel", self.panel("settings"))

    def apply(self, settings: Settings) -> None:
        """New settings reach the panels that exist (a panel made later reads them then)."""
        for made in self._made.values():
            if isinstance(made, Panel):
                made.fit_to_font()
        if self.made("case") is not None:
            self.case.set_holidays(settings.holidays)
        if self.made("settings") is not None:
            self.settings.show_settings(settings)

    def _wired(self, panel: Panel) -> Panel:
        s = self._session
        s.changed.connect(panel.on_change)
        s.meeting_opened.connect(panel.on_meeting_opened)
        s.tick.connect(panel.on_tick)
        panel.on_meeting_opened(s.meeting_id)
        return panel

    def _make_actions(self) -> ActionsPanel:
        from ui.panels.actions import ActionsPanel

        panel = ActionsPanel(self._session)
        list_actions(panel.view, panel.model)
        self._wired(panel)
        return panel

    def _make_notes(self) -> NotesPanel:
        from ui.panels.notes import NotesPanel

        panel = NotesPanel(self._session)
        list_actions(panel.view, panel.model)
        self._wired(panel)
        return panel

    def _make_case(self) -> CasePanel:
        from ui.panels.case import CasePanel

        panel = CasePanel(self._session)
        panel.set_holidays(self._settings.current.holidays)
        panel.meeting_chosen.connect(lambda m: self._open_meeting(MeetingId(m)))
        panel.next_meeting_requested.connect(self._new_meeting)
        self._wired(panel)
        return panel

    def _make_settings(self) -> SettingsPanel:
        from ui.panels.settings_panel import SettingsPanel

        return SettingsPanel(self._settings)
