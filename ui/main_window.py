"""The live meeting window: it assembles panels, actions and menus, and wires them in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from facilitator import live
from facilitator.errors import FacilitatorError
from facilitator.model import MeetingId, is_team_only
from facilitator.store import Change, Workspace
from ui import spoken
from ui.actions import SpeakerKeys, card_actions, list_actions, window_actions
from ui.auto_backups import AutoBackups
from ui.banner import Banner
from ui.docks import DockPlace, PanelLayout, arrange, make_dock
from ui.keymap import TypingGuard, reading_order
from ui.live_controls import LiveControls
from ui.marks import local_moments, with_team_only
from ui.meeting_files import MeetingFiles
from ui.menus import build_menus
from ui.models.board_items import BoardItemsModel
from ui.new_meeting import sample_meeting
from ui.notice import Notice, RefusalNotice, Tone
from ui.on_demand import OnDemand
from ui.on_screen import back_within_screen
from ui.panels.agenda import AgendaPanel
from ui.panels.agenda_timer import AgendaTimerPanel
from ui.panels.agreements import AgreementsPanel
from ui.panels.base import Panel
from ui.panels.concerns import ConcernsPanel
from ui.panels.non_negotiables import NonNegotiablesPanel
from ui.panels.solutions import SolutionsPanel
from ui.panels.speakers import SpeakersPanel
from ui.prepare.mode import PrepareMode
from ui.session import Session
from ui.settings import FONT_SCALE_STEP, Settings, SettingsStore
from ui.tab_panels import BehindTabs
from ui.undo import UndoKeys
from ui.widgets import PageStack, headings_follow_font, look_only

if TYPE_CHECKING:
    from ui.actions_view import ActionsView
    from ui.backups_window import BackupsWindow
    from ui.empty_state import MeetingPicker
    from ui.export_minutes import ExportPanel
    from ui.help_overlay import HelpOverlay
    from ui.panels.actions import ActionsPanel
    from ui.panels.case import CasePanel
    from ui.panels.notes import NotesPanel
    from ui.panels.settings_panel import SettingsPanel
    from ui.projector import ProjectorWindow

Area = Qt.DockWidgetArea
ERROR_MARK = "⚠"  # begins a refusal in the status bar
BOARD_PAGE = 0  # the meeting picker, once made, is the next page (ui.on_demand)


class MainWindow(QMainWindow):
    """Panels around the concerns board; every change goes through the session.

    Signals: none of its own.
    """

    def __init__(self, session: Session, settings: SettingsStore) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.setObjectName("MainWindow")
        self.setWindowTitle("Facilitator")
        self._base_font = QFont(self.font())
        self.live = LiveControls(session)

        self.timer = AgendaTimerPanel(session)
        self.agenda = AgendaPanel(session)
        self.speakers = SpeakersPanel(session)
        self.concerns = ConcernsPanel(session)
        self.non_negotiables = NonNegotiablesPanel(session)
        self.solutions = SolutionsPanel(session)
        self.agreements = AgreementsPanel(session)
        # Action items, notes, the case and settings start behind tabs: see `tab_panels`.
        self.panels: list[Panel] = [
            self.timer, self.agenda, self.speakers, self.concerns, self.non_negotiables,
            self.solutions, self.agreements,
        ]  # fmt: skip
        self.banner = Banner()
        self.refusal = RefusalNotice()  # a write that failed (disk full), until one works again
        self.notice = Notice("Notice")  # minutes written, a read-only or damaged workspace
        self.auto_backups = AutoBackups(session, settings.current, self)
        self.pages = PageStack()
        self.pages.addWidget(self.concerns)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.banner)
        column.addWidget(self.refusal)
        column.addWidget(self.notice)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.prepare = PrepareMode(session, self.pages, column, self)
        self.meeting_files = MeetingFiles(session, self)

        top, left, right = Area.TopDockWidgetArea, Area.LeftDockWidgetArea, Area.RightDockWidgetArea
        bottom = Area.BottomDockWidgetArea
        places: list[tuple[QWidget | None, DockPlace]] = [
            (self.timer, DockPlace("timer", "Now", top)),
            (self.agenda, DockPlace("agenda", "Agenda", left)),
            (self.speakers, DockPlace("speakers", "Speakers", right)),
            (self.non_negotiables, DockPlace("non_negotiables", "Non-negotiables", left)),
            (self.solutions, DockPlace("solutions", "Options", bottom)),
            (self.agreements, DockPlace("agreements", "Agreements", right)),
            (None, DockPlace("actions", "Action items", right)),
            (None, DockPlace("notes", "Notes", right)),
            (None, DockPlace("case", "Case", right)),
            (None, DockPlace("settings", "Settings", right)),
        ]
        self.docks: dict[str, QDockWidget] = {
            place.name: make_dock(self, panel, place) for panel, place in places
        }
        self.tab_panels = BehindTabs(
            self.docks,
            session,
            settings,
            open_meeting=self.open_meeting,
            new_meeting=self.new_meeting,
            parent=self,
        )
        arrange(self, self.docks)
        # Tab in the default layout's reading order, column by column: the clock across the top;
        # the agenda over the non-negotiables; the news and the board over the options; the
        # speakers over the agreements (and the tabs behind them). Set on the first Tab.
        self._reading_order: tuple[QWidget, ...] = (
            self.timer, self.agenda, self.non_negotiables, self.banner, self.refusal,
            self.notice, self.concerns, self.solutions, self.speakers, self.agreements,
        )  # fmt: skip
        self.panel_layout = PanelLayout(self, self.docks)
        self._keys_live = True  # speaker keys, pause, next item: not while preparing
        if session.ws.read_only:  # another window records: this one looks on, until it may record
            from ui.record_here import RecordHere  # only a window that looks on takes over

            look_only(self, True)
            self.record_here = RecordHere(self, session, self.notice)

        self.statusBar().showMessage("F1 lists every key. Ctrl+Z undoes anything.")
        # No name of its own: a screen reader reads its message, and each new one is spoken.
        self.statusBar().messageChanged.connect(lambda text: spoken.announce(self, text))
        self.act = window_actions(self)
        a = self.act
        self.later = OnDemand(
            self,
            session,
            settings,
            pages=self.pages,
            column=column,
            notice=self.notice,
            auto_backups=self.auto_backups,
            view_actions=[a["undo"], a["redo"], a["actions_across"]],
            base_font=self._base_font,
        )
        self.speaker_keys = SpeakerKeys(self)
        self._list_actions()
        self._menus()
        self._wire()
        # Unmodified keys (speaker keys, Space) must yield to whoever is typing anywhere in the app.
        self._guard = TypingGuard(self)
        self._restore(settings.current)
        self._font_scale = settings.current.font_scale
        self._apply(settings.current)

    # -- assembly ----------------------------------------------------------------------------------

    def _list_actions(self) -> None:
        for column, card_view in zip(self.concerns.models, self.concerns.views, strict=True):
            list_actions(card_view, column, self.concerns.context_actions())
            card_actions(card_view, self.concerns.move_current)
        lists: list[tuple[BoardItemsModel, QAbstractItemView]] = [
            (self.non_negotiables.models[side], self.non_negotiables.views[side])
            for side in self.non_negotiables.models
        ]
        lists.append((self.agreements.model, self.agreements.view))
        for model, view in lists:
            list_actions(view, model)
        list_actions(self.solutions.view, self.solutions.model, self.solutions.context_actions())

    def _menus(self) -> None:
        self.new_meeting_action = self.act["new_meeting"]
        self.sample_action = QAction("Open the sample meeting", self)
        self.import_action = QAction("Import meeting file…", self)
        self.export_meeting_action = QAction("Export meeting file…", self)
        self.save_template_action = QAction("Save agenda as template…", self)
        self.backups_action = QAction("Backups…", self)
        # After a meeting was left running (the laptop closed overnight): end it back then.
        self.end_when_stopped_action = QAction("End the meeting when its recording stopped", self)
        self.end_when_stopped_action.setEnabled(False)
        files = (self.import_action, self.export_meeting_action, self.save_template_action)
        build_menus(
            self.menuBar(),
            self.act,
            (self.new_meeting_action, *files, self.sample_action),
            (dock.toggleViewAction() for dock in self.docks.values()),
            (self.act["export_minutes"], self.backups_action),
            (self.end_when_stopped_action,),
        )

    def _wire(self) -> None:
        """Every signal meets its slot here."""
        s, a, live = self.session, self.act, self.live
        for panel in self.panels:
            s.changed.connect(panel.on_change)
            s.meeting_opened.connect(panel.on_meeting_opened)
            s.tick.connect(panel.on_tick)
        s.changed.connect(self._on_change)
        s.meeting_opened.connect(self._on_meeting_opened)
        s.resumed.connect(self._on_resumed)
        s.workspace_replaced.connect(self._on_workspace_replaced)
        s.error.connect(self._show_error)
        self.settings.changed.connect(self._apply)
        s.error.connect(self.refusal.on_error)
        s.changed.connect(self.refusal.on_change)
        s.changed.connect(self.auto_backups.on_change)
        s.meeting_opened.connect(self.auto_backups.on_meeting_opened)
        s.tick.connect(self.auto_backups.on_tick)
        self.settings.changed.connect(self.auto_backups.on_settings)
        self.auto_backups.failed.connect(self._show_error)
        later = self.later
        later.new_meeting_requested.connect(self.new_meeting)
        later.sample_requested.connect(self.open_sample)
        later.meeting_chosen.connect(lambda m: self.open_meeting(MeetingId(m)))
        later.back_requested.connect(self._show_meeting_page)
        later.minutes_written.connect(lambda out: self._say(f"Minutes written to {out}"))
        later.failed.connect(self._show_error)
        later.restored.connect(lambda text: self.notice.say(text, Tone.DONE))

        self.speaker_keys.speaker_key.connect(live.switch_speaker)
        self.speaker_keys.hand_key.connect(live.toggle_hand)
        self.speakers.speaker_chosen.connect(live.switch_speaker)
        self.speakers.hand_lowered.connect(live.lower_hand)
        self.agenda.jump_requested.connect(live.jump_to)
        self.timer.previous_requested.connect(live.previous_item)
        self.timer.next_requested.connect(live.next_item)
        self.timer.pause_requested.connect(live.pause)
        self.timer.start_requested.connect(live.start)
        self.timer.end_requested.connect(live.end)
        a["pause"].triggered.connect(live.pause)
        a["next_item"].triggered.connect(live.next_item)
        a["previous_item"].triggered.connect(live.previous_item)
        a["start_meeting"].triggered.connect(live.start)
        a["end_meeting"].triggered.connect(live.end)
        UndoKeys(s, a["undo"], a["redo"], lambda text: self.statusBar().showMessage(text, 5000))

        # The panel is looked up when the key is pressed: those behind a tab are made then.
        quick_adds: tuple[tuple[str, Callable[[], Panel], str | None], ...] = (
            ("add_concern", lambda: self.concerns, None),
            ("add_option", lambda: self.solutions, "solutions"),
            ("add_non_negotiable", lambda: self.non_negotiables, "non_negotiables"),
            ("add_agreement", lambda: self.agreements, "agreements"),
            ("add_action", lambda: self.actions_panel, "actions"),
            ("add_note", lambda: self.notes, "notes"),
        )
        for name, find_panel, dock in quick_adds:
            a[name].triggered.connect(lambda _=False, p=find_panel, d=dock: self._quick_add(p(), d))
        a["leave_field"].triggered.connect(self._leave_field)
        a["help"].triggered.connect(self.toggle_help)
        a["projector"].triggered.connect(self.toggle_projector)
        a["larger_text"].triggered.connect(lambda: self._font_step(FONT_SCALE_STEP))
        a["smaller_text"].triggered.connect(lambda: self._font_step(-FONT_SCALE_STEP))
        a["normal_text"].triggered.connect(lambda: self.settings.update(font_scale=100))
        a["settings"].triggered.connect(lambda: self._raise_dock("settings"))
        a["open_meeting"].triggered.connect(self.show_picker)
        a["quit"].triggered.connect(self.close)
        a["actions_across"].triggered.connect(lambda: self.actions_view.toggle())
        a["export_minutes"].triggered.connect(lambda: self.export.open())
        self.backups_action.triggered.connect(lambda: self.backups.present())
        self.new_meeting_action.triggered.connect(lambda: self.new_meeting())
        self.sample_action.triggered.connect(self.open_sample)
        self.end_when_stopped_action.triggered.connect(live.end_when_stopped)
        self._wire_preparing()

    def _wire_preparing(self) -> None:
        """Prepare mode, the case, and the meeting file that carries a prepared meeting."""
        s, p, files = self.session, self.prepare, self.meeting_files
        self.act["prepare_mode"].triggered.connect(p.toggle)
        s.changed.connect(p.on_change)
        p.mode_changed.connect(self._show_meeting_page)
        p.start_requested.connect(self.live.start)
        p.open_requested.connect(lambda m: self.open_meeting(MeetingId(m)))
        p.form_cancelled.connect(self._form_cancelled)
        p.new_meeting_requested.connect(self.new_meeting)
        p.message.connect(self._say)
        self.save_template_action.triggered.connect(p.save_template)
        self.import_action.triggered.connect(files.import_meeting)
        self.export_meeting_action.triggered.connect(files.export_meeting)
        files.imported.connect(lambda m: self.open_meeting(MeetingId(m)))
        files.done.connect(self._say)

    # -- the panels behind tabs (see `ui.tab_panels.BehindTabs`) ---------------------------------

    @property
    def actions_panel(self) -> ActionsPanel:
        return self.tab_panels.actions

    @property
    def notes(self) -> NotesPanel:
        return self.tab_panels.notes

    @property
    def case(self) -> CasePanel:
        return self.tab_panels.case

    @property
    def settings_panel(self) -> SettingsPanel:
        return self.tab_panels.settings

    # -- the parts made on first use (see `ui.on_demand`) ---------------------------------------

    @property
    def picker(self) -> MeetingPicker:
        return self.later.picker

    @property
    def export(self) -> ExportPanel:
        return self.later.export

    @property
    def actions_view(self) -> ActionsView:
        return self.later.actions_view

    @property
    def backups(self) -> BackupsWindow:
        return self.later.backups

    @property
    def projector(self) -> ProjectorWindow:
        return self.later.projector

    @property
    def overlay(self) -> HelpOverlay:
        return self.later.overlay

    # -- meetings ----------------------------------------------------------------------------------

    def open_meeting(self, meeting_id: MeetingId | None) -> None:
        self.session.open_meeting(meeting_id)

    def new_meeting(self, case_id: int | None = None) -> None:
        """The new-meeting form, alone (the keys of a running meeting rest while it shows)."""
        self.panel_layout.show(False)
        self._live_keys(False)
        self.prepare.show_form(case_id)

    def _form_cancelled(self) -> None:
        if self.session.meeting_id is None:
            self.show_picker()
        else:
            self._show_meeting_page()

    def open_sample(self) -> None:
        try:
            meeting_id = sample_meeting(self.session.ws)
        except FacilitatorError as error:
            self._show_error(str(error))
            return
        self.open_meeting(meeting_id)

    def show_picker(self) -> None:
        picker = self.picker
        picker.refresh()
        self.pages.setCurrentWidget(picker)
        self.picker.focus_search()

    def _on_meeting_opened(self, meeting_id: MeetingId | None) -> None:
        meeting = self.session.meeting()
        self.banner.hide()
        self.end_when_stopped_action.setEnabled(False)  # a resumption says otherwise, next
        self._show_title()
        self.prepare.choose_mode()
        if meeting is None:
            self._rebuild_speaker_keys()
            self.panel_layout.show(False)
            self.show_picker()
        else:
            self._show_meeting_page()

    def _show_meeting_page(self) -> None:
        """Prepare mode for a planned meeting (until run mode is asked for), else the board."""
        preparing = self.prepare.preparing
        if not preparing:  # the board first: the panels come back around run mode's own page
            self.pages.setCurrentIndex(BOARD_PAGE)
        self.panel_layout.show(not preparing)
        self._live_keys(not preparing)
        if preparing:
            self.prepare.show_page()
        else:
            self.speakers.focus_tracker()

    def _live_keys(self, on: bool) -> None:
        """Speaker keys, pause and the agenda keys rest while preparing: they would start it."""
        self._keys_live = on
        for name in ("pause", "next_item", "previous_item"):
            self.act[name].setEnabled(on)
        self._rebuild_speaker_keys()

    def _on_resumed(self, change: Change) -> None:
        gap = self.session.ws.row(
            "SELECT stopped_at, resumed_at FROM interruptions WHERE meeting_id = ?"
            " ORDER BY id DESC LIMIT 1",
            (change.meeting_id,),
        )
        left_running = live.stopped_unnoticed(self.session.ws, MeetingId(change.meeting_id or 0))
        self.end_when_stopped_action.setEnabled(left_running is not None)
        if gap is not None:
            stopped, resumed = local_moments(gap["stopped_at"], gap["resumed_at"])
            speaker = live.current_speaker_id(self.session.ws, MeetingId(change.meeting_id or 0))
            nobody = (
                ""
                if speaker
                else (
                    " Nobody is speaking now: press a person's key to start, or, if the meeting"
                    " was over, Meeting > End the meeting when its recording stopped."
                )
            )
            self.banner.show_message(
                f"Recording stopped {stopped}, resumed {resumed}. The gap is not counted as"
                f" anyone's talk time.{nobody}"
            )

    def _on_change(self, change: Change) -> None:
        if change.kind != "meeting.resume":  # worked on since: it ends now, if it ends
            self.end_when_stopped_action.setEnabled(False)
        if self.statusBar().currentMessage().startswith(ERROR_MARK):
            self.statusBar().clearMessage()  # something was recorded since: the refusal is past
        if "participants" in change.tables:
            self._rebuild_speaker_keys()
        if "meetings" in change.tables:
            self._show_title()

    def _show_title(self) -> None:
        meeting = self.session.meeting()
        # A team-only meeting is marked as its items are wherever they show.
        named = with_team_only(meeting["title"], is_team_only(meeting)) if meeting else ""
        title = f"Facilitator - {named}" if meeting else "Facilitator"
        self.setWindowTitle(f"{title} (read-only)" if self.session.ws.read_only else title)

    def _rebuild_speaker_keys(self) -> None:
        people = []
        if self.session.meeting_id is not None and self._keys_live:
            people = self.session.ws.rows(
                "SELECT id, name, hotkey FROM participants WHERE meeting_id = ?"
                " ORDER BY position, id",
                (self.session.meeting_id,),
            )
        self.speaker_keys.rebuild(people)

    # -- handlers ----------------------------------------------------------------------------------

    def _quick_add(self, panel: Panel, dock: str | None) -> None:
        if not self.panel_layout.shown:  # prepare mode or the new-meeting form
            self.prepare.quick_add(panel.TITLE)
            return
        if dock is not None:
            self._raise_dock(dock)
        if self.pages.currentIndex() != BOARD_PAGE and panel is self.concerns:
            self.pages.setCurrentIndex(BOARD_PAGE)
        panel.focus_quick_add()  # type: ignore[attr-defined]

    def _raise_dock(self, name: str) -> None:
        self.docks[name].show()
        self.docks[name].raise_()

    def _leave_field(self) -> None:
        overlay = self.later.made_overlay()
        if overlay is not None and overlay.isVisible():
            overlay.dismiss()
        picker = self.later.made_picker()
        if picker is not None and self.pages.currentWidget() is picker:
            if self.session.meeting_id is None:
                return  # nothing to go back to: the picker is the window
            self._show_meeting_page()  # Esc leaves File > Open meeting, as its Back button does
        if self.panel_layout.shown:
            self.speakers.focus_tracker()

    def toggle_help(self) -> None:
        if self.overlay.isVisible():
            self.overlay.dismiss()
            return
        people = []
        if self.session.meeting_id is not None:
            people = self.session.ws.rows(
                "SELECT name, hotkey FROM participants WHERE meeting_id = ? ORDER BY position, id",
                (self.session.meeting_id,),
            )
        self.overlay.show_for(people)

    def toggle_projector(self) -> None:
        if self.projector.isVisible():
            self.projector.hide()
        else:
            self.projector.present(self.screen())

    def _font_step(self, delta: int) -> None:
        self.settings.update(font_scale=self.settings.current.font_scale + delta)

    def _on_workspace_replaced(self, ws: Workspace) -> None:
        if ws.read_only:  # a restore in this window says so in its own words (`OnDemand.restored`)
            self._say("The window that records restored a backup: this window shows it now.")

    def _show_error(self, text: str) -> None:
        self.statusBar().showMessage(f"{ERROR_MARK} {text}", 10_000)

    def _say(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    # -- settings ----------------------------------------------------------------------------------

    def _restore(self, settings: Settings) -> None:
        if settings.geometry:
            self.restoreGeometry(settings.geometry)
        self.panel_layout.restore(settings.window_state)

    def _apply(self, settings: Settings) -> None:
        smaller = settings.font_scale < self._font_scale
        rescaled = settings.font_scale != self._font_scale  # by the facilitator, not at start-up
        self._font_scale = settings.font_scale
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * settings.font_scale / 100)
        resized = font.pointSizeF() != self.font().pointSizeF()
        self.setFont(font)
        if resized:  # not at 100% on start-up: the search would wrap every part of the window
            headings_follow_font(self)
        for panel in self.panels:
            panel.fit_to_font()
        self.speakers.set_quiet_minutes(settings.quiet_minutes)
        self.prepare.set_holidays(settings.holidays)
        self.prepare.fit_to_font()
        self.later.fit_to_font()
        self.tab_panels.apply(settings)
        if smaller:  # once the smaller text is laid out
            QTimer.singleShot(0, lambda: back_within_screen(self))
        if rescaled:  # then larger text takes room from the board, and smaller gives it back
            QTimer.singleShot(0, self.panel_layout.share_out)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab. The panels are put in reading order on the first press rather than
        at start-up: walking Qt's focus chain hands Python widgets Qt made itself, and for the
        first of them PySide builds every widget class it knows (about 10 ms before the window
        could show)."""
        if self._reading_order:
            reading_order(*self._reading_order)
            self._reading_order = ()
        return super().focusNextPrevChild(next)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._guard.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        projector = self.later.made_projector()
        if projector is not None:
            projector.hide()
        state = self.panel_layout.to_remember()
        remembered = {"geometry": bytes(self.saveGeometry().data())}
        if state is not None:  # else the panels were never on screen: nothing learnt
            remembered["window_state"] = bytes(state.data())
        self.settings.update(**remembered)  # one write of the settings file
        self.session.stop_clock()
        self._guard.stop()
        super().closeEvent(event)
