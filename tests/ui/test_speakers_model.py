"""The tracker's model repaints only the cells a speaker key or a tick changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QObject
from pytestqt.modeltest import ModelTester

from facilitator import live
from facilitator.clock import FakeClock
from facilitator.model import MeetingId, ParticipantId
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting
from ui.models.speakers import SpeakersModel
from ui.session import Session

Cells = tuple[tuple[int, int], tuple[int, int]]  # (row, column) of the top left and bottom right


@pytest.fixture
def meeting(fresh_ws: Workspace) -> tuple[Session, MeetingId, list[ParticipantId]]:
    meeting_id, people = small_meeting(fresh_ws)  # Ana, Priya, Tom, Sam
    session = Session(fresh_ws)
    session.meeting_id = meeting_id
    return session, meeting_id, people


def repainted(model: SpeakersModel) -> list[Cells]:
    changes: list[Cells] = []

    def note(top: QModelIndex, bottom: QModelIndex, roles: object = None) -> None:
        changes.append(((top.row(), top.column()), (bottom.row(), bottom.column())))

    model.dataChanged.connect(note)
    return changes


def test_a_speaker_key_repaints_the_two_speakers_rows_and_a_tick_their_numbers(
    qtmodeltester: ModelTester,
    meeting: tuple[Session, MeetingId, list[ParticipantId]],
    clock: FakeClock,
    owner: QObject,
) -> None:
    session, meeting_id, (ana, priya, *_) = meeting
    model = SpeakersModel(session, owner)
    live.switch_speaker(session.ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=30)
    model.reload()
    qtmodeltester.check(model)
    changes = repainted(model)

    live.switch_speaker(session.ws, meeting_id=meeting_id, participant_id=priya)
    clock.advance(seconds=10)
    model.reload()
    assert changes == [((0, 0), (0, 6)), ((1, 0), (1, 6))]  # Tom and Sam: nothing changed
    qtmodeltester.check(model)

    changes.clear()
    clock.advance(seconds=5)  # the next tick
    model.reload()
    assert changes == [((0, 5), (0, 5)), ((1, 3), (1, 5))]  # Ana's share; Priya's time to share
    assert [model.data(model.index(r, 5)) for r in range(4)] == ["67%", "33%", "0%", "0%"]
    qtmodeltester.check(model)


def test_a_reload_with_nothing_new_repaints_nothing(
    meeting: tuple[Session, MeetingId, list[ParticipantId]], clock: FakeClock, owner: QObject
) -> None:
    session, meeting_id, (ana, *_) = meeting
    model = SpeakersModel(session, owner)
    live.switch_speaker(session.ws, meeting_id=meeting_id, participant_id=ana)
    live.pause(session.ws, meeting_id=meeting_id)
    model.reload()
    changes = repainted(model)
    clock.advance(seconds=1)
    model.reload()
    assert changes == []


def test_the_status_says_whether_they_were_heard_before_their_place_in_the_queue(
    meeting: tuple[Session, MeetingId, list[ParticipantId]], owner: QObject
) -> None:
    """The status column cuts the end of a long status; the queue has a list of its own."""
    session, meeting_id, (ana, priya, tom, _sam) = meeting
    live.switch_speaker(session.ws, meeting_id=meeting_id, participant_id=ana)
    live.raise_hand(session.ws, meeting_id=meeting_id, participant_id=priya)
    live.raise_hand(session.ws, meeting_id=meeting_id, participant_id=tom)
    model = SpeakersModel(session, owner)
    model.reload()
    status = {model.index(row, 1).data(): model.index(row, 6).data() for row in range(4)}
    assert status["Tom"] == "not heard yet, hand up (2nd)"
    assert status["Priya"] == "not heard yet, hand up (1st)"
