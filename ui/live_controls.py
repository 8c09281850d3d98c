"""The live actions (speakers, hands, pause, the agenda) as undoable commands on the session."""

from __future__ import annotations

from collections.abc import Callable

from facilitator import live
from facilitator.model import AgendaItemId, MeetingId, MeetingStatus, ParticipantId
from facilitator.store import Change
from ui.session import Session

_Live = Callable[[MeetingId], Change | None]


class LiveControls:
    """What the keys, buttons and clicks of a running meeting do. Emits nothing itself."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def switch_speaker(self, participant_id: ParticipantId) -> Change | None:
        """Give someone the floor; the first speaker of a planned meeting starts it, and its
        first agenda item, in one undoable step (facilitators forget to start timers)."""
        name = self._name(participant_id)
        meeting = self.session.meeting()
        if meeting is None:
            return None

        def speak(meeting_id: MeetingId) -> Change | None:
            return live.switch_speaker(
                self.session.ws, meeting_id=meeting_id, participant_id=participant_id
            )

        if meeting["status"] != MeetingStatus.PLANNED:
            return self._run(f"{name} speaks", speak)
        with self.session.macro(f"Start meeting; {name} speaks"):
            if self.start() is None:
                return None
            return self._run(f"{name} speaks", speak)

    def toggle_hand(self, participant_id: ParticipantId) -> Change | None:
        ws, meeting_id = self.session.ws, self.session.meeting_id
        if meeting_id is None:
            return None
        if participant_id in live.hand_queue(ws, meeting_id):
            return self.lower_hand(participant_id)
        return self._run(
            f"{self._name(participant_id)} raises a hand",
            lambda m: live.raise_hand(ws, meeting_id=m, participant_id=participant_id),
        )

    def lower_hand(self, participant_id: ParticipantId) -> Change | None:
        return self._run(
            f"{self._name(participant_id)} lowers a hand",
            lambda m: live.lower_hand(self.session.ws, meeting_id=m, participant_id=participant_id),
        )

    def pause(self) -> Change | None:
        return self._run("Pause", lambda m: live.pause(self.session.ws, meeting_id=m))

    def next_item(self) -> Change | None:
        return self._run(
            "Next agenda item", lambda m: live.next_item(self.session.ws, meeting_id=m)
        )

    def previous_item(self) -> Change | None:
        return self._run(
            "Previous agenda item", lambda m: live.previous_item(self.session.ws, meeting_id=m)
        )

    def jump_to(self, item_id: AgendaItemId) -> Change | None:
        return self._run(
            "Go to agenda item",
            lambda m: live.jump_to_item(self.session.ws, meeting_id=m, item_id=item_id),
        )

    def start(self) -> Change | None:
        return self._run(
            "Start meeting", lambda m: live.start_meeting(self.session.ws, meeting_id=m)
        )

    def end(self) -> Change | None:
        return self._run("End meeting", lambda m: live.end_meeting(self.session.ws, meeting_id=m))

    def end_when_stopped(self) -> Change | None:
        """A meeting left running (overnight, say): end it when its recording stopped."""
        return self._run(
            "End meeting when recording stopped",
            lambda m: live.end_when_stopped(self.session.ws, meeting_id=m),
        )

    def _run(self, text: str, operation: _Live) -> Change | None:
        meeting_id = self.session.meeting_id
        if meeting_id is None:
            return None
        return self.session.run(text, lambda: operation(meeting_id))

    def _name(self, participant_id: ParticipantId) -> str:
        name = self.session.ws.scalar(
            "SELECT name FROM participants WHERE id = ?", (participant_id,)
        )
        return str(name or "Someone")
