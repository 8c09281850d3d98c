"""The models of prepare mode and of the case view pass Qt's model tester, and edit the store."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt
from pytestqt.modeltest import ModelTester

from facilitator import board, meetings
from facilitator.demo import create_demo
from facilitator.model import CaseId, ConcernId, HeldBy, MeetingId, MeetingKind
from facilitator.store import Workspace
from ui.models.case import CarriedActionsModel, CaseMeetingsModel, ParkedConcernsModel
from ui.models.prepare import (
    AgendaEditorModel,
    PreparedConcernsModel,
    PreparedNonNegotiablesModel,
    PreparedOptionsModel,
    RosterModel,
)
from ui.models.rows import RowsModel
from ui.session import Session

Factory = Callable[[Session, QObject], RowsModel]
FACTORIES: dict[str, Factory] = {
    "roster": RosterModel,
    "agenda editor": AgendaEditorModel,
    "prepared concerns": PreparedConcernsModel,
    "prepared non-negotiables": PreparedNonNegotiablesModel,
    "prepared options": PreparedOptionsModel,
    "case meetings": CaseMeetingsModel,
    "carried action items": CarriedActionsModel,
    "parked concerns": ParkedConcernsModel,
}


@pytest.fixture
def next_meeting(fresh_ws: Workspace) -> Session:
    """A session on a new meeting in the sample case: earlier meetings left items open."""
    create_demo(fresh_ws)
    case_id = CaseId(fresh_ws.scalar("SELECT id FROM cases"))
    source = fresh_ws.scalar("SELECT id FROM meetings ORDER BY id DESC LIMIT 1")
    change = meetings.create_meeting(
        fresh_ws, case_id=case_id, kind=MeetingKind.RECONVENED_IEP, title="Reconvened IEP",
        agenda=[meetings.NewAgendaItem("Welcome", 5), meetings.NewAgendaItem("Reading", 30)],
    )  # fmt: skip
    session = Session(fresh_ws)
    session.meeting_id = MeetingId(change.created_id or 0)
    # The new meeting has the last one's roster, and a few items of its own.
    for person in fresh_ws.rows(
        "SELECT name, role FROM participants WHERE meeting_id = ? ORDER BY position", (source,)
    ):
        person_row = meetings.NewParticipant(person["name"], person["role"])
        meetings.add_participant(fresh_ws, meeting_id=session.meeting_id, person=person_row)
    board.add_non_negotiable(
        fresh_ws, meeting_id=session.meeting_id, text="Services follow the data",
        basis="34 CFR 300.324(a)", held_by=HeldBy.SCHOOL,
    )  # fmt: skip
    board.add_non_negotiable(
        fresh_ws, meeting_id=session.meeting_id, text="No private placement", basis="Policy",
        held_by=HeldBy.SCHOOL, team_only=True,
    )  # fmt: skip
    concern = board.add_concern(
        fresh_ws, meeting_id=session.meeting_id, text="Homework takes hours"
    )
    board.add_solution(
        fresh_ws, meeting_id=session.meeting_id, text="A homework plan",
        addresses=[ConcernId(concern.created_id or 0)],
    )  # fmt: skip
    return session


@pytest.mark.parametrize("name", FACTORIES)
def test_every_prepare_model_passes_the_model_tester(
    qtmodeltester: ModelTester, next_meeting: Session, owner: QObject, name: str
) -> None:
    model = FACTORIES[name](next_meeting, owner)
    model.reload()
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    model.reload()
    qtmodeltester.check(model)


def test_prepare_models_are_empty_without_a_meeting(
    qtmodeltester: ModelTester, fresh_ws: Workspace, owner: QObject
) -> None:
    session = Session(fresh_ws)
    for factory in FACTORIES.values():
        model = factory(session, owner)
        model.reload()
        assert model.rowCount() == 0
        qtmodeltester.check(model)


def test_an_agenda_item_dropped_lower_down_lands_where_it_was_dropped(
    next_meeting: Session, owner: QObject
) -> None:
    ws, meeting_id = next_meeting.ws, next_meeting.require_meeting()
    meetings.add_agenda_item(ws, meeting_id=meeting_id, item=meetings.NewAgendaItem("Close", 5))
    model = AgendaEditorModel(next_meeting, owner)
    next_meeting.changed.connect(lambda _change: model.reload())
    model.reload()

    def titles() -> list[str]:
        return [str(row["title"]) for row in model.rows()]

    assert titles() == ["Welcome", "Reading", "Close"]
    data = model.mimeData([model.index(0, 1)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    # Dropped below the last row (after "Close"): the first item goes to the end.
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert titles() == ["Reading", "Close", "Welcome"]
    # Dropped onto the first item: it takes that item's place.
    data = model.mimeData([model.index(2, 1)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index(0, 0))
    assert titles() == ["Welcome", "Reading", "Close"]
    assert not model.removeRows(0, 1)


def test_roster_edits_become_operations_and_a_new_role_brings_its_side(
    next_meeting: Session, owner: QObject
) -> None:
    model = RosterModel(next_meeting, owner)
    next_meeting.changed.connect(lambda _change: model.reload())
    model.reload()
    first = model.row_at(0)
    assert first is not None and first["role"] == "parent" and first["side"] == "family"
    assert model.setData(model.index(0, RosterModel.ROLE), "advocate")
    assert model.row_at(0)["side"] == "family"  # type: ignore[index]
    assert model.setData(model.index(0, RosterModel.ROLE), "special_ed_teacher")
    assert model.row_at(0)["side"] == "school"  # type: ignore[index]
    assert model.setData(model.index(0, RosterModel.KEY), "z")
    assert model.data(model.index(0, RosterModel.KEY)) == "Z"
    taken = model.row_at(1)["hotkey"]  # type: ignore[index]
    errors: list[str] = []
    next_meeting.error.connect(errors.append)
    assert not model.setData(model.index(0, RosterModel.KEY), taken)
    assert errors and "already belongs to" in errors[0]
    assert model.setData(model.index(0, RosterModel.ATTENDANCE), "excused")
    assert model.data(model.index(0, RosterModel.ATTENDANCE)) == "Excused"
