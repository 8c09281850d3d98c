"""Prepare mode: the meeting's purpose, desired outcomes and ground rules are read and edited from
the keyboard; each is stored as typed when the keyboard leaves its field, one step for Ctrl+Z."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from facilitator.model import CaseId, MeetingId
from facilitator.preparation import meeting_from_template
from facilitator.store import Workspace
from facilitator.templates import find_template
from tests.ui.conftest import make_window
from tests.ui.keys import CTRL, SHIFT, press, type_text
from tests.ui.test_prepare_keys import preparing
from ui.main_window import MainWindow
from ui.prepare.purpose import PurposeAndOutcomes
from ui.settings import SettingsStore

K = Qt.Key
COLUMNS = ["purpose", "desired_outcomes", "ground_rules"]


def opened(window: MainWindow, qtbot: QtBot) -> PurposeAndOutcomes:
    """The purpose and outcomes opened from the keyboard (Space on their line)."""
    section = window.prepare.view.purpose
    assert not section.body.isVisible()
    section.toggle.setFocus()
    press(qtbot, window, K.Key_Space)
    assert section.body.isVisible() and section.toggle.isChecked()
    return section


def stored(window: MainWindow, column: str) -> str:
    meeting = window.session.meeting()
    assert meeting is not None
    return str(meeting[column])


@pytest.mark.parametrize("column", COLUMNS)
def test_each_field_is_stored_as_typed_when_the_keyboard_leaves_it_and_ctrl_z_undoes_it(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, column: str
) -> None:
    w = preparing(window, planned, qtbot)
    section = opened(w, qtbot)
    field = section.fields[column]
    before = stored(w, column)
    field.setFocus()
    field.selectAll()
    type_text(qtbot, w, "  Everyone is heard ")
    press(qtbot, w, K.Key_Return)  # a new line, not a way out
    type_text(qtbot, w, "Decisions\u00a0are written down")
    assert field.hasFocus()
    assert stored(w, column) == before  # nothing is stored key by key
    press(qtbot, w, K.Key_Tab)
    assert not field.hasFocus()
    typed = "  Everyone is heard \nDecisions\u00a0are written down"
    assert stored(w, column) == typed  # as typed: the core does the cleaning
    assert field.text() == typed

    section.toggle.setFocus()
    press(qtbot, w, K.Key_Z, CTRL)
    assert stored(w, column) == before
    assert field.text() == before
    press(qtbot, w, K.Key_Z, CTRL | SHIFT)
    assert stored(w, column) == typed


def test_leaving_a_field_unchanged_adds_no_step_to_undo(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = preparing(window, planned, qtbot)
    section = opened(w, qtbot)
    section.purpose.setFocus()
    press(qtbot, w, K.Key_Tab)
    assert w.session.undo_stack.count() == 0


def test_tab_leaves_each_field_for_the_next_and_shift_tab_comes_back(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = preparing(window, planned, qtbot)
    section = opened(w, qtbot)
    press(qtbot, w, K.Key_Tab)
    order = []
    for _ in range(4):
        order.append(QApplication.focusWidget())
        press(qtbot, w, K.Key_Tab)
    assert order[:3] == [section.purpose, section.desired_outcomes, section.ground_rules]
    assert order[3] is w.prepare.view.details.title
    press(qtbot, w, K.Key_Backtab, SHIFT)
    press(qtbot, w, K.Key_Backtab, SHIFT)
    assert section.ground_rules.hasFocus()
    assert section.ground_rules.toPlainText() == ""  # Tab moved on, it typed nothing


def test_each_field_has_a_name_and_a_visible_label_that_is_its_buddy(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    w = preparing(window, planned, qtbot)
    section = opened(w, qtbot)
    names = {field.accessibleName() for field in section.fields.values()}
    assert names == {"Purpose", "Desired outcomes", "Ground rules"}
    labels = {label.buddy(): label for label in section.findChildren(QLabel) if label.buddy()}
    for field in section.fields.values():
        assert labels[field].isVisible()
        assert labels[field].text().startswith(field.accessibleName())
    press(qtbot, w, K.Key_Space)  # closed again
    assert not section.body.isVisible()


def test_a_templates_words_show_when_a_meeting_from_it_is_opened(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    ws = window.session.ws
    template = find_template("facilitated_iep_meeting")
    case_id = CaseId(ws.scalar("SELECT case_id FROM meetings WHERE id = ?", (planned,)))
    from_template = MeetingId(
        meeting_from_template(ws, case_id=case_id, template=template).created_id or 0
    )
    w = preparing(window, from_template, qtbot)
    section = opened(w, qtbot)
    assert section.purpose.text() == template.purpose.strip()
    assert section.desired_outcomes.text().splitlines() == list(template.desired_outcomes)
    assert section.ground_rules.text().splitlines() == list(template.ground_rules)
    outcomes, rules = len(template.desired_outcomes), len(template.ground_rules)
    assert section.summary.text() == f"{outcomes} outcomes, {rules} ground rules"
    # The planned meeting has none: the fields show that meeting's (empty) words, not these.
    w.open_meeting(planned)
    assert [field.text() for field in section.fields.values()] == ["", "", ""]
    assert section.summary.text() == "no purpose yet, 0 outcomes, 0 ground rules"


def test_an_edit_the_store_refuses_shows_what_it_still_holds(
    qtbot: QtBot, fresh_ws: Workspace, db_path: Path, planned: MeetingId, settings: SettingsStore
) -> None:
    """A window that only looks on (another one records) cannot write: the field goes back."""
    with Workspace.open(db_path, read_only=True) as read_only:
        w = make_window(qtbot, read_only, settings)
        w.show()
        qtbot.waitExposed(w)
        w = preparing(w, planned, qtbot)
        section = opened(w, qtbot)
        field = section.desired_outcomes
        field.setFocus()
        type_text(qtbot, w, "A plan the family agrees with")
        press(qtbot, w, K.Key_Tab)
        assert stored(w, "desired_outcomes") == ""
        assert field.text() == ""
        assert w.statusBar().currentMessage().startswith("⚠ not recorded:")
        w.close()
