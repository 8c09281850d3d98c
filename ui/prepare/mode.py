"""Which of prepare mode and run mode the window shows for the open meeting, and the pages that
belong to preparing: the prepare view, the new-meeting form and the save-as-template line.

A planned meeting opens in prepare mode; run mode is a key away until the meeting starts, and
starting it (from either mode) switches to run mode. The pages are made when first needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from facilitator.model import MeetingStatus
from facilitator.store import Change
from ui.session import Session
from ui.widgets import headings_follow_font

if TYPE_CHECKING:  # imported when first shown: a meeting under way needs none of them
    from ui.prepare.form import NewMeetingForm
    from ui.prepare.save_template import SaveTemplatePanel
    from ui.prepare.view import PrepareView

# The run-mode panels whose quick-add (Ctrl+Shift+C, B, O) has a twin in prepare mode.
_QUICK_ADDS = {"Concerns": "concern", "Non-negotiables": "non_negotiable", "Options": "option"}


class PrepareMode(QObject):
    """Prepare mode's state (`preparing`) and pages.

    Signals:
        mode_changed(bool): the window should now show prepare mode (True) or run mode (False).
        start_requested(): "Start meeting" was clicked in prepare mode.
        open_requested(int): a meeting to open (made with the form, or chosen in the case view).
        form_cancelled(): the new-meeting form was left without making a meeting.
        new_meeting_requested(int): "Prepare the next meeting in this case" (a case id).
        message(str): one line for the status bar (a template saved).
    """

    mode_changed = Signal(bool)
    start_requested = Signal()
    open_requested = Signal(int)
    form_cancelled = Signal()
    new_meeting_requested = Signal(int)
    message = Signal(str)

    def __init__(
        self, session: Session, pages: QStackedWidget, column: QVBoxLayout, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.preparing = False
        self._chosen_for: int | None = None  # the meeting the mode was chosen for
        self._pages = pages
        self._column = column
        self._holidays: tuple[dt.date, ...] = ()
        self._view: PrepareView | None = None
        self._form: NewMeetingForm | None = None
        self._save: SaveTemplatePanel | None = None

    # -- the pages, made when first needed -------------------------------------------------------

    @property
    def view(self) -> PrepareView:
        if self._view is None:
            from ui.prepare.view import PrepareView

            view = PrepareView(self.session)
            self._pages.addWidget(view)
            view.fit_to_font()  # to the window's text size, now that it is in the window
            headings_follow_font(view)
            for panel in view.panels:
                self.session.changed.connect(panel.on_change)
                self.session.meeting_opened.connect(panel.on_meeting_opened)
                panel.on_meeting_opened(self.session.meeting_id)
            view.case.set_holidays(self._holidays)
            view.start_requested.connect(self.start_requested)
            view.run_mode_requested.connect(self.show_run)
            view.save_template_requested.connect(self.save_template)
            view.case.meeting_chosen.connect(self.open_requested)
            view.case.next_meeting_requested.connect(self.new_meeting_requested)
            self._view = view
        return self._view

    @property
    def form(self) -> NewMeetingForm:
        if self._form is None:
            from ui.prepare.form import NewMeetingForm

            self._form = NewMeetingForm(self.session)
            self._pages.addWidget(self._form)
            self._form.fit_to_font()
            self._form.created.connect(self.open_requested)
            self._form.cancelled.connect(self.form_cancelled)
        return self._form

    @property
    def save_panel(self) -> SaveTemplatePanel:
        if self._save is None:
            from ui.prepare.save_template import SaveTemplatePanel

            self._save = SaveTemplatePanel(self.session)
            self._column.insertWidget(self._column.indexOf(self._pages), self._save)
            self._save.saved.connect(self.message)
        return self._save

    # -- which mode --------------------------------------------------------------------------------

    def choose_mode(self) -> bool:
        """On opening a meeting: prepare mode if it is planned. The same meeting opened again
        keeps the mode it was in."""
        same = self.session.meeting_id is not None and self.session.meeting_id == self._chosen_for
        self.preparing = self._planned() and (self.preparing if same else True)
        self._chosen_for = self.session.meeting_id
        return self.preparing

    def toggle(self) -> None:
        """Ctrl+Shift+P: prepare mode and run mode, while the meeting has not started."""
        if self.session.meeting_id is None:
            return
        if not self._planned():
            self.session.report("the meeting has started: prepare mode is for before it starts")
            return
        self.preparing = not self.preparing
        self.mode_changed.emit(self.preparing)

    def show_run(self) -> None:
        if self.preparing:
            self.preparing = False
            self.mode_changed.emit(False)

    def on_change(self, change: Change) -> None:
        """Starting the meeting, from either mode, ends prepare mode."""
        if self.preparing and "meetings" in change.tables and not self._planned():
            self.show_run()

    def show_page(self) -> None:
        view = self.view
        self._pages.setCurrentWidget(view)
        view.focus_first()

    def show_form(self, case_id: int | None = None) -> None:
        form = self.form
        form.reset(case_id)
        self._pages.setCurrentWidget(form)
        form.focus_first()

    def is_showing_form(self) -> bool:
        return self._form is not None and self._pages.currentWidget() is self._form

    def quick_add(self, panel_title: str) -> None:
        """Ctrl+Shift+C, B and O while preparing go to the prepare view's own lists."""
        kind = _QUICK_ADDS.get(panel_title)
        if self.is_showing_form():
            self.session.report("create the meeting first, or Cancel")
        elif not self.preparing or self._view is None:
            return
        elif kind is None:
            self.session.report(f"{panel_title.lower()} are added while the meeting runs")
        else:
            self._pages.setCurrentWidget(self._view)
            self._view.focus_add(kind)

    def save_template(self) -> None:
        if self.session.meeting_id is None:
            self.session.report("open a meeting to save its agenda as a template")
            return
        self.save_panel.open()

    def fit_to_font(self) -> None:
        """The text size changed: the pages made so far size their text from it again."""
        if self._view is not None:
            self._view.fit_to_font()
        if self._form is not None:
            self._form.fit_to_font()

    def set_holidays(self, holidays: Iterable[dt.date]) -> None:
        self._holidays = tuple(holidays)
        if self._view is not None:
            self._view.case.set_holidays(self._holidays)

    def _planned(self) -> bool:
        meeting = self.session.meeting()
        return meeting is not None and meeting["status"] == MeetingStatus.PLANNED
