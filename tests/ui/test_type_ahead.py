"""A list of names chosen by typing them: spaces, titles, case and accents, and the pause."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.keys import ALT
from ui.type_ahead import NamePicker, best_match

NAMES = [
    "Ms. Hernandez", "Mr. Okafor", "Ms. Ortiz", "Dr. Helen Cho", "Olivia Park",
    "Ana Rodríguez", "Mary-Kate O'Brien",
]  # fmt: skip


class Ticks:
    """A clock the test moves on by hand, in seconds."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def pause(self, *, longer_than_the_interval: bool) -> None:
        interval = QApplication.keyboardInputInterval() / 1000
        self.now += interval * (2 if longer_than_the_interval else 0.5)


# What the offscreen platform says about any open drop-down list; no fault of ours.
POPUP_ON_OFFSCREEN = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
def picker(qtbot: QtBot, ticks: Ticks) -> NamePicker:
    combo = NamePicker(first_name=1, clock=ticks)
    combo.setAccessibleName("Who")
    combo.addItem("Who? (none)", 0)
    for number, name in enumerate(NAMES, start=1):
        combo.addItem(name, number)
    qtbot.addWidget(combo)
    combo.show()
    qtbot.waitExposed(combo)
    combo.setFocus()
    return combo


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Ms. O", "Ms. Ortiz"),  # the space is part of the name, not a key that opens the list
        ("ms. h", "Ms. Hernandez"),  # case ignored
        ("o", "Olivia Park"),  # a name that starts with it before a word that does
        ("ok", "Mr. Okafor"),  # else the first name with a word that starts with it
        ("helen c", "Dr. Helen Cho"),  # words in a row
        ("cho", "Dr. Helen Cho"),
        ("rodriguez", "Ana Rodríguez"),  # accents ignored
        ("brien", "Mary-Kate O'Brien"),  # words after a hyphen or apostrophe
        ("kate", "Mary-Kate O'Brien"),
    ],
)
def test_the_typed_text_matches_a_name_by_its_start_then_by_a_word(typed: str, found: str) -> None:
    match = best_match(NAMES, typed)
    assert match is not None and NAMES[match] == found


@pytest.mark.parametrize("typed", ["zz", "", " ", "lena"])
def test_text_that_starts_no_name_or_word_matches_nothing(typed: str) -> None:
    assert best_match(NAMES, typed) is None


def test_typing_a_name_with_spaces_chooses_it_without_opening_the_list(
    qtbot: QtBot, picker: NamePicker
) -> None:
    chosen: list[int] = []
    picker.activated.connect(chosen.append)
    qtbot.keyClicks(picker, "Ms. O")
    assert picker.currentText() == "Ms. Ortiz"
    assert not picker.view().isVisible()
    assert chosen[-1] == picker.currentIndex()


def test_a_pause_longer_than_the_type_ahead_interval_starts_a_new_name(
    qtbot: QtBot, picker: NamePicker, ticks: Ticks
) -> None:
    qtbot.keyClicks(picker, "ms")
    ticks.pause(longer_than_the_interval=False)
    qtbot.keyClicks(picker, ". o")
    assert picker.currentText() == "Ms. Ortiz"
    ticks.pause(longer_than_the_interval=True)
    qtbot.keyClicks(picker, "ol")
    assert picker.currentText() == "Olivia Park"
    assert picker.typed() == "ol"


@POPUP_ON_OFFSCREEN
def test_space_opens_the_list_only_when_nothing_is_being_typed(
    qtbot: QtBot, picker: NamePicker, ticks: Ticks
) -> None:
    qtbot.keyClicks(picker, "dr")
    qtbot.keyClick(picker, Qt.Key.Key_Space)
    assert not picker.view().isVisible()
    assert picker.typed() == "dr "
    ticks.pause(longer_than_the_interval=True)
    qtbot.keyClick(picker, Qt.Key.Key_Space)
    qtbot.waitUntil(picker.view().isVisible)
    picker.hidePopup()
    assert picker.currentText() == "Dr. Helen Cho"


@POPUP_ON_OFFSCREEN
@pytest.mark.parametrize(
    ("key", "modifiers"),
    [(Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Down, ALT)],
)
def test_f4_and_alt_down_open_the_list_even_while_typing(
    qtbot: QtBot, picker: NamePicker, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    qtbot.keyClicks(picker, "ms")
    qtbot.keyClick(picker, key, modifiers)
    qtbot.waitUntil(picker.view().isVisible)
    picker.hidePopup()
    assert picker.typed() == ""


def test_backspace_takes_back_the_last_key_typed(qtbot: QtBot, picker: NamePicker) -> None:
    qtbot.keyClicks(picker, "ms. ox")
    assert picker.currentText() == "Ms. Ortiz"  # "x" matches nobody: the choice stays
    qtbot.keyClick(picker, Qt.Key.Key_Backspace)
    qtbot.keyClick(picker, Qt.Key.Key_Backspace)
    assert picker.typed() == "ms. "
    assert picker.currentText() == "Ms. Hernandez"
    qtbot.keyClicks(picker, "o")
    assert picker.currentText() == "Ms. Ortiz"


def test_typing_never_chooses_the_entries_before_the_names(
    qtbot: QtBot, picker: NamePicker
) -> None:
    picker.setCurrentIndex(3)
    qtbot.keyClicks(picker, "who")
    assert picker.currentIndex() == 3
