"""Action items across meetings: open items of every case by due date, overdue ones marked in
words and colour, team-only ones marked, done with one key, and Ctrl+Z takes it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import QHeaderView, QMenu
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from facilitator import board, meetings
from facilitator.model import ActionItemId, ActionStatus, CaseId, MeetingId, MeetingKind
from facilitator.store import Workspace
from tests.ui.keys import CTRL, SHIFT
from tests.ui.test_accessibility import controls, describe
from ui.actions_view import ActionsView
from ui.main_window import MainWindow
from ui.marks import OVERRUN
from ui.models.actions_across import DUE, STATUS, WHAT, WHO, ActionsAcrossModel
from ui.session import Session

# The fake clock says 2026-11-29; the meetings were held a month before.
HELD = "2026-10-27T15:00:00.000Z"
ITEMS = [  # (case, text, owner, due, team only)
    ("Maya R., grade 4", "Send the reading assessment", "Priya", "2026-11-01", False),  # overdue
    ("Maya R., grade 4", "Call the district about transport", "Marcus", "2026-12-15", False),
    ("Leo T., grade 7", "Draft the behaviour plan", "Dana", None, True),
    ("Leo T., grade 7", "Book the interpreter", "Dana", "2026-12-01", False),
]


@pytest.fixture
def actions(fresh_ws: Workspace) -> dict[str, ActionItemId]:
    """Action items in two cases (one meeting each), by their text; one more is already done."""
    meeting_of: dict[str, MeetingId] = {}
    found: dict[str, ActionItemId] = {}
    for case, text, owner, due, team_only in ITEMS:
        if case not in meeting_of:
            case_id = CaseId(meetings.create_case(fresh_ws, label=case).created_id or 0)
            meeting_of[case] = MeetingId(
                meetings.create_meeting(
                    fresh_ws,
                    case_id=case_id,
                    kind=MeetingKind.FACILITATED_IEP,
                    title="IEP",
                    scheduled_start=HELD,  # before the earliest due date: no item is due before it
                ).created_id
                or 0
            )
        change = board.add_action_item(
            fresh_ws,
            meeting_id=meeting_of[case],
            text=text,
            owner=owner,
            due_date=due,
            team_only=team_only,
        )
        found[text] = ActionItemId(change.created_id or 0)
    done = board.add_action_item(
        fresh_ws, meeting_id=meeting_of[ITEMS[0][0]], text="Already done", owner="Priya"
    )
    board.set_action_status(
        fresh_ws, action_id=ActionItemId(done.created_id or 0), status=ActionStatus.DONE
    )
    return found


def status_of(ws: Workspace, action_id: int) -> str:
    return str(ws.scalar("SELECT status FROM action_items WHERE id = ?", (action_id,)))


def texts(view: ActionsView, column: int = WHAT) -> list[str]:
    proxy = view.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def open_view(qtbot: QtBot, window: MainWindow) -> ActionsView:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL | SHIFT)
    view = window.actions_view
    qtbot.waitUntil(view.isActiveWindow)
    return view


def test_the_model_passes_the_model_tester(
    qtmodeltester: ModelTester, fresh_ws: Workspace, actions: dict[str, int], qapp: QObject
) -> None:
    model = ActionsAcrossModel(Session(fresh_ws), qapp)
    model.reload()
    assert model.rowCount() == len(ITEMS)
    qtmodeltester.check(model)
    model.show_done = True
    model.reload()
    assert model.rowCount() == len(ITEMS) + 1
    qtmodeltester.check(model)


def test_one_key_shows_open_items_of_every_meeting_soonest_due_first(
    qtbot: QtBot, window: MainWindow, actions: dict[str, int]
) -> None:
    view = open_view(qtbot, window)
    assert texts(view) == [
        "Send the reading assessment",
        "Book the interpreter",
        "Call the district about transport",
        "[Team only] Draft the behaviour plan",  # undated: last
    ]
    assert texts(view, 0) == [
        "Maya R., grade 4", "Leo T., grade 7", "Maya R., grade 4", "Leo T., grade 7",
    ]  # fmt: skip
    assert view.summary.text() == "4 open items, 1 overdue"
    assert view.table.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_overdue_items_say_so_in_words_and_in_colour(
    qtbot: QtBot, window: MainWindow, actions: dict[str, int]
) -> None:
    view = open_view(qtbot, window)
    overdue = [view.proxy.index(0, column) for column in (DUE, STATUS)]
    assert [cell.data() for cell in overdue] == ["2026-11-01 (overdue)", "Overdue"]
    for cell in overdue:
        assert cell.data(Qt.ItemDataRole.ForegroundRole) == OVERRUN
        assert cell.data(Qt.ItemDataRole.FontRole).bold()
    on_time = view.proxy.index(1, STATUS)
    assert on_time.data() == "Open"
    assert on_time.data(Qt.ItemDataRole.ForegroundRole) is None


def test_team_only_items_are_marked_with_words_and_the_padlock(
    qtbot: QtBot, window: MainWindow, actions: dict[str, int]
) -> None:
    view = open_view(qtbot, window)
    cell = view.proxy.index(3, WHAT)
    assert cell.data().startswith("[Team only]")
    assert isinstance(cell.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert "parent copy" in cell.data(Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize(
    "key", [(Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_D, CTRL)]
)
def test_one_key_marks_the_selected_item_done_and_ctrl_z_brings_it_back(
    qtbot: QtBot,
    window: MainWindow,
    actions: dict[str, int],
    key: tuple[Qt.Key, Qt.KeyboardModifier],
) -> None:
    ws = window.session.ws
    view = open_view(qtbot, window)
    first = actions["Send the reading assessment"]
    assert view.table.currentIndex().row() == 0
    qtbot.keyClick(view.table, *key)
    assert status_of(ws, first) == "done"
    assert "Send the reading assessment" not in texts(view)
    assert view.table.currentIndex().row() == 0  # the next item is selected, ready for the next
    assert view.summary.text() == "3 open items, 0 overdue"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert status_of(ws, first) == "open"
    assert texts(view)[0] == "Send the reading assessment"


def test_the_keyboard_stays_on_the_same_item_through_undo_and_redo(
    qtbot: QtBot, window: MainWindow, actions: dict[str, int]
) -> None:
    """After Space then Ctrl+Z no item was current, and the next Space did nothing."""
    ws = window.session.ws
    view = open_view(qtbot, window)
    first = actions["Send the reading assessment"]

    def current() -> str:
        index = view.table.currentIndex()
        assert index.isValid()
        return str(view.proxy.index(index.row(), WHAT).data())

    assert current() == "Send the reading assessment"
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    assert current() == "Book the interpreter"  # the next item took its row
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert status_of(ws, first) == "open"
    assert current() == "Send the reading assessment"  # back, and the keyboard with it
    assert view.table.selectionModel().isRowSelected(view.table.currentIndex().row())
    qtbot.keyClick(view.table, Qt.Key.Key_Y, CTRL)  # redo: done again
    assert status_of(ws, first) == "done"
    assert current() == "Book the interpreter"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(view.table, Qt.Key.Key_Space)  # the next Space acts, on the item brought back
    assert status_of(ws, first) == "done"
    qtbot.keyClick(view.table, Qt.Key.Key_Down)  # moved by hand: that item is the one kept
    moved = current()
    view.show_done.setChecked(True)  # the list read again
    assert current() == moved


def test_done_items_can_be_shown_and_opened_again(
    qtbot: QtBot, window: MainWindow, actions: dict[str, int]
) -> None:
    view = open_view(qtbot, window)
    view.show_done.setChecked(True)
    assert "Already done" in texts(view)
    row = texts(view).index("Already done")
    assert view.proxy.index(row, STATUS).data() == "Done"
    view.table.setCurrentIndex(view.proxy.index(row, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    done_id = window.session.ws.scalar("SELECT id FROM action_items WHERE text = 'Already done'")
    assert status_of(window.session.ws, done_id) == "open"


def test_the_list_filters_and_sorts(
    qtbot: QtBot, window: MainWindow, actions: dict[str, int]
) -> None:
    view = open_view(qtbot, window)
    qtbot.keyClicks(view.filter, "leo")
    assert texts(view) == ["Book the interpreter", "[Team only] Draft the behaviour plan"]
    view.filter.clear()
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by who
    assert texts(view, 2) == ["Dana", "Dana", "Marcus", "Priya"]


def test_items_added_in_the_meeting_appear_at_once(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    view = open_view(qtbot, window)
    assert texts(view) == []
    window.open_meeting(planned)
    window.session.run(
        "Add action item",
        lambda: board.add_action_item(
            window.session.ws, meeting_id=planned, text="Share the draft goals", owner="Priya"
        ),
    )
    assert texts(view) == ["Share the draft goals"]


def test_the_view_is_in_the_view_menu(window: MainWindow) -> None:
    menus = {menu.title(): menu for menu in window.menuBar().findChildren(QMenu)}
    entries = [a.text() for a in menus["View"].actions()]
    assert window.act["actions_across"].text() in entries


def test_every_control_of_the_view_has_an_accessible_name(
    qtbot: QtBot, window: MainWindow, actions: dict[str, int]
) -> None:
    view = open_view(qtbot, window)
    found = controls(view)
    assert view.table in found and view.filter in found
    assert [describe(w) for w in found if not w.accessibleName()] == []


def test_the_window_opens_as_large_as_the_rooms_text_within_the_screen(
    qtbot: QtBot, window: MainWindow, actions: dict[str, int]
) -> None:
    """At 150% text the window opens half as large again as at 100%; it never opens past the
    screen, whatever the text size."""
    window.settings.update(font_scale=150)
    view = open_view(qtbot, window)
    room = view.screen().availableGeometry()
    assert view.width() == min(round(980 * 1.5), room.width() * 9 // 10)
    assert view.height() == min(round(520 * 1.5), room.height() * 9 // 10)
    assert view.width() <= room.width() and view.height() <= room.height()
    header, table = view.table.horizontalHeader(), view.table
    view.resize(1229, 691)  # what it opens at on the room's 1366 x 768 laptop
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width())  # nothing out of sight
    assert header.sectionSize(WHAT) >= table.fontMetrics().averageCharWidth() * 25
    bold = QFont(table.font())
    bold.setBold(True)
    margins = 8  # the cell's own, either side of its text
    assert QFontMetrics(bold).horizontalAdvance(
        "2026-11-01 (overdue)"
    ) + margins <= header.sectionSize(DUE)
    assert QFontMetrics(bold).horizontalAdvance("Overdue") + margins <= header.sectionSize(STATUS)


def test_at_200_percent_the_item_keeps_its_width_and_the_table_scrolls(
    qtbot: QtBot, window: MainWindow, actions: dict[str, int]
) -> None:
    window.settings.update(font_scale=200)
    view = open_view(qtbot, window)
    header, table = view.table.horizontalHeader(), view.table
    view.resize(1229, 691)
    qtbot.waitUntil(lambda: header.length() > table.viewport().width())
    assert header.sectionSize(WHAT) >= table.fontMetrics().averageCharWidth() * 25
    window.settings.update(font_scale=100)  # and back: the item takes the spare width again
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width())
    assert header.sectionResizeMode(WHAT) == QHeaderView.ResizeMode.Stretch
    header.resizeSection(WHO, 250)  # dragged wider by hand: a resized window keeps it
    view.resize(1100, 600)
    qtbot.waitUntil(lambda: table.viewport().width() > 1000)
    assert header.sectionSize(WHO) == 250


def test_an_item_without_a_date_says_so_in_words_and_italics(
    fresh_ws: Workspace, actions: dict[str, int], qapp: QObject
) -> None:
    from ui.marks import NO_DATE
    from ui.models.actions_across import DUE, WHO

    model = ActionsAcrossModel(Session(fresh_ws), qapp)
    model.reload()
    row = next(n for n in range(model.rowCount()) if "behaviour plan" in model.index(n, 1).data())
    undated, dated = model.index(row, DUE), model.index(0, DUE)
    assert undated.data() == NO_DATE and undated.data(Qt.ItemDataRole.FontRole).italic()
    assert (
        dated.data(Qt.ItemDataRole.FontRole) is None
        or not dated.data(Qt.ItemDataRole.FontRole).italic()
    )
    assert model.index(row, WHO).data(Qt.ItemDataRole.FontRole) is None  # Dana: assigned
