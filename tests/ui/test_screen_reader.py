"""What a screen reader is told: labels read as the text they show, news and refusals spoken as
they happen, drop-downs labelled by the words beside them, each panel's title-bar buttons named
with the panel (WCAG 4.1.2, 4.1.3)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDockWidget, QLabel, QWidget
from pytestqt.qtbot import QtBot

from facilitator import board
from facilitator.clock import FakeClock
from facilitator.model import MeetingId
from tests.ui.keys import CTRL, SHIFT, press
from tests.ui.test_actions_view import actions, open_view  # noqa: F401 (a fixture)
from ui.main_window import MainWindow
from ui.notice import Tone

K = Qt.Key
Said = tuple[str, QAccessible.AnnouncementPoliteness]


def spoken(widget: QObject) -> str:
    """The name a screen reader reads for `widget`."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def says_what_it_shows(label: QLabel) -> bool:
    return bool(label.text()) and label.text().replace("\u200b", "") in spoken(label)


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Said]]:
    """What was announced to the screen reader (the platform's accessibility bridge is the
    boundary: what reaches `QAccessible.updateAccessibility`)."""
    heard: list[Said] = []
    bridge = QAccessible.updateAccessibility

    def update(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.Announcement:
            heard.append((event.message(), event.politeness()))  # type: ignore[attr-defined]
        bridge(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    yield heard


POLITE = QAccessible.AnnouncementPoliteness.Polite
AT_ONCE = QAccessible.AnnouncementPoliteness.Assertive


def test_the_now_panel_and_the_tracker_are_read_as_they_show(
    qtbot: QtBot, meeting_window: MainWindow, clock: FakeClock
) -> None:
    """Each label had a name of its own ("Meeting status", "Not heard yet"), so a screen reader
    read that, never "● LIVE", the current item or who had not been heard."""
    w = meeting_window
    press(qtbot, w, K.Key_1)  # Ana speaks: the meeting starts, on its first item
    labels = (w.timer.status, w.timer.item, w.speakers.not_heard)
    for label in labels:
        assert says_what_it_shows(label), (label.text(), spoken(label))
    assert spoken(w.timer.item) == f"Current agenda item: {w.timer.item.text()}"
    assert spoken(w.timer.status) == "Meeting status: ● LIVE"
    clock.advance(minutes=11)  # Ana quiet 11 minutes once Luis has the floor
    press(qtbot, w, K.Key_2)
    clock.advance(minutes=11)
    w.session.tick.emit()
    assert w.speakers.quiet.text().startswith("Quiet 10+ min: Ana")
    assert says_what_it_shows(w.speakers.quiet)
    press(qtbot, w, K.Key_PageDown)  # the next item: the name follows the text
    assert "2 of 4" in spoken(w.timer.item)


def test_the_projector_is_read_as_the_room_reads_it(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    w = meeting_window
    press(qtbot, w, K.Key_1)
    w.toggle_projector()
    projector = w.projector
    qtbot.waitUntil(projector.isVisible)
    w.session.tick.emit()
    assert spoken(projector.title) == "Meeting: Annual IEP meeting"
    for label in (projector.now, projector.clock):
        assert says_what_it_shows(label), (label.text(), spoken(label))


def test_notices_are_read_as_shown_and_spoken_as_they_show(
    meeting_window: MainWindow, said: list[Said]
) -> None:
    w = meeting_window
    w.banner.show_message("Recording resumed")
    assert said[-1] == ("Recording resumed", POLITE)
    assert "Recording resumed" in spoken(w.banner.label)
    w.notice.say("Minutes written to a/very/long/path_name.docx", Tone.DONE)
    assert said[-1] == ("Minutes written to a/very/long/path_name.docx", POLITE)
    assert spoken(w.notice.label) == "✔ Minutes written to a/very/long/path_name.docx"
    w.session.error.emit("not recorded: the disk is full")
    text, politeness = said[-1]
    assert text.startswith("Not recorded: the disk is full") and politeness == AT_ONCE
    assert says_what_it_shows(w.refusal.label)


def test_a_refusal_shown_in_the_status_bar_is_spoken_at_once(
    qtbot: QtBot, meeting_window: MainWindow, said: list[Said]
) -> None:
    """An action the store refuses ("Not added: …") showed in the status bar only, which a
    screen reader does not read out."""
    w = meeting_window
    press(qtbot, w, K.Key_B, CTRL | SHIFT)  # a non-negotiable, with nothing typed: refused
    press(qtbot, w, K.Key_Return)
    assert w.statusBar().currentMessage().startswith("⚠")
    text, politeness = said[-1]
    assert text in w.statusBar().currentMessage() and politeness == AT_ONCE


def test_the_action_items_window_is_read_as_it_shows(
    qtbot: QtBot,
    window: MainWindow,
    actions: dict[str, int],  # noqa: F811 (the fixture)
    said: list[Said],
) -> None:
    view = open_view(qtbot, window)
    assert view.summary.text() == "4 open items, 1 overdue"
    assert says_what_it_shows(view.summary)
    window.session.error.emit("Not marked: the workspace is read-only")
    assert says_what_it_shows(view.message)
    assert said[-1] == ("Not marked: the workspace is read-only", AT_ONCE)


def relations(combo: QComboBox) -> list[tuple[QAccessibleInterface, QAccessible.RelationFlag]]:
    interface = QAccessible.queryAccessibleInterface(combo)
    assert interface is not None
    return interface.relations(QAccessible.RelationFlag.Label)


def labelled(combo: QComboBox) -> str:
    """The words a screen reader takes as the drop-down's label: on Linux Qt's bridge names a
    drop-down by its current value, and gives its label through the buddy relation."""
    return " ".join(other.text(QAccessible.Text.Name) for other, _relation in relations(combo))


def test_every_drop_down_of_run_mode_is_labelled(qtbot: QtBot, meeting_window: MainWindow) -> None:
    """Held by, Raised by, the minutes' language, the action item's owner and a new
    participant's role were read as "School", "Speaker: Ana Rodríguez", "English"…"""
    w = meeting_window
    w.export.open()
    w.tab_panels.panel("actions")
    w.speakers.new_person.open()
    expected = {
        w.non_negotiables.held_by: "Held by:",
        w.concerns.raised_by: "Raised by:",
        w.export.language: "Language:",
        w.actions_panel.owner: "Who:",
        w.speakers.new_person.role: "Role:",
    }
    for combo, label in expected.items():
        assert labelled(combo) == label, combo.accessibleName()
    outside_prepare = [
        combo
        for combo in w.findChildren(QComboBox)
        if not any(isinstance(p, type(w.prepare.view)) for p in ancestors(combo))
    ]
    assert [c.accessibleName() for c in outside_prepare if not labelled(c)] == []


def ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def test_a_label_with_no_room_to_show_still_labels(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    """Beside the concern's text there is no room for "Raised by:" (shown, it squeezed the text
    to one letter at 100%), nor for "Held by:" at large text: hidden, a screen reader still
    reads them."""
    w = meeting_window
    for combo, label in (
        (w.concerns.raised_by, "Raised by:"),
        (w.non_negotiables.held_by, "Held by:"),
    ):
        assert labelled(combo) == label
        assert all(relation.object().isHidden() for relation, _ in relations(combo))
    field = w.concerns.quick_add.field
    assert field.width() >= field.fontMetrics().horizontalAdvance("New concern")


def named_with_their_panels(window: MainWindow) -> bool:
    return all(
        button_names(dock)
        == (
            f"Close the {dock.windowTitle()} panel",
            f"Float the {dock.windowTitle()} panel, or dock it again",
        )
        for dock in window.docks.values()
    )


def test_each_panels_title_bar_buttons_name_the_panel(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    """Every panel's were "Close" and "Float"; Qt names them so again each time the panels come
    back (from prepare mode here)."""
    w = meeting_window
    assert len([dock for dock in w.docks.values() if dock.isVisible()]) >= 5
    qtbot.waitUntil(lambda: named_with_their_panels(w))
    press(qtbot, w, K.Key_P, CTRL | SHIFT)  # prepare mode, and back
    qtbot.waitUntil(lambda: w.prepare.preparing)
    press(qtbot, w, K.Key_P, CTRL | SHIFT)
    qtbot.waitUntil(lambda: not w.prepare.preparing)
    qtbot.waitUntil(lambda: named_with_their_panels(w))


def button_names(dock: QDockWidget) -> tuple[str, ...]:
    buttons = dock.findChildren(QAbstractButton, options=Qt.FindChildOption.FindDirectChildrenOnly)
    by_name = {b.objectName(): b.accessibleName() for b in buttons}
    return (by_name["qt_dockwidget_closebutton"], by_name["qt_dockwidget_floatbutton"])


def test_a_panel_made_behind_a_tab_names_its_buttons_when_it_shows(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    w = meeting_window
    board.add_action_item(w.session.ws, meeting_id=planned, text="Call the district")
    w.docks["actions"].raise_()
    qtbot.waitUntil(lambda: w.docks["actions"].widget() is not None)
    qtbot.waitUntil(w.actions_panel.isVisible)
    qtbot.waitUntil(lambda: button_names(w.docks["actions"])[0] == "Close the Action items panel")


def test_status_bar_messages_are_spoken_as_they_appear(
    meeting_window: MainWindow, planned: MeetingId, said: list[Said]
) -> None:
    """The status bar was named "Messages", so a screen reader read that, never "Undone: Add
    concern" or "Minutes written to ..."."""
    w = meeting_window
    w.session.run(
        "Add concern", lambda: board.add_concern(w.session.ws, meeting_id=planned, text="Bus")
    )
    w.act["undo"].trigger()
    assert ("Undone: Add concern", POLITE) in said
    assert w.statusBar().accessibleName() == ""


def test_every_drop_down_of_prepare_mode_is_labelled(
    window: MainWindow, planned: MeetingId
) -> None:
    window.open_meeting(planned)  # a planned meeting opens in prepare mode
    view = window.prepare.view
    combos = view.findChildren(QComboBox)
    assert combos
    assert [c.accessibleName() for c in combos if not labelled(c)] == []
    assert labelled(view.preloaded.held_by) == "Held by:"
    assert labelled(view.roster.new.role) == "Role:"
