"""What is known before the meeting, in prepare mode: who raised each concern (chosen by typing a
name), and the concerns each option addresses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu
from pytestqt.qtbot import QtBot

from facilitator import board
from facilitator.model import MeetingId
from tests.ui.conftest import people
from tests.ui.keys import CTRL, SHIFT, press, type_text
from tests.ui.test_prepare_keys import focus_name, preparing
from ui.main_window import MainWindow
from ui.models.prepare import PreparedConcernsModel, PreparedOptionsModel

K = Qt.Key


def concerns(window: MainWindow) -> list[tuple[str, int | None]]:
    return [
        (r["text"], r["raised_by"])
        for r in window.session.ws.rows("SELECT text, raised_by FROM concerns ORDER BY id")
    ]


def test_raised_by_is_chosen_by_typing_a_name_and_is_not_carried_to_the_next_concern(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    """ "Ana" did nothing and "R" chose the first person ("Raised by ..."), and the last person
    stayed chosen after each add: a staff concern went down as a parent's."""
    w = preparing(window, planned, qtbot)
    who = people(w.session.ws, planned)
    known = w.prepare.view.preloaded
    press(qtbot, w, K.Key_C, CTRL | SHIFT)
    type_text(qtbot, w, "Homework takes three hours a night")
    press(qtbot, w, K.Key_Tab)
    assert focus_name() == "New concern raised by"
    type_text(qtbot, w, "Luis R")  # the space is part of the name
    assert known.raised_by.currentData() == who["Luis"]
    assert not known.raised_by.view().isVisible()  # the list never opened
    press(qtbot, w, K.Key_Return)
    assert known.add_concern.field.hasFocus()  # ready for the next concern, with nobody chosen
    assert known.raised_by.currentIndex() == 0
    assert known.raised_by.currentText() == "Not recorded"
    type_text(qtbot, w, "Staff expect a request for a private placement")
    press(qtbot, w, K.Key_Return)
    type_text(qtbot, w, "Reading support is missing")
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "rodriguez")  # accents ignored: Ana Rodríguez, the first to match
    press(qtbot, w, K.Key_Return)
    assert concerns(w) == [
        ("Homework takes three hours a night", who["Luis"]),
        ("Staff expect a request for a private placement", None),
        ("Reading support is missing", who["Ana"]),
    ]


def links(window: MainWindow) -> list[tuple[str, list[int]]]:
    """Each option's text and the numbers of the concerns it addresses (C1 the first raised)."""
    ws = window.session.ws
    number = {r["id"]: n for n, r in enumerate(ws.rows("SELECT id FROM concerns ORDER BY id"), 1)}
    return [
        (
            option["text"],
            sorted(
                number[link["concern_id"]]
                for link in ws.rows(
                    "SELECT concern_id FROM solution_concerns WHERE solution_id = ?",
                    (option["id"],),
                )
            ),
        )
        for option in ws.rows("SELECT id, text FROM solutions ORDER BY id")
    ]


CONCERNS = ["Reading support is missing", "Homework takes hours", "Bus ride is 70 minutes"]


def with_three_concerns(window: MainWindow, planned: MeetingId) -> None:
    ws = window.session.ws
    luis = people(ws, planned)["Luis"]
    for text in CONCERNS:
        board.add_concern(ws, meeting_id=planned, text=text, raised_by=luis)


def menu_action(view: QAbstractItemView, menu_title: str, choice: str) -> QAction:
    """The `choice` in the `menu_title` submenu of `view`'s context menu, as it opens."""
    menu = next(a.menu() for a in view.actions() if a.text() == menu_title)
    assert isinstance(menu, QMenu)
    menu.aboutToShow.emit()  # filled for the selected item as it opens
    return next(a for a in menu.actions() if a.text().startswith(choice))


def test_the_concerns_show_their_numbers_and_who_raised_them_as_the_board_does(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    with_three_concerns(window, planned)
    w = preparing(window, planned, qtbot)
    model = w.prepare.view.preloaded.concerns_model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == ["#", "Concern", "Raised by", "Status"]
    shown = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert shown == [[f"C{n}", text, "Luis Rodríguez"] for n, text in enumerate(CONCERNS, 1)]


def test_who_raised_a_concern_is_changed_in_place_by_typing_a_name(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    with_three_concerns(window, planned)
    w = preparing(window, planned, qtbot)
    view = w.prepare.view.preloaded.concerns
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, PreparedConcernsModel.RAISED_BY))
    press(qtbot, w, K.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor.accessibleName() == "Raised by, Homework takes hours"
    type_text(qtbot, w, "Priya")
    press(qtbot, w, K.Key_Return)
    who = people(w.session.ws, planned)
    qtbot.waitUntil(lambda: concerns(w)[1] == ("Homework takes hours", who["Priya"]))
    menu_action(view, "Raised by", "Not recorded").trigger()  # the context menu's way
    assert concerns(w)[1] == ("Homework takes hours", None)
    menu_action(view, "Raised by", "Marcus Lee").trigger()
    assert concerns(w)[1] == ("Homework takes hours", who["Marcus"])


def test_an_option_is_added_with_the_concerns_it_addresses(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    with_three_concerns(window, planned)
    w = preparing(window, planned, qtbot)
    known = w.prepare.view.preloaded
    press(qtbot, w, K.Key_O, CTRL | SHIFT)
    type_text(qtbot, w, "Audiobooks for homework")
    press(qtbot, w, K.Key_Tab)
    assert focus_name() == "New option: the concerns it addresses"
    type_text(qtbot, w, "C1 C2")
    press(qtbot, w, K.Key_Return)
    assert links(w) == [("Audiobooks for homework", [1, 2])]
    assert known.add_option.field.hasFocus() and known.addresses.text() == ""
    type_text(qtbot, w, "A shorter bus route")
    press(qtbot, w, K.Key_Tab)
    type_text(qtbot, w, "C4")
    press(qtbot, w, K.Key_Return)
    assert "there is no concern C4" in w.statusBar().currentMessage()
    assert known.add_option.field.text() == "A shorter bus route"  # kept, to correct
    assert known.options_model.index(0, PreparedOptionsModel.FOR).data() == "C1, C2"


def test_f2_on_an_options_for_edits_the_concerns_it_addresses_in_one_undo_step(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    """F2 with O1's "For" selected, then "C2", replaced the option's words."""
    with_three_concerns(window, planned)
    ws = window.session.ws
    ids = [r["id"] for r in ws.rows("SELECT id FROM concerns ORDER BY id")]
    board.add_solution(
        ws, meeting_id=planned, text="Audiobooks for homework", addresses=[ids[0], ids[2]]
    )
    w = preparing(window, planned, qtbot)
    view = w.prepare.view.preloaded.options
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, PreparedOptionsModel.FOR))
    press(qtbot, w, K.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor.accessibleName() == "For, Audiobooks for homework"
    press(qtbot, w, K.Key_A, CTRL)
    type_text(qtbot, w, "C2")
    press(qtbot, w, K.Key_Return)
    qtbot.waitUntil(lambda: links(w) == [("Audiobooks for homework", [2])])
    press(qtbot, w, K.Key_Z, CTRL)  # the keyboard is back on the list: the whole change goes
    assert links(w) == [("Audiobooks for homework", [1, 3])]
    menu_action(view, "Addresses concerns", "C2").trigger()  # the context menu's way
    assert links(w) == [("Audiobooks for homework", [1, 2, 3])]
    menu_action(view, "Addresses concerns", "C1").trigger()
    assert links(w) == [("Audiobooks for homework", [2, 3])]
