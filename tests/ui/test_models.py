"""Every item model passes Qt's model tester, loaded with a real meeting."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest
from PySide6.QtCore import QObject, Qt
from pytestqt.modeltest import ModelTester

from facilitator.demo import create_demo
from facilitator.model import ConcernStatus, HeldBy
from facilitator.store import Workspace
from ui.models.agenda import AgendaModel
from ui.models.board_items import (
    ActionsModel,
    AgreementsModel,
    NonNegotiablesModel,
    NotesModel,
    SolutionsModel,
)
from ui.models.concerns import ConcernColumnModel
from ui.models.lines import Line, LineKind, LinesModel
from ui.models.meetings import MeetingsListModel
from ui.models.rows import RowsModel
from ui.models.speakers import HandsModel, SpeakersModel
from ui.session import Session


def _column(session: Session, parent: QObject, *, status: ConcernStatus) -> RowsModel:
    return ConcernColumnModel(session, status, parent)


Factory = Callable[[Session, QObject], RowsModel]
FACTORIES: dict[str, Factory] = {
    "speakers": SpeakersModel,
    "hands": HandsModel,
    "agenda": AgendaModel,
    **{
        f"concerns {status.value}": partial(_column, status=status)  # type: ignore[dict-item]
        for status in ConcernStatus
    },
    "school non-negotiables": lambda s, p: NonNegotiablesModel(s, HeldBy.SCHOOL, p),
    "family non-negotiables": lambda s, p: NonNegotiablesModel(s, HeldBy.FAMILY, p),
    "options": SolutionsModel,
    "agreements": AgreementsModel,
    "actions": ActionsModel,
    "notes": NotesModel,
    "meetings": MeetingsListModel,
}


@pytest.fixture
def demo_session(fresh_ws: Workspace) -> Session:
    session = Session(fresh_ws)
    session.meeting_id = create_demo(fresh_ws)
    return session


@pytest.mark.parametrize("name", FACTORIES)
def test_every_model_passes_the_model_tester(
    qtmodeltester: ModelTester, demo_session: Session, owner: QObject, name: str
) -> None:
    model = FACTORIES[name](demo_session, owner)
    model.reload()
    assert model.rowCount() > 0 or isinstance(model, HandsModel)
    qtmodeltester.check(model)
    model.reload()  # a reload with the same rows only repaints
    qtmodeltester.check(model)


def test_models_are_empty_without_a_meeting(
    qtmodeltester: ModelTester, fresh_ws: Workspace, owner: QObject
) -> None:
    session = Session(fresh_ws)
    for name, factory in FACTORIES.items():
        if name == "meetings":
            continue
        model = factory(session, owner)
        model.reload()
        assert model.rowCount() == 0
        qtmodeltester.check(model)


def test_the_lines_model_passes_the_model_tester(
    qtmodeltester: ModelTester, owner: QObject
) -> None:
    model = LinesModel(owner)
    model.set_lines(
        [Line("Raised (1)", LineKind.HEADING), Line("• Reading"), Line("over", LineKind.WARNING)]
    )
    qtmodeltester.check(model)
    model.set_lines([Line("changed", LineKind.CURRENT)])
    qtmodeltester.check(model)


def test_an_ended_meeting_shows_nobody_speaking(demo_session: Session, owner: QObject) -> None:
    from facilitator import live
    from facilitator.model import MeetingId

    ws = demo_session.ws
    assert demo_session.meeting_id is not None
    model = SpeakersModel(demo_session, owner)
    model.reload()
    texts = [model.data(model.index(r, 6)) for r in range(model.rowCount())]
    # The sample meeting has ended: nobody speaks, and nobody is shown speaking.
    assert not any("speaking" in (t or "") for t in texts)
    assert live.current_speaker_id(ws, MeetingId(demo_session.meeting_id)) is None


def test_cells_of_wrapped_rows_start_at_the_top(demo_session: Session, owner: QObject) -> None:
    """An option's row can be taller than its table at large text: its number, concerns and
    status sit beside the first line of its text, not in the middle, out of sight. Single-line
    rows (the tracker) stay centred, numbers right-aligned."""
    options, speakers = SolutionsModel(demo_session, owner), SpeakersModel(demo_session, owner)
    options.reload()
    speakers.reload()
    role = Qt.ItemDataRole.TextAlignmentRole
    top_left = int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    assert {options.index(0, column).data(role) for column in range(5)} == {top_left}
    right_middle = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert speakers.index(0, 3).data(role) == right_middle  # talk time
    assert speakers.index(0, 1).data(role) is None  # the name: Qt's own, centred


def test_an_action_item_without_owner_or_date_says_so_and_edits_from_empty(
    demo_session: Session, owner: QObject
) -> None:
    """The district review: an action without an owner or a date was a blank cell."""
    from facilitator import board
    from ui.marks import NO_DATE, NOT_ASSIGNED

    ws, meeting_id = demo_session.ws, demo_session.require_meeting()
    board.add_action_item(ws, meeting_id=meeting_id, text="Find a tutor")
    model = ActionsModel(demo_session, owner)
    model.reload()
    last = model.rowCount() - 1
    who, by = model.index(last, 1), model.index(last, 2)
    assert (who.data(), by.data()) == (NOT_ASSIGNED, NO_DATE)
    assert who.data(Qt.ItemDataRole.FontRole).italic()
    assert (who.data(Qt.ItemDataRole.EditRole), by.data(Qt.ItemDataRole.EditRole)) == ("", "")
    assigned = model.index(0, 1)
    assert (
        assigned.data() not in ("", NOT_ASSIGNED)
        and assigned.data(Qt.ItemDataRole.FontRole) is None
    )
