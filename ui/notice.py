"""Banners that say what happened outside the conversation (a file written, an action refused, a
damaged workspace) and offer the one next step, without ever being a dialog."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from facilitator.store import Change
from ui.banner import Banner
from ui.spoken import announce

NOT_RECORDED = "not recorded:"
_NO_BREAK = "\u200b"  # a zero-width space: where a line may break, unseen
_BREAKS = str.maketrans({"/": "/" + _NO_BREAK, "\\": "\\" + _NO_BREAK, "_": "_" + _NO_BREAK})


def wrappable(text: str) -> str:
    """`text` with room to break after path separators and underscores, where a word-wrapped
    label breaks only at spaces and hyphens: a long file path then wraps, where it would widen
    the window past the screen (a notice sits between the side panels)."""
    return text.translate(_BREAKS)


def open_folder(folder: Path) -> None:
    """Show a folder in the system's file manager (it opens beside the window, not over it)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class Tone(Enum):
    """How a notice looks; every tone also says itself in words (its mark and its text)."""

    INFO = ("ℹ", "#e3f0ff", "#1f4e8c")
    WARNING = ("⚠", "#fff3c4", "#8a6d00")
    DONE = ("✔", "#e3f5e1", "#1b5e20")
    REFUSED = ("✖", "#fde0e0", "#b00020")

    def __init__(self, mark: str, background: str, border: str) -> None:
        self.mark = mark
        self.background = background
        self.border = border


class Notice(Banner):
    """A banner with a tone and, optionally, one button for the next step (e.g. "Open folder");
    a screen reader is told each one as it shows (a refusal at once, interrupting).

    Signals: none of its own (the buttons call what they were given, or hide it).
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name.replace("_", " "))
        self.action = QPushButton()
        row = self.layout()
        assert isinstance(row, QHBoxLayout)
        row.insertWidget(1, self.action)
        self.action.hide()
        self._step: Callable[[], None] | None = None
        self.action.clicked.connect(self._take_step)
        self.tone = Tone.INFO

    def say(
        self,
        text: str,
        tone: Tone = Tone.INFO,
        *,
        action: str = "",
        step: Callable[[], None] | None = None,
    ) -> None:
        """Show `text`; with `action` and `step`, a button of that name does the step."""
        self.tone = tone
        self.setStyleSheet(
            f"#{self.objectName()} {{ background: {tone.background};"
            f" border: 2px solid {tone.border}; }}"
            f" #{self.objectName()} QLabel {{ color: #000000; }}"
        )
        self.label.setText(wrappable(f"{tone.mark} {text}"))
        self.label.setAccessibleName(f"{tone.mark} {text}")  # as shown, without the break marks
        self.setAccessibleDescription(text)
        self._step = step
        self.action.setText(action)
        self.action.setAccessibleName(action)
        self.action.setVisible(bool(action and step))
        self.show()
        announce(self.label, text, assertive=tone is Tone.REFUSED)

    def text(self) -> str:
        return self.label.text().replace(_NO_BREAK, "") if self.isVisible() else ""

    def _take_step(self) -> None:
        step = self._step
        if step is not None:
            step()


class RefusalNotice(Notice):
    """Red, and in words: the last action was not recorded (the disk is full, the file became
    read-only). It stays until an action is recorded again, so a refusal cannot scroll past
    unseen while the facilitator is listening.

    Signals: none of its own.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Not_recorded", parent)
        self.dismiss.setAccessibleName("Dismiss the warning")

    def on_error(self, text: str) -> None:
        """A write that failed shows here until one works; any other refusal ("Not added: …")
        shows in the window's status bar, which a screen reader does not read out: it is said
        from here, at once."""
        if not text.startswith(NOT_RECORDED):
            announce(self.window(), text, assertive=True)
            return
        reason = text[len(NOT_RECORDED) :].strip()
        if "safe" not in reason:
            reason += " (everything recorded before this is safe)"
        self.say(f"Not recorded: {reason}", Tone.REFUSED)

    def on_change(self, change: Change) -> None:
        """Something was recorded: writing works again."""
        self.hide()
