"""The parts of the window that start-up leaves out: the meeting picker (File > Open meeting, and
the empty state), the minutes export line, the backups window, the action items across meetings,
the projector view and the F1 overlay. Each is made, wired to the session and kept the first time
it is asked for; what it says to the rest of the window comes out as this object's signals, which
the window connects with all the others."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ui.auto_backups import AutoBackups
from ui.notice import Notice
from ui.session import Session
from ui.settings import SettingsStore
from ui.widgets import headings_follow_font

if TYPE_CHECKING:  # imported when first made
    from ui.actions_view import ActionsView
    from ui.backups_window import BackupsWindow
    from ui.empty_state import MeetingPicker
    from ui.export_minutes import ExportPanel
    from ui.help_overlay import HelpOverlay
    from ui.projector import ProjectorWindow

PICKER_PAGE = 1  # the meeting's own page (board or prepare mode) is 0


class OnDemand(QObject):
    """Makes each part on first use (see the module).

    Signals:
        new_meeting_requested(): the picker's "New meeting from a template".
        sample_requested(): the picker's "Open the sample meeting".
        meeting_chosen(int): a meeting picked from the list.
        back_requested(): the picker was left without choosing.
        minutes_written(str): the path of minutes just exported.
        restored(str): what a restore from a backup did, in one line.
        failed(str): an export that failed, in one line.
    """

    new_meeting_requested = Signal()
    sample_requested = Signal()
    meeting_chosen = Signal(int)
    back_requested = Signal()
    minutes_written = Signal(str)
    restored = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        window: QWidget,
        session: Session,
        settings: SettingsStore,
        *,
        pages: QStackedWidget,
        column: QVBoxLayout,
        notice: Notice,
        auto_backups: AutoBackups,
        view_actions: list[QAction],
        base_font: QFont,
    ) -> None:
        """`pages` takes the picker, `column` the export line above them; `view_actions` (undo,
        redo, its own toggle) also work in the action items window; the projector scales its type
        from `base_font`, the window's before any text-size setting."""
        super().__init__(window)
        self._window = window
        self._session = session
        self._settings = settings
        self._pages = pages
        self._column = column
        self._notice = notice
        self._auto_backups = auto_backups
        self._view_actions = view_actions
        self._base_font = base_font
        self._picker: MeetingPicker | None = None
        self._export: ExportPanel | None = None
        self._actions_view: ActionsView | None = None
        self._backups: BackupsWindow | None = None
        self._projector: ProjectorWindow | None = None
        self._overlay: HelpOverlay | None = None

    def made_projector(self) -> ProjectorWindow | None:
        return self._projector

    def made_overlay(self) -> HelpOverlay | None:
        return self._overlay

    def made_picker(self) -> MeetingPicker | None:
        return self._picker

    def fit_to_font(self) -> None:
        """The text size changed: the parts made so far that size text from it do it again."""
        if self._picker is not None:
            self._picker.fit_to_font()

    @property
    def picker(self) -> MeetingPicker:
        if self._picker is None:
            from ui.empty_state import MeetingPicker

            picker = MeetingPicker(self._session)
            self._pages.insertWidget(PICKER_PAGE, picker)
            picker.fit_to_font()  # to the window's text size, now that it is in the window
            headings_follow_font(picker)
            picker.new_meeting_requested.connect(self.new_meeting_requested)
            picker.sample_requested.connect(self.sample_requested)
            picker.meeting_chosen.connect(self.meeting_chosen)
            picker.back_requested.connect(self.back_requested)
            self._picker = picker
        return self._picker

    @property
    def export(self) -> ExportPanel:
        if self._export is None:
            from ui.export_minutes import ExportPanel

            export = ExportPanel(self._session, self._settings, self._notice)
            self._column.insertWidget(self._column.indexOf(self._pages), export)
            export.written.connect(lambda out: self.minutes_written.emit(str(out)))
            export.failed.connect(self.failed)
            self._export = export
        return self._export

    @property
    def actions_view(self) -> ActionsView:
        if self._actions_view is None:
            from ui.actions_view import ActionsView

            view = ActionsView(self._session, self._window)
            s = self._session
            s.changed.connect(view.on_change)
            s.meeting_opened.connect(view.on_meeting_opened)
            s.error.connect(view.on_error)
            view.addActions(self._view_actions)
            self._actions_view = view
        return self._actions_view

    @property
    def backups(self) -> BackupsWindow:
        if self._backups is None:
            from ui.backups_window import BackupsWindow

            backups = BackupsWindow(self._session, self._auto_backups, self._window)
            backups.restored.connect(self.restored)
            headings_follow_font(backups)  # it takes the window's text size
            self._backups = backups
        return self._backups

    @property
    def projector(self) -> ProjectorWindow:
        if self._projector is None:
            from ui.projector import ProjectorWindow

            projector = ProjectorWindow(self._session, self._base_font, self._window)
            projector.apply(self._settings.current)
            s = self._session
            s.changed.connect(projector.on_change)
            s.meeting_opened.connect(projector.on_meeting_opened)
            s.tick.connect(projector.refresh_clock)
            self._settings.changed.connect(projector.apply)
            self._projector = projector
        return self._projector

    @property
    def overlay(self) -> HelpOverlay:
        if self._overlay is None:
            from ui.help_overlay import HelpOverlay

            self._overlay = HelpOverlay(self._window)
        return self._overlay
