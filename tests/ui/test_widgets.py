"""Shared view set-up: rows measured once per change, short columns sized from the font."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget
from pytestqt.qtbot import QtBot

from facilitator import board
from facilitator.model import HeldBy, MeetingId, SolutionStatus
from ui.main_window import MainWindow
from ui.widgets import FitRows, PageStack, fixed_columns, stretch_column, table_view


def test_rows_fit_their_wrapped_text_after_the_text_or_the_width_changes(qtbot: QtBot) -> None:
    model = QStandardItemModel(0, 2)
    model.appendRow([QStandardItem("Short"), QStandardItem("Basis")])
    view = table_view("Items", stretch=0)
    qtbot.addWidget(view)
    view.setModel(model)
    stretch_column(view)
    FitRows(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    one_line = view.rowHeight(0)
    model.appendRow([QStandardItem("a long item that wraps " * 12), QStandardItem("Basis")])
    qtbot.waitUntil(lambda: view.rowHeight(1) > one_line)  # the new row fits its text
    wide = view.rowHeight(1)
    view.resize(250, 400)
    qtbot.waitUntil(lambda: view.rowHeight(1) > wide)  # narrower: more lines
    model.item(1, 0).setText("Short again")
    qtbot.waitUntil(lambda: view.rowHeight(1) == one_line)  # edited: measured again
    assert view.rowHeight(0) == one_line


def test_short_columns_are_as_wide_as_their_sample_in_the_views_font(qtbot: QtBot) -> None:
    model = QStandardItemModel(1, 3)
    view = table_view("Items", stretch=1)
    qtbot.addWidget(view)
    view.setModel(model)
    fixed_columns(view, {0: "O88", 2: "Not agreed"})
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    assert header.sectionSize(0) >= metrics.horizontalAdvance("O88")
    assert header.sectionSize(2) >= metrics.horizontalAdvance("Not agreed")


def test_the_options_status_column_fits_a_decided_status_in_bold_at_any_text_size(
    meeting_window: MainWindow,
) -> None:
    w = meeting_window
    header = w.solutions.view.horizontalHeader()
    status_column = 3
    longest = max((s.label for s in SolutionStatus), key=len)
    for scale in (100, 180):
        w.settings.update(font_scale=scale)
        bold = QFont(w.solutions.view.font())
        bold.setBold(True)
        needed = QFontMetrics(bold).horizontalAdvance(longest)
        assert header.sectionSize(status_column) >= needed


def test_wrapped_rows_are_measured_again_when_the_text_grows(
    meeting_window: MainWindow, planned: MeetingId, qtbot: QtBot
) -> None:
    """The setting's larger text reaches the rows of a table whose columns all stretch (the
    window also asks each panel to `fit_to_font`, in case no width changes with it)."""
    w = meeting_window
    view = w.non_negotiables.views[HeldBy.FAMILY]
    w.session.run(
        "Add non-negotiable",
        lambda: board.add_non_negotiable(
            w.session.ws, meeting_id=planned, text="Maya stays with her class for reading",
            held_by=HeldBy.FAMILY, basis="Her friendships and confidence",
        ),
    )  # fmt: skip
    qtbot.waitUntil(lambda: view.model().rowCount() == 1 and view.rowHeight(0) > 20)
    before = view.rowHeight(0)
    w.settings.update(font_scale=180)
    qtbot.waitUntil(lambda: view.rowHeight(0) > before * 1.5)


def test_a_page_stack_asks_room_for_the_page_on_show_only(qtbot: QtBot) -> None:
    stack = PageStack()
    qtbot.addWidget(stack)

    def page(width: int) -> QWidget:
        made = QWidget()  # as wide as its layout needs, as the prepare view is
        content = QWidget()
        content.setMinimumSize(width, 50)
        QHBoxLayout(made).addWidget(content)
        return made

    small, wide = page(100), page(900)
    wide.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    stack.addWidget(small)
    stack.addWidget(wide)
    narrow = stack.minimumSizeHint().width()
    assert narrow < 200  # the wide page is out of sight
    stack.setCurrentWidget(wide)
    assert stack.minimumSizeHint().width() > 900
    assert wide.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding  # its own again
    stack.setCurrentWidget(small)
    assert stack.minimumSizeHint().width() == narrow


def test_a_heading_too_long_for_its_column_is_elided_not_cut(qtbot: QtBot) -> None:
    view = table_view("Non-negotiables")
    qtbot.addWidget(view)
    assert view.horizontalHeader().textElideMode() == Qt.TextElideMode.ElideRight


def test_enter_adds_from_every_field_of_a_live_add_row(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    """Enter on the "Raised by" list, the Team only box or Add itself did nothing: only the text
    field added."""
    concerns = meeting_window.concerns
    row = concerns.quick_add
    ws = meeting_window.session.ws
    for n, field in enumerate((concerns.raised_by, row.team_only, row.button, row.field), start=1):
        row.field.setText(f"Concern {n}")
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_Enter if n % 2 else Qt.Key.Key_Return)
        assert ws.scalar("SELECT count(*) FROM concerns WHERE meeting_id = ?", (planned,)) == n
    assert row.field.text() == ""
