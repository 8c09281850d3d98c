"""F1's list of keys: at the room's text size, and holding the keyboard while it shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator import live
from facilitator.model import MeetingId
from tests.ui.keys import ALT, CTRL, SHIFT, press
from ui.help_overlay import HelpOverlay
from ui.keymap import WIDGET_KEYS, display_keys
from ui.main_window import MainWindow

K = Qt.Key


def shown(qtbot: QtBot, window: MainWindow) -> HelpOverlay:
    press(qtbot, window, K.Key_F1)
    overlay = window.overlay
    qtbot.waitUntil(overlay.isVisible)
    return overlay


def test_the_list_takes_the_rooms_text_size(qtbot: QtBot, meeting_window: MainWindow) -> None:
    """At 200% it was still 9 points (its card's style sheet kept the size it was made at), and
    larger text asked for while it shows did not reach it."""
    w = meeting_window
    w.settings.update(font_scale=200)
    overlay = shown(qtbot, w)
    size = w.font().pointSizeF()
    for label in (*overlay.columns, overlay.note, overlay.close_button):
        assert label.font().pointSizeF() == size
    assert overlay.title.font().pointSizeF() > size
    press(qtbot, w, K.Key_Minus, CTRL)  # the text size keys still work over it
    qtbot.waitUntil(lambda: w.font().pointSizeF() < size)
    assert overlay.columns[0].font().pointSizeF() == w.font().pointSizeF()
    assert overlay.isVisible()


def test_tab_goes_round_the_list_and_never_under_it(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    overlay = shown(qtbot, meeting_window)
    assert overlay.close_button.hasFocus()
    reached = set()
    for key, modifiers in [(K.Key_Tab, Qt.KeyboardModifier.NoModifier)] * 4 + [
        (K.Key_Backtab, SHIFT)
    ] * 3:
        press(qtbot, meeting_window, key, modifiers)
        focus = QApplication.focusWidget()
        assert focus is not None and overlay.isAncestorOf(focus), focus
        reached.add(focus)
    assert reached == {overlay.keys_area, overlay.close_button}


def test_no_key_acts_on_the_meeting_while_the_list_shows(
    qtbot: QtBot, meeting_window: MainWindow, planned: MeetingId
) -> None:
    """A speaker's key pressed while reading the list changed the speaker behind it."""
    w, ws = meeting_window, meeting_window.session.ws
    press(qtbot, w, K.Key_1)  # Ana speaks: the meeting is on its first item
    speaker, item = live.current_speaker_id(ws, planned), live.current_item_id(ws, planned)
    overlay = shown(qtbot, w)
    keys = [
        (K.Key_3, Qt.KeyboardModifier.NoModifier), (K.Key_3, ALT),
        (K.Key_PageDown, Qt.KeyboardModifier.NoModifier), (K.Key_Right, ALT), (K.Key_Z, CTRL),
        (K.Key_C, CTRL | SHIFT), (K.Key_E, CTRL | SHIFT), (K.Key_Space, CTRL),
    ]  # fmt: skip
    for focus in (overlay.keys_area, overlay.close_button):
        focus.setFocus(Qt.FocusReason.TabFocusReason)
        # (Space, with Ctrl or not, presses the Close button: that only puts the list away.)
        for key, modifiers in keys if focus is overlay.keys_area else keys[:-1]:
            press(qtbot, w, key, modifiers)
            assert overlay.isVisible(), (key, modifiers)
            assert live.current_speaker_id(ws, planned) == speaker, (key, modifiers)
            assert live.current_item_id(ws, planned) == item, (key, modifiers)
            assert w.session.meeting()["status"] == "live"
    press(qtbot, w, K.Key_Escape)
    assert not overlay.isVisible()
    press(qtbot, w, K.Key_F1)
    assert overlay.isVisible()
    press(qtbot, w, K.Key_F1)
    assert not overlay.isVisible()
    press(qtbot, w, K.Key_3)  # the list away: the keys are the meeting's again
    assert live.current_speaker_id(ws, planned) != speaker


def test_the_list_has_the_keys_of_lists_the_projector_and_the_menu_bar(
    qtbot: QtBot, meeting_window: MainWindow
) -> None:
    """Enter on an agenda item, Esc or F5 in the projector, F4, Alt+Down and Space in the Who
    list, the Menu key and Alt were in docs/keyboard.md but not in the list."""
    text = shown(qtbot, meeting_window).texts()
    for spec in WIDGET_KEYS:
        assert spec.text in text.replace("&#x27;", "'")
        assert " or ".join(display_keys(spec)) in text
