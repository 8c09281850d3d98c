"""A read-only window takes over recording when the window that recorded has stopped.

A second window opened on a workspace looks on read-only. When the live meeting on screen is no
longer being recorded (the recording window's heartbeat stopped: it was closed, or crashed), the
banner says so with one button, **Record here**. Pressed, this window takes the workspace
(`Session.record_here`): its add lines take input again, the title loses "(read-only)", and the
meeting goes on here, the gap shown and kept out of everyone's talk time as after a crash. If the
workspace cannot be taken (the other window still holds it: asleep, not gone), the banner says why
in one line, and nothing changes (the button stays, to try again once that window is closed); if
it starts recording again, the offer is withdrawn.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from facilitator.errors import WorkspaceError
from ui.notice import Notice, Tone
from ui.session import Session
from ui.widgets import look_only


class RecordHere(QObject):
    """Offers and does the take-over for `window` (see the module). Emits no signals."""

    def __init__(self, window: QWidget, session: Session, notice: Notice) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._notice = notice
        session.recording_stopped.connect(self.offer)
        session.recording_again.connect(self._recorded_again)

    def offer(self) -> None:
        self._say_with_button(
            "This meeting is not being recorded: the window that recorded it stopped (closed or"
            " crashed).",
            Tone.WARNING,
        )

    def record_here(self) -> None:
        try:
            self._session.record_here()
        except WorkspaceError as error:  # the button stays: once that window is closed, again
            self._say_with_button(f"Not recording here: {error}", Tone.REFUSED)
            return
        look_only(self._window, False)
        self._notice.say(
            "This window records the meeting from now on; the time nobody recorded is shown as an"
            " interruption.",
            Tone.DONE,
        )

    def _recorded_again(self) -> None:
        """The other window woke up (a laptop asleep, not closed): the offer is withdrawn."""
        self._notice.say("The window that recorded the meeting records it again.")

    def _say_with_button(self, text: str, tone: Tone) -> None:
        self._notice.say(text, tone, action="Record here", step=self.record_here)
