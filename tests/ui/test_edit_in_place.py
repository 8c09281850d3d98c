"""Editing a cell in place: F2, the context menu's Edit and a double-click edit the cell they are
on (else the first cell of its row that can be edited), and the editor has a name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPointF, Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from facilitator import board
from facilitator.model import HeldBy, MeetingId
from tests.ui.conftest import in_run_mode
from tests.ui.keys import press, type_text
from tests.ui.test_prepare_keys import preparing
from ui.main_window import MainWindow

K = Qt.Key
LRE = "Services are delivered in the least restrictive environment"
OPTION = "Wilson reading 4x/week with the reading specialist"


@pytest.fixture
def items(window: MainWindow, planned: MeetingId) -> MeetingId:
    ws = window.session.ws
    board.add_non_negotiable(ws, meeting_id=planned, text=LRE, held_by=HeldBy.SCHOOL, basis="")
    board.add_solution(ws, meeting_id=planned, text=OPTION)
    return planned


def on_cell(view: QAbstractItemView, row: int, column: int) -> QModelIndex:
    """The keyboard on one cell of `view` (clicked, or reached with the arrows)."""
    model = view.model()
    index = model.index(row, column)
    view.setFocus()
    view.setCurrentIndex(index)
    return index


def double_click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    """A click on the cell, then the double-click (`qtbot.mouseDClick` sends no double-click on
    the offscreen platform)."""
    at = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    left = Qt.MouseButton.LeftButton
    global_at = QPointF(view.viewport().mapToGlobal(at))
    QApplication.sendEvent(
        view.viewport(),
        QMouseEvent(
            QEvent.Type.MouseButtonDblClick, QPointF(at), global_at, left, left,
            Qt.KeyboardModifier.NoModifier,
        ),
    )  # fmt: skip


def editor() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def stored(window: MainWindow, table: str) -> dict[str, object]:
    rows = window.session.ws.rows(f"SELECT * FROM {table}")
    assert len(rows) == 1
    return rows[0]


def committed(qtbot: QtBot, view: QAbstractItemView) -> None:
    """Wait for the editor to close: Qt commits what Enter keeps on the next turn of the loop."""
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_f2_on_a_basis_edits_the_basis_not_the_non_negotiable(
    qtbot: QtBot, window: MainWindow, items: MeetingId
) -> None:
    w = preparing(window, items, qtbot)
    view = w.prepare.view.preloaded.non_negotiables
    on_cell(view, 0, 1)
    press(qtbot, w, K.Key_F2)
    assert editor().accessibleName() == f"Basis, {LRE}"
    type_text(qtbot, w, "IDEA 34 CFR 300.114")
    press(qtbot, w, K.Key_Return)
    committed(qtbot, view)
    row = stored(w, "non_negotiables")
    assert (row["text"], row["basis"]) == (LRE, "IDEA 34 CFR 300.114")


def test_f2_on_held_by_chooses_the_side_by_typing(
    qtbot: QtBot, window: MainWindow, items: MeetingId
) -> None:
    w = preparing(window, items, qtbot)
    view = w.prepare.view.preloaded.non_negotiables
    on_cell(view, 0, 2)
    press(qtbot, w, K.Key_F2)
    assert editor().accessibleName() == f"Held by, {LRE}"
    type_text(qtbot, w, "F")
    press(qtbot, w, K.Key_Return)
    committed(qtbot, view)
    row = stored(w, "non_negotiables")
    assert (row["text"], row["held_by"]) == (LRE, "family")


def test_f2_on_a_cell_that_cannot_be_edited_edits_the_rows_text(
    qtbot: QtBot, window: MainWindow, items: MeetingId
) -> None:
    w = preparing(window, items, qtbot)
    view = w.prepare.view.preloaded.options
    status = view.model().headerData(3, Qt.Orientation.Horizontal)
    assert status == "Status"
    on_cell(view, 0, 3)
    press(qtbot, w, K.Key_F2)
    assert editor().accessibleName() == f"Option, {OPTION}"
    press(qtbot, w, K.Key_End)
    type_text(qtbot, w, " (or 5x)")
    press(qtbot, w, K.Key_Return)
    committed(qtbot, view)
    assert stored(w, "solutions")["text"] == f"{OPTION} (or 5x)"


def test_the_context_menus_edit_on_a_reason_edits_the_reason_in_run_mode(
    qtbot: QtBot, window: MainWindow, items: MeetingId
) -> None:
    w = in_run_mode(window, items)
    view = w.solutions.view
    on_cell(view, 0, w.solutions.model.REASON)
    edit = next(a for a in view.actions() if a.objectName() == "edit_item")
    assert isinstance(edit, QAction)
    edit.trigger()
    assert editor().accessibleName() == f"Reason, {OPTION}"
    type_text(qtbot, w, "Staffing allows four")
    press(qtbot, w, K.Key_Return)
    committed(qtbot, view)
    row = stored(w, "solutions")
    assert (row["text"], row["reason"]) == (OPTION, "Staffing allows four")


@pytest.mark.parametrize(("column", "name"), [(1, "Basis"), (0, "Non-negotiable")])
def test_a_double_click_edits_the_cell_clicked_and_names_its_editor(
    qtbot: QtBot, window: MainWindow, items: MeetingId, column: int, name: str
) -> None:
    w = preparing(window, items, qtbot)
    view = w.prepare.view.preloaded.non_negotiables
    double_click(qtbot, view, view.model().index(0, column))
    assert editor().accessibleName() == f"{name}, {LRE}"
    assert view.currentIndex().column() == column


def test_f2_in_the_roster_edits_the_cell_it_is_on_and_names_the_editor(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = preparing(window, planned, qtbot)
    roster = w.prepare.view.roster
    on_cell(roster.view, 0, roster.model.LANGUAGE)
    press(qtbot, w, K.Key_F2)
    assert editor().accessibleName() == "Language, Ana Rodríguez"
    type_text(qtbot, w, "Spanish")
    press(qtbot, w, K.Key_Return)
    committed(qtbot, roster.view)
    language = "SELECT language FROM participants WHERE name = 'Ana Rodríguez'"
    assert w.session.ws.scalar(language) == "Spanish"


def test_f2_on_an_agenda_items_start_time_edits_its_title(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = preparing(window, planned, qtbot)
    agenda = w.prepare.view.agenda
    on_cell(agenda.view, 0, agenda.model.STARTS)
    press(qtbot, w, K.Key_F2)
    assert editor().accessibleName() == "Agenda item, Welcome and purpose"


def test_a_double_click_on_an_options_status_edits_the_option(
    qtbot: QtBot, window: MainWindow, items: MeetingId
) -> None:
    w = preparing(window, items, qtbot)
    view = w.prepare.view.preloaded.options
    double_click(qtbot, view, view.model().index(0, 3))
    assert editor().accessibleName() == f"Option, {OPTION}"
