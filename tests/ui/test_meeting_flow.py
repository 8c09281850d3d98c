"""A whole facilitated meeting driven from the keyboard, checked against what the store holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator import live
from facilitator.clock import FakeClock
from facilitator.model import MeetingId, SolutionStatus
from facilitator.talk_time import speaking_balance
from tests.ui.conftest import people
from tests.ui.keys import ALT, CTRL, SHIFT, press, type_text
from ui.main_window import MainWindow

K = Qt.Key


def talk_seconds(window: MainWindow, name: str) -> float:
    balance = speaking_balance(window.session.ws, window.session.require_meeting())
    return next(p.talk_ms for p in balance.people if p.name.startswith(name)) / 1000


def speaker(window: MainWindow) -> int | None:
    return live.current_speaker_id(window.session.ws, window.session.require_meeting())


def test_a_mis_tapped_speaker_key_is_undone_and_the_time_goes_back(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId, clock: FakeClock
) -> None:
    w, ids = meeting_window, people(meeting_window.session.ws, planned)
    press(qtbot, w, K.Key_1)
    assert speaker(w) == ids["Ana"]
    assert w.session.meeting()["status"] == "live"  # type: ignore[index]
    clock.advance(seconds=60)
    press(qtbot, w, K.Key_3)
    clock.advance(seconds=30)
    press(qtbot, w, K.Key_2)  # meant 3 again: Luis is not speaking
    clock.advance(seconds=5)
    press(qtbot, w, K.Key_Z, CTRL)
    assert speaker(w) == ids["Priya"]
    assert talk_seconds(w, "Luis") == 0
    assert talk_seconds(w, "Priya") == 35
    assert talk_seconds(w, "Ana") == 60
    press(qtbot, w, K.Key_Z, CTRL | SHIFT)  # and back again, as Ctrl+Shift+Z
    assert speaker(w) == ids["Luis"]
    press(qtbot, w, K.Key_Z, CTRL)
    press(qtbot, w, K.Key_Y, CTRL)  # Ctrl+Y redoes too
    assert speaker(w) == ids["Luis"]


def test_a_whole_meeting_from_the_keyboard(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId, clock: FakeClock
) -> None:
    w = meeting_window
    ws = w.session.ws
    ids = people(ws, planned)

    # Start: the first speaker key starts the meeting and its first item.
    press(qtbot, w, K.Key_5)
    assert live.current_item_id(ws, planned) is not None
    clock.advance(minutes=2)
    press(qtbot, w, K.Key_4, ALT)  # Alt+key works the same
    assert speaker(w) == ids["Marcus"]

    # Agenda: Page Down and Alt+Right move on, Alt+Left goes back.
    items = [
        r["id"]
        for r in ws.rows(
            "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position", (planned,)
        )
    ]
    press(qtbot, w, K.Key_PageDown)
    assert live.current_item_id(ws, planned) == items[1]
    press(qtbot, w, K.Key_Right, ALT)
    press(qtbot, w, K.Key_Left, ALT)
    assert live.current_item_id(ws, planned) == items[1]
    press(qtbot, w, K.Key_1)
    clock.advance(minutes=3)

    # A concern, raised by whoever is speaking (Ana).
    press(qtbot, w, K.Key_C, CTRL | SHIFT)
    assert w.concerns.quick_add.field.hasFocus()
    type_text(qtbot, w, "Reading is 2 grades behind")  # the "2" types; it switches nobody
    press(qtbot, w, K.Key_Return)
    concern = ws.row("SELECT * FROM concerns WHERE meeting_id = ?", (planned,))
    assert concern is not None
    assert concern["text"] == "Reading is 2 grades behind"
    assert concern["raised_by"] == ids["Ana"]
    assert concern["status"] == "raised"
    assert speaker(w) == ids["Ana"]

    # Move the card with Ctrl+Right, twice, and back with Ctrl+Left.
    w.concerns.select(concern["id"])
    press(qtbot, w, K.Key_Right, CTRL)
    press(qtbot, w, K.Key_Right, CTRL)
    press(qtbot, w, K.Key_Left, CTRL)
    status = ws.scalar("SELECT status FROM concerns WHERE id = ?", (concern["id"],))
    assert status == "discussing"
    assert w.concerns.views[1].hasFocus()

    # A second concern, then options: one for C1, marked not agreed with a reason typed inline.
    press(qtbot, w, K.Key_Escape)
    press(qtbot, w, K.Key_2)
    press(qtbot, w, K.Key_C, CTRL | SHIFT)
    type_text(qtbot, w, "Homework takes two hours")
    press(qtbot, w, K.Key_Return)
    press(qtbot, w, K.Key_O, CTRL | SHIFT)
    type_text(qtbot, w, "Pull-out reading group")
    w.solutions.addresses.setText("C1")
    press(qtbot, w, K.Key_Return)
    option = ws.row("SELECT * FROM solutions WHERE meeting_id = ?", (planned,))
    assert option is not None
    assert option["proposed_by"] == ids["Luis"]
    links = ws.rows(
        "SELECT concern_id FROM solution_concerns WHERE solution_id = ?", (option["id"],)
    )
    assert [r["concern_id"] for r in links] == [concern["id"]]

    w.solutions.view.setCurrentIndex(w.solutions.model.index(0, 1))
    qtbot.mouseClick(w.solutions.buttons[SolutionStatus.NOT_AGREED], Qt.MouseButton.LeftButton)
    assert w.solutions.reason.hasFocus()
    press(qtbot, w, K.Key_Return)  # no reason yet: refused inline, nothing recorded
    assert w.solutions.reason_error.isVisible()
    assert ws.scalar("SELECT status FROM solutions WHERE id = ?", (option["id"],)) == "proposed"
    type_text(qtbot, w, "Leaving class raises her anxiety")
    press(qtbot, w, K.Key_Return)
    decided = ws.row("SELECT status, reason FROM solutions WHERE id = ?", (option["id"],))
    assert decided == {"status": "not_agreed", "reason": "Leaving class raises her anxiety"}
    assert not w.solutions.reason_row.isVisible()

    # An agreement, an action item with owner and due date, a note (team only by default).
    press(qtbot, w, K.Key_G, CTRL | SHIFT)
    type_text(qtbot, w, "Push-in reading support starts Monday")
    press(qtbot, w, K.Key_Return)
    press(qtbot, w, K.Key_T, CTRL | SHIFT)
    type_text(qtbot, w, "Set up the push-in schedule")
    panel = w.actions_panel
    panel.owner.setCurrentIndex(panel.owner.findData(ids["Priya"]))
    panel.due.setText("2026-12-04")
    panel.quick_add.focus()
    press(qtbot, w, K.Key_Return)
    press(qtbot, w, K.Key_N, CTRL | SHIFT)
    type_text(qtbot, w, "Family quieter in this item")
    press(qtbot, w, K.Key_Return)
    assert ws.scalar("SELECT text FROM agreements WHERE meeting_id = ?", (planned,)) == (
        "Push-in reading support starts Monday"
    )
    action = ws.row("SELECT * FROM action_items WHERE meeting_id = ?", (planned,))
    assert action is not None
    assert (action["owner_participant_id"], action["owner"], action["due_date"]) == (
        ids["Priya"], "Priya Natarajan", "2026-12-04",
    )  # fmt: skip
    assert ws.scalar("SELECT team_only FROM notes WHERE meeting_id = ?", (planned,)) == 1

    # Hands: Ctrl+H then a key raises; that person's key gives them the floor and lowers it.
    press(qtbot, w, K.Key_Escape)
    press(qtbot, w, K.Key_H, CTRL)
    press(qtbot, w, K.Key_3)
    assert live.hand_queue(ws, planned) == [ids["Priya"]]
    assert "hand up (1st)" in w.speakers.model.data(w.speakers.model.index(2, 6))
    press(qtbot, w, K.Key_3)
    assert live.hand_queue(ws, planned) == []
    assert speaker(w) == ids["Priya"]

    # Pause: Space closes the open turn.
    press(qtbot, w, K.Key_Space)
    assert speaker(w) is None

    # The time box runs over: the clock says so in words.
    clock.advance(minutes=20)
    w.session.tick.emit()
    assert "over" in w.timer.item_time.text()

    # End.
    press(qtbot, w, K.Key_E, CTRL | SHIFT)
    assert w.session.meeting()["status"] == "ended"  # type: ignore[index]
    assert "Ended" in w.timer.status.text()
