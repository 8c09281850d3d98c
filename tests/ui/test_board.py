"""The concerns board and the item lists: drag, edit in place, team only, remove and undo."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from facilitator import board
from facilitator.model import ConcernStatus, MeetingId
from tests.ui.keys import CTRL, press
from ui.main_window import MainWindow


def add_concerns(window: MainWindow, meeting_id: MeetingId, *texts: str) -> list[int]:
    return [
        board.add_concern(window.session.ws, meeting_id=meeting_id, text=text).created_id or 0
        for text in texts
    ]


def focus_card(window: MainWindow, concern_id: int) -> None:
    window.concerns.select(concern_id)


def test_a_card_dragged_to_another_column_moves_there(
    meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    first, second = add_concerns(w, planned, "Reading", "Homework")
    w.session.open_meeting(planned)
    raised, discussing = w.concerns.models[0], w.concerns.models[1]
    data = raised.mimeData([raised.index(raised.row_of(second), 0)])
    assert discussing.canDropMimeData(
        data, Qt.DropAction.MoveAction, 0, 0, discussing.index(-1, -1)
    )
    assert discussing.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, discussing.index(-1, -1))
    ws = w.session.ws
    assert ws.scalar("SELECT status FROM concerns WHERE id = ?", (second,)) == "discussing"
    assert [discussing.id_at(0)] == [second]
    # ... and within a column, onto the first card's place.
    data = raised.mimeData([raised.index(raised.row_of(first), 0)])
    discussing.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, discussing.index(0, 0))
    assert [discussing.id_at(0), discussing.id_at(1)] == [first, second]
    press_undo = w.act["undo"]
    press_undo.trigger()
    press_undo.trigger()
    assert ws.scalar("SELECT status FROM concerns WHERE id = ?", (second,)) == "raised"


def test_cards_move_up_and_down_their_column_by_keyboard(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    a, b, c = add_concerns(w, planned, "A", "B", "C")
    w.session.open_meeting(planned)
    focus_card(w, c)
    press(qtbot, w, Qt.Key.Key_Up, CTRL)
    press(qtbot, w, Qt.Key.Key_Up, CTRL)
    model = w.concerns.models[0]
    assert [model.id_at(r) for r in range(3)] == [c, a, b]
    press(qtbot, w, Qt.Key.Key_Up, CTRL)  # already at the top: nothing happens
    assert model.id_at(0) == c
    press(qtbot, w, Qt.Key.Key_Left, CTRL)  # no column left of "raised"
    assert w.session.ws.scalar("SELECT status FROM concerns WHERE id = ?", (c,)) == "raised"


def test_a_card_is_edited_in_place_with_f2(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    (concern,) = add_concerns(w, planned, "Reading fluency")
    w.session.open_meeting(planned)
    focus_card(w, concern)
    press(qtbot, w, Qt.Key.Key_F2)
    editor = w.concerns.views[0].findChild(QLineEdit)
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus)
    assert editor.text() == "Reading fluency"
    editor.selectAll()
    qtbot.keyClicks(editor, "Reading fluency, 2 grades behind")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn
    ws = w.session.ws
    qtbot.waitUntil(
        lambda: (
            ws.scalar("SELECT text FROM concerns WHERE id = ?", (concern,))
            == "Reading fluency, 2 grades behind"
        )
    )
    assert w.session.ws.scalar("SELECT count(*) FROM speaking_turns") == 0  # "2" typed, no switch


def test_team_only_and_remove_work_on_any_list_and_undo_brings_items_back(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    ws = w.session.ws
    agreement = board.add_agreement(ws, meeting_id=planned, text="Notebook on Fridays").created_id
    w.session.open_meeting(planned)
    w.docks["agreements"].raise_()
    view = w.agreements.view
    view.setFocus()
    view.selectionModel().setCurrentIndex(
        w.agreements.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    press(qtbot, w, Qt.Key.Key_T, CTRL)
    assert ws.scalar("SELECT team_only FROM agreements WHERE id = ?", (agreement,)) == 1
    shown = w.agreements.model.data(w.agreements.model.index(0, 0))
    assert shown.startswith("[Team only]")
    assert w.agreements.model.data(w.agreements.model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    view.selectionModel().setCurrentIndex(
        w.agreements.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    press(qtbot, w, Qt.Key.Key_Delete)
    assert ws.scalar("SELECT count(*) FROM agreements") == 0
    w.speakers.focus_tracker()
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert ws.row("SELECT text, team_only FROM agreements WHERE id = ?", (agreement,)) == {
        "text": "Notebook on Fridays",
        "team_only": 0,
    }


def test_a_refused_operation_is_shown_in_the_status_bar_and_not_undoable(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    w.actions_panel.quick_add.field.setText("Send the draft IEP")
    w.actions_panel.due.setText("next Friday")
    qtbot.mouseClick(w.actions_panel.quick_add.button, Qt.MouseButton.LeftButton)
    assert "is not a date" in w.statusBar().currentMessage()
    assert w.actions_panel.quick_add.field.text() == "Send the draft IEP"  # nothing typed is lost
    assert w.session.undo_stack.count() == 0
    assert not w.act["undo"].isEnabled()


def test_a_refusal_leaves_the_status_bar_once_something_is_recorded(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    """The refusal stayed for its ten seconds after the corrected item was added, so it looked
    as if the add had failed too."""
    w = meeting_window
    w.actions_panel.quick_add.field.setText("Send the draft IEP")
    w.actions_panel.due.setText("next Friday")
    qtbot.mouseClick(w.actions_panel.quick_add.button, Qt.MouseButton.LeftButton)
    assert "is not a date" in w.statusBar().currentMessage()
    w.actions_panel.due.setText("2099-01-15")
    qtbot.mouseClick(w.actions_panel.quick_add.button, Qt.MouseButton.LeftButton)
    assert w.session.ws.scalar("SELECT count(*) FROM action_items") == 1
    assert not w.statusBar().currentMessage().startswith("⚠")


def test_an_undo_that_would_overwrite_later_work_is_refused_in_words(
    meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    w.concerns.quick_add.field.setText("Reading")
    w.concerns.quick_add.button.click()
    concern = w.session.ws.scalar("SELECT id FROM concerns")
    # Someone else's change, outside this window's undo stack:
    board.set_concern_status(w.session.ws, concern_id=concern, status=ConcernStatus.PARKED)
    w.act["undo"].trigger()
    assert "changed again since" in w.statusBar().currentMessage()
    assert w.session.ws.scalar("SELECT count(*) FROM concerns") == 1
    assert w.session.undo_stack.count() == 0


def test_unmodified_keys_type_in_text_fields_and_click_buttons(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    ws = w.session.ws
    w.notes.quick_add.focus()
    qtbot.keyClicks(w.notes.quick_add.field, "1 2 3")
    qtbot.keyClick(w.notes.quick_add.field, Qt.Key.Key_PageDown)
    assert w.notes.quick_add.field.text() == "1 2 3"
    assert ws.scalar("SELECT count(*) FROM speaking_turns") == 0
    assert ws.scalar("SELECT status FROM meetings WHERE id = ?", (planned,)) == "planned"
    qtbot.keyClick(w.notes.quick_add.field, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert ws.scalar("SELECT count(*) FROM speaking_turns") == 1  # Alt+key works while typing
    # Space on a focused button presses the button, it does not pause.
    w.timer.next.setFocus()
    qtbot.keyClick(w.timer.next, Qt.Key.Key_Space)
    assert ws.scalar("SELECT count(*) FROM speaking_turns WHERE ended_at IS NULL") == 1
    assert ws.scalar("SELECT count(*) FROM agenda_visits") == 2  # first item, then the next


def test_esc_cancels_an_edit_in_place(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    (concern,) = add_concerns(w, planned, "Reading fluency")
    w.session.open_meeting(planned)
    focus_card(w, concern)
    press(qtbot, w, Qt.Key.Key_F2)
    editor = w.concerns.views[0].findChild(QLineEdit)
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, " typed by mistake")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert w.session.ws.scalar("SELECT text FROM concerns") == "Reading fluency"
    assert w.session.undo_stack.count() == 0
