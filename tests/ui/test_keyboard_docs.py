"""docs/keyboard.md and the F1 overlay list every shortcut the window defines."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from ui.keymap import KEY, SHORTCUTS, WIDGET_KEYS
from ui.main_window import MainWindow
from ui.new_meeting import sample_meeting

DOC = Path(__file__).resolve().parents[2] / "docs" / "keyboard.md"


def window_shortcuts(window: MainWindow) -> set[str]:
    """Every key sequence of every action in the window, with a participant's key as <key>."""
    found = set()
    for action in window.findChildren(QAction):
        name = action.objectName()
        hotkey = name.split(":", 1)[1].upper() if ":" in name else ""
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if hotkey:
                text = text.replace(f"+{hotkey}", f"+{KEY}").replace(f", {hotkey}", f", {KEY}")
                text = KEY if text == hotkey else text
            found.add(text)
    return found


def test_the_keyboard_doc_lists_every_shortcut_the_window_defines(
    meeting_window: MainWindow,
) -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert meeting_window.actions_view is not None  # made on first use, with its own keys
    shortcuts = window_shortcuts(meeting_window)
    assert len(shortcuts) > 30
    assert {f"`{s}`" for s in shortcuts if f"`{s}`" not in doc} == set()


def test_every_keymap_entry_is_an_action_in_the_window(meeting_window: MainWindow) -> None:
    assert meeting_window.actions_view is not None  # made on first use, with its own keys
    shortcuts = window_shortcuts(meeting_window)
    declared = {key for spec in SHORTCUTS for key in spec.keys}
    assert declared - shortcuts == set()


def test_the_keyboard_doc_names_every_key_a_list_or_the_menu_bar_answers() -> None:
    """The keys the F1 overlay lists beyond the window's actions (Enter on an agenda item, Esc or
    F5 in the projector, the Who list's, the Menu key, Alt) are each in the doc too."""
    doc = DOC.read_text(encoding="utf-8")
    keys = {f"`{key}`" for spec in WIDGET_KEYS for key in spec.keys}
    assert {key for key in keys if key not in doc} == set()


def test_the_f1_overlay_lists_every_shortcut(meeting_window: MainWindow) -> None:
    meeting_window.toggle_help()
    assert meeting_window.overlay.isVisible()
    text = meeting_window.overlay.texts()
    for spec in SHORTCUTS:
        assert spec.text.replace("'", "&#x27;") in text
    assert "Ana Rodríguez" in text  # each person's key, by name
    meeting_window.toggle_help()
    assert not meeting_window.overlay.isVisible()


def test_the_f1_overlay_shows_every_key_of_a_ten_person_meeting_without_scrolling(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The people's keys take one row, not one each: with the sample's ten people the last keys
    (File, Quit) were cut off at the bottom of a 1366x768 window. In a smaller window the list
    scrolls rather than cuts."""
    window.open_meeting(sample_meeting(window.session.ws))
    window.toggle_help()
    overlay = window.overlay
    qtbot.waitUntil(lambda: overlay.keys_area.viewport().height() > 300)
    assert "Carmen Ortiz" in overlay.texts() and "Quit" in overlay.texts()
    assert overlay.keys_area.verticalScrollBar().maximum() == 0  # all of it in sight
    window.resize(1000, 500)  # a small screen: the list scrolls, nothing is cut
    bar = overlay.keys_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.isVisible())
