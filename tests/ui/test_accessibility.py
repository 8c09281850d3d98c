"""Every control has an accessible name, Tab reaches every control, text can be made larger."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from facilitator.demo import create_demo
from facilitator.model import MeetingId, ParticipantId
from facilitator.store import Workspace
from tests.ui.conftest import make_window
from ui.docks import default_sizes
from ui.main_window import MainWindow
from ui.models.speakers import SpeakersModel
from ui.settings import SettingsStore

INTERACTIVE = (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QTabBar,
    QTextEdit, QPlainTextEdit, QMenuBar,
)  # fmt: skip
# Parts of a composite control, named by the control itself (a spin box's editor, a view's header).
COMPOSITES = (QAbstractSpinBox, QComboBox, QAbstractItemView, QLineEdit, QTabBar, QMenuBar)


def controls(root: QWidget) -> list[QWidget]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if widget.window() is not root:
            continue
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not root:
            if isinstance(parent, COMPOSITES):
                inside = True
            parent = parent.parentWidget()
        if not inside:
            found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {text!r}"


def test_every_control_in_the_window_has_an_accessible_name(
    meeting_window: MainWindow, qtbot: QtBot
) -> None:
    meeting_window.toggle_help()
    nameless = [describe(w) for w in controls(meeting_window) if not w.accessibleName()]
    assert nameless == []


def test_every_control_in_the_empty_state_has_an_accessible_name(window: MainWindow) -> None:
    window.open_meeting(None)
    nameless = [describe(w) for w in controls(window) if not w.accessibleName()]
    assert nameless == []


def test_every_control_on_the_projector_has_an_accessible_name(
    meeting_window: MainWindow, qtbot: QtBot
) -> None:
    meeting_window.toggle_projector()
    projector = meeting_window.projector
    qtbot.waitUntil(projector.isVisible)
    found = controls(projector)
    assert found, "the projector's lists are checked too"
    assert [describe(w) for w in found if not w.accessibleName()] == []


def test_tab_reaches_every_control(meeting_window: MainWindow, qtbot: QtBot) -> None:
    window = meeting_window
    wanted = {
        w
        for w in controls(window)
        if w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(w, QMenuBar)
    }
    reached: set[QWidget] = set()
    for _ in range(len(wanted) * 2 + 10):
        focus = QApplication.focusWidget()
        assert focus is not None
        reached.add(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    missing = sorted(describe(w) for w in wanted - reached)
    assert missing == []


def test_the_font_scale_setting_makes_text_larger(
    meeting_window: MainWindow, planned: MeetingId
) -> None:
    before = meeting_window.concerns.views[0].font().pointSizeF()
    meeting_window.settings.update(font_scale=150)
    after = meeting_window.concerns.views[0].font().pointSizeF()
    assert after == before * 1.5
    meeting_window.settings.update(font_scale=999)
    assert meeting_window.settings.current.font_scale == 200


def test_larger_text_gives_the_tracker_and_readouts_room_for_it(
    meeting_window: MainWindow, qtbot: QtBot
) -> None:
    w = meeting_window
    header = w.speakers.table.horizontalHeader()
    time_column, share_column = 3, 5
    before = [header.sectionSize(c) for c in (time_column, share_column)]
    readout = w.speakers.balance
    tall_before = readout.height()
    w.settings.update(font_scale=180)
    after = [header.sectionSize(c) for c in (time_column, share_column)]
    # Each column is as wide as the larger text, or has given way to the status (hidden).
    assert all(
        header.isSectionHidden(c) or a > b * 1.5
        for c, a, b in zip((time_column, share_column), after, before, strict=True)
    )
    qtbot.waitUntil(lambda: readout.height() > tall_before * 1.5)
    assert readout.height() >= readout.sizeHint().height()


def sample_at(qtbot: QtBot, ws: Workspace, settings: SettingsStore) -> MainWindow:
    """The sample meeting on a 1366x768 screen, laid out as a first start lays it out."""
    meeting = create_demo(ws)
    w = make_window(qtbot, ws, settings)
    w.open_meeting(meeting)
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()  # the window's first layout, as the app's first start waits for
    default_sizes(w, w.docks)
    return w


def dock_sizes(w: MainWindow) -> dict[str, tuple[int, int]]:
    return {name: (d.width(), d.height()) for name, d in w.docks.items() if d.isVisible()}


def test_larger_text_shares_the_screen_out_again_and_normal_text_puts_it_back(
    qtbot: QtBot, fresh_ws: Workspace, settings: SettingsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Larger text squeezed the tracker into the room it had at 100%: at 150% it showed one
    person and scrolled the status out of sight; Ctrl+0 afterwards left the clock tall and the
    speakers narrow for the rest of the meeting."""
    # The test platform's screen is 800 pixels wide: smaller text would fit the window to it.
    monkeypatch.setattr("ui.main_window.back_within_screen", lambda window: None)
    w = sample_at(qtbot, fresh_ws, settings)
    tracker = w.speakers
    normal = dock_sizes(w)
    w.settings.update(font_scale=150)
    qtbot.waitUntil(lambda: w.docks["timer"].height() > normal["timer"][1])
    qtbot.waitUntil(lambda: tracker.table.height() >= tracker.table.minimumHeight())
    header = tracker.table.horizontalHeader()
    people = tracker.model.rowCount()
    assert tracker.table.minimumHeight() > people // 2 * header.sizeHint().height() // 2
    status = header.sectionViewportPosition(SpeakersModel.HAND)
    wanted = tracker.table.fontMetrics().horizontalAdvance("not heard yet")
    assert status >= 0 and status + wanted <= tracker.table.viewport().width()
    assert header.sectionSize(SpeakersModel.HAND) >= wanted
    w.settings.update(font_scale=100)
    qtbot.waitUntil(lambda: dock_sizes(w) == normal)


def test_at_the_largest_text_the_tracker_keeps_its_people_and_nothing_overlaps(
    qtbot: QtBot, fresh_ws: Workspace, settings: SettingsStore
) -> None:
    """At 200% the summaries under the table were squeezed below their text and drawn over the
    table's last row and each other, and the table showed half a person."""
    w = sample_at(qtbot, fresh_ws, settings)
    tracker = w.speakers
    w.settings.update(font_scale=200)
    qtbot.waitUntil(lambda: tracker.table.minimumHeight() > 100)
    layout = w.layout()
    assert layout is not None
    layout.activate()
    qtbot.waitUntil(lambda: tracker.table.height() >= tracker.table.minimumHeight())
    row = tracker.table.verticalHeader().defaultSectionSize()
    rows_seen = tracker.table.viewport().height() // row
    assert rows_seen >= 3
    assert w.height() <= 768
    shown = [p for p in (tracker.table, tracker.bar, tracker.balance, tracker.not_heard,
                         tracker.quiet, tracker.hands) if p.isVisible()]  # fmt: skip
    tops = sorted((p.geometry().top(), p.geometry().bottom(), p.accessibleName()) for p in shown)
    for (_, bottom, name), (top, _, below) in itertools.pairwise(tops):
        assert bottom < top, f"{name} runs into {below}"
    for summary in (tracker.not_heard, tracker.quiet):
        if summary.isVisible():
            assert summary.height() >= summary.heightForWidth(summary.width())


def test_the_decisions_on_options_take_two_rows_at_large_text(
    meeting_window: MainWindow, qtbot: QtBot
) -> None:
    """At 200% the four decision buttons in a row made the board the widest thing on screen."""
    options = meeting_window.solutions
    rows = {b.y() for b in options.buttons.values()}
    assert len(rows) == 1
    meeting_window.settings.update(font_scale=200)
    qtbot.waitUntil(lambda: len({b.y() for b in options.buttons.values()}) == 2)
    meeting_window.settings.update(font_scale=100)
    qtbot.waitUntil(lambda: len({b.y() for b in options.buttons.values()}) == 1)
    meeting_window.settings.update(font_scale=110)  # still one row
    assert options._decisions.count() == len(options.buttons)
    assert len({b.y() for b in options.buttons.values()}) == 1


def test_the_window_comes_back_within_its_screen_when_the_text_is_smaller_again(
    window: MainWindow, planned: MeetingId, qtbot: QtBot
) -> None:
    """Larger text can need more room than a small screen has (prepare mode's three columns at
    200%), and Qt grows the window past its edge; back at a smaller size, panels stayed out of
    sight until the window shrank back."""
    w = window
    w.open_meeting(planned)  # prepare mode
    w.resize(1000, 700)  # a small screen's worth
    w.settings.update(font_scale=200)
    qtbot.waitUntil(lambda: w.width() > 1000)
    grown = w.width()
    w.settings.update(font_scale=100)
    screen = w.screen()
    assert screen is not None
    room = screen.availableGeometry()
    qtbot.waitUntil(lambda: w.width() < grown)
    assert w.width() <= max(room.width(), w.minimumSizeHint().width())
    assert w.height() <= max(room.height(), w.minimumSizeHint().height())
    assert w.x() >= room.x() and w.y() >= room.y()


def test_the_settings_panel_fits_beside_the_board_at_larger_text(
    meeting_window: MainWindow, qtbot: QtBot
) -> None:
    """Where the text size is changed: at 170% its backup row was wider than the panels on the
    right, and the window grew past a 1366-pixel screen as soon as the panel showed."""
    w = meeting_window
    default_sizes(w, w.docks)
    w.act["settings"].trigger()
    qtbot.waitUntil(lambda: w.settings_panel.isVisible())
    w.settings.update(font_scale=170)
    qtbot.waitUntil(lambda: w.settings_panel.font().pointSizeF() > w.font().pointSizeF() / 1.7)
    layout = w.layout()
    assert layout is not None
    layout.activate()
    assert w.minimumSizeHint().width() <= 1366
    assert w.width() == 1366


@pytest.mark.parametrize("tab", ["actions", "notes", "case", "settings"])
def test_each_tab_on_the_right_fits_beside_the_board_at_the_largest_text(
    qtbot: QtBot, fresh_ws: Workspace, settings: SettingsStore, tab: str
) -> None:
    """The sample meeting at 200%, each tab behind the agreements brought up in turn: the action
    items' second line (who, by when, team only, Add), the case's long buttons and the settings'
    projector check box were each wider than the right-hand column, and the window grew to
    1,480-1,553 pixels; the case and the settings made it 777 and 818 pixels tall."""
    meeting = create_demo(fresh_ws)
    settings.update(font_scale=200)
    w = make_window(qtbot, fresh_ws, settings)
    w.open_meeting(meeting)
    w.show()
    qtbot.waitExposed(w)
    w.tab_panels.panel(tab)
    w.docks[tab].show()  # the settings' tab starts hidden
    w.docks[tab].raise_()
    qtbot.waitUntil(w.docks[tab].widget().isVisible)
    layout = w.layout()
    assert layout is not None
    layout.activate()
    assert w.minimumSizeHint().width() <= 1366 - 16  # a window manager's frame, both sides
    assert w.minimumSizeHint().height() <= 768 - 60  # the case and settings scroll in their tab


def test_the_meeting_picker_fits_beside_the_panels_at_larger_text(
    meeting_window: MainWindow, qtbot: QtBot
) -> None:
    """File > Open meeting shows between the side panels: at 150% its row of three buttons was
    wider than the board, and the window grew past a 1366-pixel screen; at 200%, its two."""
    w = meeting_window
    default_sizes(w, w.docks)
    w.show_picker()
    for scale in (150, 200):
        w.settings.update(font_scale=scale)
        qtbot.waitUntil(
            lambda: w.pages.currentWidget().font().pointSizeF() >= w.font().pointSizeF()
        )
        layout = w.layout()
        assert layout is not None
        layout.activate()
        assert w.minimumSizeHint().width() <= 1366, scale


def test_titles_follow_the_text_size(meeting_window: MainWindow, qtbot: QtBot) -> None:
    """Each title stays larger than the text around it at every text size, made before or after
    the setting changed: a font set once kept the size it was made at, so at 200% the current
    agenda item's title was smaller than the text beside it."""
    w = meeting_window
    w.settings.update(font_scale=150)
    qtbot.waitUntil(lambda: w.timer.font().pointSizeF() > w.prepare.view.font().pointSizeF() / 2)
    w.show_picker()
    picker = w.later.picker
    titles = [
        (w.timer.item, 1.35), (picker.title, 1.5), (w.prepare.view.heading, 1.3),
        (w.prepare.form.heading, 1.5),
    ]  # fmt: skip
    rows = picker.list.verticalHeader()

    def follow() -> bool:
        size = w.font().pointSizeF()
        return (
            all(
                abs(label.font().pointSizeF() - scale * size) < 0.01 and label.font().bold()
                for label, scale in titles
            )
            and rows.defaultSectionSize() == QFontMetrics(w.font()).height() + 8
        )

    qtbot.waitUntil(follow)
    at_150 = [label.font().pointSizeF() for label, _ in titles]
    w.settings.update(font_scale=200)
    qtbot.waitUntil(follow)
    assert all(
        label.font().pointSizeF() > was for (label, _), was in zip(titles, at_150, strict=True)
    )
    w.settings.update(font_scale=100)
    qtbot.waitUntil(follow)


@pytest.mark.parametrize("scale", [100, 150, 200])
def test_table_headings_take_the_text_size_of_their_table(
    qtbot: QtBot, fresh_ws: Workspace, settings: SettingsStore, planned: MeetingId, scale: int
) -> None:
    """The window opened at a text size saved earlier: the tracker's seven columns need a scroll
    bar then, and Qt (6.11), moving the bar's frame while the font spreads through the table,
    skipped the header, whose headings kept the default size. A table made later, behind its tab,
    at that size, too."""
    settings.update(font_scale=scale)
    w = make_window(qtbot, fresh_ws, settings)
    w.open_meeting(planned)
    w.prepare.show_run()
    w.show()
    qtbot.waitExposed(w)
    tables = [w.speakers.table, w.solutions.view, *w.non_negotiables.views.values()]
    tables.append(w.actions_panel.view)  # made now, behind its tab
    for table in tables:
        size = table.font().pointSizeF()
        assert size == w.font().pointSizeF()
        assert table.horizontalHeader().font().pointSizeF() == size, table.objectName()


def test_the_tracker_shows_every_name_whole_at_any_text_size(
    meeting_window: MainWindow, qtbot: QtBot
) -> None:
    """The name column is as wide as the longest name, bold and marked as the speaker's is: at
    200% the other columns squeezed it to an ellipsis. A speaker key does not change its width."""
    w = meeting_window
    table, model = w.speakers.table, w.speakers.model
    w.live.start()
    for scale in (100, 200):
        w.settings.update(font_scale=scale)
        qtbot.waitUntil(lambda: table.font().pointSizeF() == w.font().pointSizeF())
        bold = QFont(table.font())
        bold.setBold(True)
        names = [f"▶ {row['name']}" for row in model.rows()]
        width = table.horizontalHeader().sectionSize(1)
        assert width > max(QFontMetrics(bold).horizontalAdvance(name) for name in names)
        first = ParticipantId(model.rows()[0]["id"])
        w.live.switch_speaker(first)
        assert model.rows()[0]["speaking"]
        assert table.horizontalHeader().sectionSize(1) == width


def test_run_mode_fits_a_1366_pixel_screen_at_the_largest_text(
    meeting_window: MainWindow, qtbot: QtBot
) -> None:
    """At 200% the board's column headings wrap rather than set the board's width (the four
    headings in bold, each on one line, made the board alone 677 pixels wide)."""
    w = meeting_window
    w.settings.update(font_scale=200)
    headings = w.concerns.headings
    qtbot.waitUntil(lambda: headings[1].font().pointSizeF() > w.font().pointSizeF() / 2)
    layout = w.layout()
    assert layout is not None
    layout.activate()
    one_line = sum(QFontMetrics(h.font()).horizontalAdvance(h.text()) for h in headings)
    assert w.concerns.minimumSizeHint().width() < one_line  # so they wrap
    assert w.minimumSizeHint().width() <= 1366
    assert w.minimumSizeHint().height() <= 768 - 60  # a title bar, and a panel or task bar


def test_the_windows_of_their_own_take_the_text_size(
    meeting_window: MainWindow, qtbot: QtBot
) -> None:
    """The action items of every meeting and the backups open in windows of their own: they took
    the system's text size, not the one set for the room."""
    w = meeting_window
    w.settings.update(font_scale=175)
    qtbot.waitUntil(lambda: w.timer.font().pointSizeF() == w.font().pointSizeF())
    for window in (w.actions_view, w.backups):
        assert window.font().pointSizeF() == w.font().pointSizeF()
    w.settings.update(font_scale=125)
    qtbot.waitUntil(lambda: w.actions_view.font().pointSizeF() == w.font().pointSizeF())
    w.act["actions_across"].trigger()  # its list is made when it first shows
    qtbot.waitUntil(w.actions_view.isVisible)
    table = w.actions_view.table
    assert table.font().pointSizeF() == w.font().pointSizeF()
    assert table.horizontalHeader().font().pointSizeF() == w.font().pointSizeF()
    assert w.backups.font().pointSizeF() == w.font().pointSizeF()


def test_a_window_made_before_it_has_its_size_keeps_the_laptop_layout(
    meeting_window: MainWindow,
) -> None:
    """The layout is shared out while the window is made, at Qt's default size: scaled to that
    size, the speakers came out a third as wide once the window filled a 1366-pixel screen."""
    assert meeting_window.docks["speakers"].width() >= 500
    assert meeting_window.docks["agenda"].width() >= 280


def test_tab_never_stops_on_a_tab_bar_with_no_tabs(window: MainWindow, qtbot: QtBot) -> None:
    """With the New meeting form showing (the panels put away), Tab stopped on an empty
    "Tabbed panels" bar that Qt keeps off-screen."""
    window.new_meeting()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    stops = []
    for _ in range(40):
        focus = QApplication.focusWidget()
        assert focus is not None
        stops.append(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    empty_bars = [w for w in stops if isinstance(w, QTabBar) and w.count() == 0]
    assert empty_bars == []
    window.panel_layout.show(True)  # the panels back, as a meeting opening brings them
    bars = window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
    assert any(bar.count() for bar in bars)
    assert all(bar.focusPolicy() == Qt.FocusPolicy.TabFocus for bar in bars if bar.count())
