"""Prepare mode and the new meeting form from the keyboard: Enter adds from every field of an add
row (Return and the keypad's Enter), and Tab leaves a date field for the next one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from facilitator import meetings
from facilitator.clock import format_timestamp
from facilitator.model import MeetingId
from tests.ui.keys import CTRL, NONE, SHIFT, press, type_text
from ui.main_window import MainWindow
from ui.prepare.times import to_local

K = Qt.Key
KEYPAD = Qt.KeyboardModifier.KeypadModifier
ENTERS = pytest.mark.parametrize(
    ("enter", "modifiers"), [(K.Key_Return, NONE), (K.Key_Enter, KEYPAD)], ids=["Return", "keypad"]
)


def focus_name() -> str:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget.accessibleName()


def preparing(window: MainWindow, planned: MeetingId, qtbot: QtBot) -> MainWindow:
    window.open_meeting(planned)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.prepare.preparing
    return window


# -- Enter adds ------------------------------------------------------------------------------------


@ENTERS
def test_enter_in_the_minutes_adds_the_agenda_item_with_the_minutes_typed(
    qtbot: QtBot,
    window: MainWindow,
    planned: MeetingId,
    enter: Qt.Key,
    modifiers: Qt.KeyboardModifier,
) -> None:
    w = preparing(window, planned, qtbot)
    press(qtbot, w, K.Key_A, CTRL | SHIFT)
    type_text(qtbot, w, "Next steps")
    press(qtbot, w, K.Key_Tab)
    assert focus_name() == "New agenda item's time box in minutes"
    press(qtbot, w, K.Key_A, CTRL)  # the spin box's text, to type over it
    type_text(qtbot, w, "15")
    press(qtbot, w, enter, modifiers)
    last = w.session.ws.rows(
        "SELECT title, planned_minutes FROM agenda_items WHERE meeting_id = ?"
        " ORDER BY position DESC LIMIT 1",
        (planned,),
    )
    assert last == [{"title": "Next steps", "planned_minutes": 15}]
    editor = w.prepare.view.agenda
    assert editor.new_title.text() == "" and editor.new_title.hasFocus()  # ready for the next


@ENTERS
def test_enter_on_the_agenda_rows_add_button_adds_once(
    qtbot: QtBot,
    window: MainWindow,
    planned: MeetingId,
    enter: Qt.Key,
    modifiers: Qt.KeyboardModifier,
) -> None:
    w = preparing(window, planned, qtbot)
    count = "SELECT count(*) FROM agenda_items WHERE title = 'Wrap-up'"
    press(qtbot, w, K.Key_A, CTRL | SHIFT)
    type_text(qtbot, w, "Wrap-up")
    press(qtbot, w, enter, modifiers)  # in the title: once, not once per listener
    assert w.session.ws.scalar(count) == 1
    type_text(qtbot, w, "Wrap-up")
    press(qtbot, w, K.Key_Tab)
    press(qtbot, w, K.Key_Tab)
    assert focus_name() == "Add the agenda item"
    press(qtbot, w, enter, modifiers)
    assert w.session.ws.scalar(count) == 2


# The fields of each quick-add row of "Known before the meeting", in Tab order from the text.
ROWS = {
    "option": (
        K.Key_O,
        "solutions",
        ["New option: the concerns it addresses", "New option: team only", "Add option"],
    ),
    "concern": (
        K.Key_C,
        "concerns",
        ["New concern raised by", "New concern: team only", "Add concern"],
    ),
    "non_negotiable": (
        K.Key_B,
        "non_negotiables",
        [
            "New non-negotiable: basis",
            "New non-negotiable held by",
            "New non-negotiable: team only",
            "Add non-negotiable",
        ],
    ),
}
FIELDS = [(row, tabs) for row, (_, _, fields) in ROWS.items() for tabs in range(len(fields) + 1)]


@ENTERS
@pytest.mark.parametrize(("row", "tabs"), FIELDS)
def test_enter_adds_from_every_field_of_the_known_before_rows(
    qtbot: QtBot,
    window: MainWindow,
    planned: MeetingId,
    row: str,
    tabs: int,
    enter: Qt.Key,
    modifiers: Qt.KeyboardModifier,
) -> None:
    w = preparing(window, planned, qtbot)
    key, table, fields = ROWS[row]
    press(qtbot, w, key, CTRL | SHIFT)
    type_text(qtbot, w, "Written updates in Spanish")
    for tab in range(tabs):
        press(qtbot, w, K.Key_Tab)
        assert focus_name() == fields[tab]
    team_only = focus_name().endswith("team only")
    if team_only:
        press(qtbot, w, K.Key_Space)  # tick it: Space, then Enter adds
    press(qtbot, w, enter, modifiers)
    added = w.session.ws.rows(f"SELECT text, team_only FROM {table}")
    assert added == [{"text": "Written updates in Spanish", "team_only": int(team_only)}]
    quick_add = getattr(w.prepare.view.preloaded, f"add_{row}")
    assert quick_add.field.text() == "" and quick_add.field.hasFocus()  # ready for the next
    assert not quick_add.team_only.isChecked()


PARTICIPANT_FIELDS = [
    "New participant's role",
    "New participant's language, if not English",
    "Add the participant",
]


@ENTERS
@pytest.mark.parametrize("tabs", range(len(PARTICIPANT_FIELDS) + 1))
def test_enter_adds_a_participant_from_every_field_of_the_row(
    qtbot: QtBot,
    window: MainWindow,
    planned: MeetingId,
    tabs: int,
    enter: Qt.Key,
    modifiers: Qt.KeyboardModifier,
) -> None:
    w = preparing(window, planned, qtbot)
    press(qtbot, w, K.Key_R, CTRL | SHIFT)
    type_text(qtbot, w, "Jordan Ellis")
    for tab in range(tabs):
        press(qtbot, w, K.Key_Tab)
        assert focus_name() == PARTICIPANT_FIELDS[tab]
    press(qtbot, w, enter, modifiers)
    sql = "SELECT count(*) FROM participants WHERE name = 'Jordan Ellis'"
    assert w.session.ws.scalar(sql) == 1
    assert w.prepare.view.roster.new.name.hasFocus()


def test_enter_in_an_incomplete_row_adds_nothing_and_says_why(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = preparing(window, planned, qtbot)
    ws = w.session.ws
    items = ws.scalar("SELECT count(*) FROM agenda_items")
    press(qtbot, w, K.Key_A, CTRL | SHIFT)
    press(qtbot, w, K.Key_Tab)  # no title: on to the minutes
    press(qtbot, w, K.Key_Return)
    assert ws.scalar("SELECT count(*) FROM agenda_items") == items
    assert w.statusBar().currentMessage().startswith("⚠")
    w.statusBar().clearMessage()
    press(qtbot, w, K.Key_O, CTRL | SHIFT)
    press(qtbot, w, K.Key_Tab)  # the concerns it addresses
    press(qtbot, w, K.Key_Tab)
    press(qtbot, w, K.Key_Space)  # team only, and no text
    press(qtbot, w, K.Key_Enter, KEYPAD)
    assert ws.scalar("SELECT count(*) FROM solutions") == 0
    assert w.statusBar().currentMessage().startswith("⚠")
    assert w.prepare.view.preloaded.add_option.team_only.isChecked()  # kept, as the text is


# -- the new meeting form --------------------------------------------------------------------------

FORM_ORDER = [
    "Agenda template",
    "Case: pick one, or type a new one",
    "Kind of meeting",
    "Meeting title",
    "Date and start time",
    "Planned end time",
    "Location",
    "Create the meeting and prepare it",
    "Cancel the new meeting",
]


def new_meeting_form(window: MainWindow, qtbot: QtBot) -> MainWindow:
    window.open_meeting(None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, K.Key_N, CTRL)
    assert focus_name() == "Agenda template"
    return window


def test_tab_walks_the_new_meeting_form_in_the_order_it_reads(
    qtbot: QtBot, window: MainWindow
) -> None:
    w = new_meeting_form(window, qtbot)
    form = w.prepare.form
    forward = [focus_name()]
    for _ in FORM_ORDER[1:]:
        press(qtbot, w, K.Key_Tab)
        forward.append(focus_name())
    assert forward == FORM_ORDER
    backward = [focus_name()]
    for _ in FORM_ORDER[1:]:
        press(qtbot, w, K.Key_Backtab, SHIFT)
        backward.append(focus_name())
    assert backward == FORM_ORDER[::-1]
    # The order it reads: each field below the one before it.
    fields: list[QWidget] = [form.template, form.case, form.kind, form.title, form.start]
    fields += [form.end, form.location]
    tops = [field.mapTo(form, field.rect().topLeft()).y() for field in fields]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)


def test_tab_leaves_the_date_field_so_the_location_is_typed_in_the_location(
    qtbot: QtBot, window: MainWindow
) -> None:
    w = new_meeting_form(window, qtbot)
    form = w.prepare.form
    form.case_text.setText("Maya R., grade 4")
    form.title.setFocus()
    start = form.start.dateTime()
    for _ in range(3):  # the date, the planned end, the location
        press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "Lincoln Middle, room 12")
    assert form.start.dateTime() == start
    press(qtbot, w, K.Key_Return)
    meeting = w.session.meeting()
    assert meeting is not None and meeting["location"] == "Lincoln Middle, room 12"


def typed_in_the_start(qtbot: QtBot, w: MainWindow, text: str) -> None:
    """`text` typed key by key into the start, which keeps the keyboard all along."""
    form = w.prepare.form
    form.title.setFocus()
    press(qtbot, w, K.Key_Tab)
    assert form.start.hasFocus() and form.start.selectedText() == form.start.text()
    for key in text:
        type_text(qtbot, w, key)
        assert form.start.hasFocus(), f"{key!r} left the field"


@pytest.mark.parametrize(
    "typed",
    ["12/03/2026 1:30 PM", "2026-12-03 13:30", "12/3/2026 1:30pm", "2026-12-03  1:30 p.m."],
)
def test_the_start_is_typed_as_a_coordinator_writes_it_and_tab_moves_on(
    qtbot: QtBot, window: MainWindow, typed: str
) -> None:
    """The date field began in its weekday, where typing did nothing; a space or a slash left it,
    so the rest of the date went to the planned end and the location, and a later space pressed
    "Create and prepare": a meeting on the wrong day, at "15:30"."""
    w = new_meeting_form(window, qtbot)
    form = w.prepare.form
    form.case_text.setText("Maya R., grade 4")
    typed_in_the_start(qtbot, w, typed)
    assert form.start.weekday.text() == "Thursday"  # beside the field, not in the way
    assert w.session.ws.scalar("SELECT count(*) FROM meetings") == 0  # no key pressed a button
    press(qtbot, w, K.Key_Tab)
    assert focus_name() == "Planned end time"
    assert form.start.text() == "2026-12-03 13:30"  # how it was read, the app's way
    type_text(qtbot, w, "3:00 PM")
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "Lincoln Middle, room 12")
    press(qtbot, w, K.Key_Return)
    meeting = w.session.meeting()
    assert meeting is not None
    assert to_local(meeting["scheduled_start"]) == QDateTime(QDate(2026, 12, 3), QTime(13, 30))
    assert to_local(meeting["planned_end"]) == QDateTime(QDate(2026, 12, 3), QTime(15, 0))
    assert meeting["location"] == "Lincoln Middle, room 12"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("12/03/26 1:30 PM", "needs the year in full"),
        ("12/03/2026", "type the time too"),
        ("12/03/2026 1", "say which 1"),
        ("12/03/2026 13:30 PM", "the hour is 1 to 12"),
        ("next Thursday", "is not a date and time"),
    ],
)
def test_a_start_that_cannot_be_read_is_refused_and_kept_to_correct(
    qtbot: QtBot, window: MainWindow, typed: str, said: str
) -> None:
    w = new_meeting_form(window, qtbot)
    form = w.prepare.form
    form.case_text.setText("Maya R., grade 4")
    typed_in_the_start(qtbot, w, typed)
    press(qtbot, w, K.Key_Return)
    assert w.session.ws.scalar("SELECT count(*) FROM meetings") == 0
    assert said in w.statusBar().currentMessage()
    assert form.start.text() == typed and form.start.hasFocus()


@pytest.mark.qt_log_ignore(  # what the offscreen platform says about any popup
    "does not support raise", "does not support grabbing the keyboard", "propagateSizeHints"
)
def test_f4_in_the_start_chooses_the_day_on_a_calendar_and_keeps_the_time(
    qtbot: QtBot, window: MainWindow
) -> None:
    w = new_meeting_form(window, qtbot)
    form = w.prepare.form
    typed_in_the_start(qtbot, w, "12/03/2026 1:30 PM")
    press(qtbot, w, K.Key_F4)
    calendar = QApplication.activePopupWidget()
    assert calendar is not None and calendar.accessibleName() == "Choose the day"
    press(qtbot, w, K.Key_Right)  # the next day
    press(qtbot, w, K.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert form.start.hasFocus()
    assert form.start.text() == "2026-12-04 13:30" and form.start.weekday.text() == "Friday"


@ENTERS
@pytest.mark.parametrize("field", range(len(FORM_ORDER) - 2))  # every field, not the buttons
def test_enter_in_any_field_of_the_new_meeting_form_creates_one_meeting(
    qtbot: QtBot, window: MainWindow, field: int, enter: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    """Enter in a text field used to create the meeting twice (the field's own Enter, then the
    form's), and in a date field it could not be reached without walking its sections."""
    w = new_meeting_form(window, qtbot)
    w.prepare.form.case_text.setText("Maya R., grade 4")
    for _ in range(field):
        press(qtbot, w, K.Key_Tab)
    assert focus_name() == FORM_ORDER[field]
    press(qtbot, w, enter, modifiers)
    assert w.session.ws.scalar("SELECT count(*) FROM meetings") == 1
    assert w.prepare.preparing


def test_enter_on_cancel_cancels_the_new_meeting(qtbot: QtBot, window: MainWindow) -> None:
    w = new_meeting_form(window, qtbot)
    w.prepare.form.case_text.setText("Maya R., grade 4")
    w.prepare.form.cancel.setFocus()
    press(qtbot, w, K.Key_Return)
    assert w.session.ws.scalar("SELECT count(*) FROM meetings") == 0
    assert w.pages.currentWidget() is not w.prepare.form


# -- the details of a planned meeting --------------------------------------------------------------


@pytest.mark.parametrize("start_set", [False, True], ids=["not set", "set"])
def test_tab_leaves_the_meetings_start_for_its_end_and_location(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, start_set: bool
) -> None:
    w = preparing(window, planned, qtbot)
    details = w.prepare.view.details
    if start_set:
        ws = w.session.ws
        start = format_timestamp(ws.clock.now())
        meetings.update_meeting(ws, meeting_id=planned, scheduled_start=start)
        details.reload()
        assert details.start.text() != "Not set"
    details.title.setFocus()
    press(qtbot, w, K.Key_Tab)
    press(qtbot, w, K.Key_Tab)
    assert focus_name() == "Date and start time"
    press(qtbot, w, K.Key_Tab)
    assert focus_name() == "Planned end time"
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "Lincoln Middle, room 12")
    press(qtbot, w, K.Key_Return)
    meeting = w.session.meeting()
    assert meeting is not None and meeting["location"] == "Lincoln Middle, room 12"
    press(qtbot, w, K.Key_Backtab, SHIFT)
    press(qtbot, w, K.Key_Backtab, SHIFT)
    assert focus_name() == "Date and start time"


def test_the_meetings_start_and_end_are_typed_in_prepare_mode_and_refused_text_is_said(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = preparing(window, planned, qtbot)
    details = w.prepare.view.details
    details.title.setFocus()
    press(qtbot, w, K.Key_Tab)
    press(qtbot, w, K.Key_Tab)
    assert focus_name() == "Date and start time"
    for key in "12/04/2026 9:00 AM":
        type_text(qtbot, w, key)
        assert details.start.hasFocus(), f"{key!r} left the field"
    assert details.start.weekday.text() == "Friday"
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "10:30 am")
    press(qtbot, w, K.Key_Return)
    meeting = w.session.meeting()
    assert meeting is not None
    assert to_local(meeting["scheduled_start"]) == QDateTime(QDate(2026, 12, 4), QTime(9, 0))
    assert to_local(meeting["planned_end"]) == QDateTime(QDate(2026, 12, 4), QTime(10, 30))
    assert (details.start.text(), details.end.text()) == ("2026-12-04 09:00", "10:30")
    details.start.setFocus()
    details.start.selectAll()
    type_text(qtbot, w, "12/04/26 9:00")
    press(qtbot, w, K.Key_Return)
    assert "needs the year in full" in w.statusBar().currentMessage()
    assert details.start.text() == "2026-12-04 09:00"  # what the store still holds
    assert w.session.meeting() == meeting
