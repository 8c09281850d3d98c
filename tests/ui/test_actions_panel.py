"""The action items' quick add, from the keyboard: what, who (typed), by when, Enter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox
from pytestqt.qtbot import QtBot

from facilitator import live
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import MeetingId, Role
from facilitator.store import Workspace
from tests.ui.conftest import in_run_mode, planned_meeting
from tests.ui.keys import CTRL, SHIFT, press, type_text
from ui.main_window import MainWindow
from ui.panels.actions import NOBODY

K = Qt.Key

# Eleven people: the last two keys are "a" and "b", letters that names are typed with.
ROSTER = [
    NewParticipant("Ms. Hernandez", Role.PARENT),
    NewParticipant("Mr. Hernandez", Role.PARENT),
    NewParticipant("Ms. Ortiz", Role.SPECIAL_ED_TEACHER),
    NewParticipant("Mr. Okafor", Role.GENERAL_ED_TEACHER),
    NewParticipant("Dr. Helen Cho", Role.EVALUATION_INTERPRETER),
    NewParticipant("Barbara Nguyen", Role.RELATED_SERVICES),
    NewParticipant("Marcus Lee", Role.DISTRICT_REPRESENTATIVE),
    NewParticipant("Dana Whitfield", Role.ADVOCATE),
    NewParticipant("Carmen Ortiz", Role.INTERPRETER),
    NewParticipant("Jordan Ellis", Role.RELATED_SERVICES),
    NewParticipant("Sam Rivera", Role.FACILITATOR),
]


@pytest.fixture(autouse=True)
def _no_pause_ends_the_typing(qapp: QApplication) -> Iterator[None]:
    """However slowly the test machine sends keys, a name typed here is typed in one go (the
    pause that starts a new name is tested with a fake clock in test_type_ahead)."""
    interval = QApplication.keyboardInputInterval()
    QApplication.setKeyboardInputInterval(600_000)
    yield
    QApplication.setKeyboardInputInterval(interval)


@pytest.fixture
def roster_meeting(fresh_ws: Workspace) -> MeetingId:
    return planned_meeting(
        fresh_ws,
        case="Ana H., grade 3",
        participants=ROSTER,
        agenda=[NewAgendaItem("Action plan", 10)],
    )


@pytest.fixture
def w(window: MainWindow, roster_meeting: MeetingId) -> MainWindow:
    return in_run_mode(window, roster_meeting)


def person(ws: Workspace, name: str) -> int:
    found = ws.scalar("SELECT id FROM participants WHERE name = ?", (name,))
    assert found is not None
    return int(found)


def start_an_action_item(qtbot: QtBot, w: MainWindow, text: str) -> None:
    press(qtbot, w, K.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(lambda: w.actions_panel.quick_add.field.hasFocus())
    type_text(qtbot, w, text)


def test_typing_a_titled_name_picks_the_owner_and_tab_moves_on_to_the_date(
    qtbot: QtBot, w: MainWindow, roster_meeting: MeetingId
) -> None:
    """The facilitator's own keys: the space in "Ms." opened the list, the rest went to it, and
    "Ms. Hernandez" was chosen; the date never reached its field and nothing was added."""
    panel, ws = w.actions_panel, w.session.ws
    start_an_action_item(qtbot, w, "Call the family about Friday")
    press(qtbot, w, K.Key_Tab)
    assert panel.owner.hasFocus()
    type_text(qtbot, w, "Ms. O")
    assert panel.owner.currentText() == "Ms. Ortiz"
    assert not panel.owner.view().isVisible()  # the list never opened
    press(qtbot, w, K.Key_Tab)
    assert panel.due.hasFocus()
    type_text(qtbot, w, "2026-12-04")
    press(qtbot, w, K.Key_Return)
    added = ws.rows(
        "SELECT text, owner, owner_participant_id, due_date FROM action_items WHERE meeting_id = ?",
        (roster_meeting,),
    )
    assert added == [
        {
            "text": "Call the family about Friday",
            "owner": "Ms. Ortiz",
            "owner_participant_id": person(ws, "Ms. Ortiz"),
            "due_date": "2026-12-04",
        }
    ]


def test_after_an_item_is_added_the_keyboard_is_back_on_its_text_and_nobody_is_chosen(
    qtbot: QtBot, w: MainWindow, roster_meeting: MeetingId
) -> None:
    """The owner is optional ("Who? (none)"): the next item starts with nobody chosen, so the
    last item's owner is never carried over to it by mistake."""
    panel, ws = w.actions_panel, w.session.ws
    start_an_action_item(qtbot, w, "Send the draft IEP")
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "Marcus")
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "2026-12-04")
    press(qtbot, w, K.Key_Return)
    assert panel.quick_add.field.hasFocus()
    assert panel.owner.currentIndex() == 0
    assert panel.owner.currentText() == NOBODY
    assert (panel.quick_add.field.text(), panel.due.text()) == ("", "")
    type_text(qtbot, w, "Book the room for the review")
    press(qtbot, w, K.Key_Return)
    owners = ws.rows(
        "SELECT text, owner_participant_id FROM action_items WHERE meeting_id = ? ORDER BY id",
        (roster_meeting,),
    )
    assert owners == [
        {"text": "Send the draft IEP", "owner_participant_id": person(ws, "Marcus Lee")},
        {"text": "Book the room for the review", "owner_participant_id": None},
    ]


def test_letters_typed_in_the_who_picker_are_a_name_not_speaker_keys(
    qtbot: QtBot, w: MainWindow, roster_meeting: MeetingId
) -> None:
    """With eleven people "a" and "b" are speaker keys; typing "Barb" chose a speaker."""
    panel, ws = w.actions_panel, w.session.ws
    live.start_meeting(ws, meeting_id=roster_meeting)
    start_an_action_item(qtbot, w, "Send the OT referral")
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "barb")
    assert panel.owner.currentText() == "Barbara Nguyen"
    assert live.current_speaker_id(ws, roster_meeting) is None
    assert ws.scalar("SELECT count(*) FROM speaking_turns") == 0


def test_enter_on_the_who_picker_adds_the_item_as_in_the_other_fields(
    qtbot: QtBot, w: MainWindow, roster_meeting: MeetingId
) -> None:
    panel, ws = w.actions_panel, w.session.ws
    start_an_action_item(qtbot, w, "Share the speech report")
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "dr. helen")
    press(qtbot, w, K.Key_Return)
    added = ws.row(
        "SELECT text, owner, due_date FROM action_items WHERE meeting_id = ?", (roster_meeting,)
    )
    assert added == {"text": "Share the speech report", "owner": "Dr. Helen Cho", "due_date": None}
    assert panel.quick_add.field.hasFocus()


def test_the_who_picker_shows_nobody_chosen_whole_at_every_text_size(
    qtbot: QtBot, w: MainWindow
) -> None:
    """ "Who? (nobody yet)" was cut off in its box, as wide as a short name, at every size."""
    owner = w.actions_panel.owner

    def whole() -> bool:
        option = QStyleOptionComboBox()
        owner.initStyleOption(option)
        field = owner.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, owner
        )
        return owner.fontMetrics().horizontalAdvance(owner.currentText()) <= field.width()

    assert owner.currentText() == NOBODY
    for scale in (100, 150, 200):
        w.settings.update(font_scale=scale)
        qtbot.waitUntil(lambda: owner.font().pointSizeF() == w.font().pointSizeF())
        qtbot.waitUntil(whole)
