"""The projector fits the room's screen: every shared line shows whole, across the whole width,
at the largest type that lets it (never below a floor that is still large); past that, a list
says how many lines it cannot show, and the agenda's current item stays in view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QListView, QWidget
from pytestqt.qtbot import QtBot

from facilitator import board, live
from facilitator.model import HeldBy, MeetingId, SolutionStatus
from facilitator.store import Workspace
from tests.ui.conftest import people
from ui.main_window import MainWindow
from ui.projector import PROJECTOR_SCALE, ProjectorWindow
from ui.projector_layout import FLOOR

SIZES = [QSize(1024, 700), QSize(1366, 768), QSize(1920, 1080)]
OPTIONS = [
    "Push-in reading support in class, 30 minutes daily, with the reading specialist",
    "Pull-out reading group, 45 minutes daily, three times a week at the end of the day",
    "Bilingual home-school notebook every Friday, in Spanish and English",
]
LIMITS = [
    ("Services follow current evaluation data", "34 CFR 300.324(a)", HeldBy.SCHOOL),
    ("Placement in the least restrictive environment", "34 CFR 300.114", HeldBy.SCHOOL),
    ("Maya stays with her class for reading", "Her friendships", HeldBy.FAMILY),
    ("Written updates in Spanish every two weeks", "34 CFR 300.503(c)", HeldBy.FAMILY),
]
CONCERNS = [
    "Reading fluency is two grade levels below her class",
    "Leaving class for pull-out makes Maya anxious",
    "Homework takes over two hours a night",
    "Home and school do not hear from each other often enough",
]


def under_way(ws: Workspace, meeting_id: MeetingId) -> None:
    """The planned meeting live on its second item, with three shared options (one not agreed,
    with its reason), four concerns, four non-negotiables and an agreement."""
    ids = people(ws, meeting_id)
    live.start_meeting(ws, meeting_id=meeting_id)
    live.switch_speaker(ws, meeting_id=meeting_id, participant_id=ids["Ana"])
    live.next_item(ws, meeting_id=meeting_id)
    for text in CONCERNS:
        board.add_concern(ws, meeting_id=meeting_id, text=text)
    for text, basis, held_by in LIMITS:
        board.add_non_negotiable(ws, meeting_id=meeting_id, text=text, basis=basis, held_by=held_by)
    for text in OPTIONS:
        board.add_solution(ws, meeting_id=meeting_id, text=text)
    second = ws.scalar("SELECT id FROM solutions WHERE text = ?", (OPTIONS[1],))
    board.decide_solution(
        ws, solution_id=second, status=SolutionStatus.NOT_AGREED,
        reason="Leaving class raises Maya's anxiety",
    )  # fmt: skip
    board.add_agreement(ws, meeting_id=meeting_id, text="A bilingual notebook goes home Fridays")


def on_screen(
    window: MainWindow, qtbot: QtBot, size: QSize, *, talk: bool = False
) -> ProjectorWindow:
    window.settings.update(projector_talk_times=talk)
    window.toggle_projector()
    projector = window.projector
    qtbot.waitUntil(projector.isVisible)
    projector.resize(size)
    qtbot.waitUntil(lambda: projector.size() == size)
    area = projector.findChild(QWidget, "projector_area")
    if area is not None:  # laid out to the window's foot (on one screen: to the way back)
        way_back = projector.findChild(QLabel, "ProjectorWayBack")
        qtbot.waitUntil(
            lambda: area.geometry().bottom()
            == (size.height() - 17 if way_back is None or way_back.isHidden()
                else way_back.geometry().top() - 7)
        )  # fmt: skip
    window.session.tick.emit()
    return projector


def in_window(widget: QWidget, projector: QWidget) -> QRect:
    return QRect(widget.mapTo(projector, QPoint(0, 0)), widget.size())


def unreadable(projector: QWidget) -> list[str]:
    """Lines the room cannot read whole: rows of a list outside its view or the window, or
    taller in their font than the room the row has."""
    found = []
    for view in projector.findChildren(QListView):
        if not view.isVisible():
            continue
        model = view.model()
        viewport = view.viewport()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            text = str(model.data(index))
            rect = view.visualRect(index)
            font = QFont(view.font())
            font.setBold(model.data(index, Qt.ItemDataRole.FontRole) is not None)
            wrapped = QFontMetrics(font).boundingRect(
                QRect(0, 0, rect.width() - 6, 10_000), Qt.TextFlag.TextWordWrap, text
            )
            outside = not viewport.rect().contains(rect) or not projector.rect().contains(
                in_window(viewport, projector).topLeft() + rect.bottomRight()
            )
            if outside or wrapped.height() > rect.height():
                found.append(text)
    return found


def readable_text(projector: QWidget) -> str:
    lines = []
    for view in projector.findChildren(QListView):
        if view.isVisible():
            model = view.model()
            lines += [str(model.data(model.index(row, 0))) for row in range(model.rowCount())]
    return "\n".join(lines)


def shown_parts(projector: QWidget) -> list[QRect]:
    """Where the lists and their headings are (not the title, the current item and the clock
    above them)."""
    headings = projector.findChildren(QLabel, "ProjectorHeading")
    return [
        in_window(widget, projector)
        for widget in (*projector.findChildren(QListView), *headings)
        if widget.isVisible()
    ]


@pytest.mark.parametrize("talk", [False, True], ids=["talk times off", "talk times on"])
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size.width()}x{size.height()}")
def test_every_shared_line_shows_whole_across_the_whole_width(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, size: QSize, talk: bool
) -> None:
    """At 1024x700 the options and non-negotiables were cut off behind scroll bars nobody in the
    room can use (the third option out of sight), and without talk times a quarter to a third of
    the width stayed empty."""
    under_way(window.session.ws, planned)
    window.open_meeting(planned)
    projector = on_screen(window, qtbot, size, talk=talk)
    assert unreadable(projector) == []
    shown = readable_text(projector)
    for text in [*OPTIONS, *CONCERNS, *(text for text, _, _ in LIMITS)]:
        assert text in shown
    assert "why: Leaving class raises Maya's anxiety" in shown
    assert "▶ 2. Family's hopes and concerns (15 min)" in shown  # the agenda, where it is
    assert ("Ana Rodríguez:" in shown) is talk
    parts = shown_parts(projector)
    right = max(part.right() for part in parts)
    assert right >= size.width() - 24 - 12  # the last column ends at the right margin
    assert min(part.left() for part in parts) == 24
    nominal = window.font().pointSizeF() * PROJECTOR_SCALE
    for view in projector.findChildren(QListView):
        assert view.font().pointSizeF() >= nominal * FLOOR - 0.01


def test_the_type_grows_on_a_screen_taller_than_a_laptops(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    under_way(window.session.ws, planned)
    window.open_meeting(planned)
    projector = on_screen(window, qtbot, QSize(1366, 768))
    laptop = projector.views["agenda"].font().pointSizeF()
    projector.resize(1920, 1080)
    qtbot.waitUntil(lambda: projector.views["agenda"].font().pointSizeF() > laptop)
    assert unreadable(projector) == []
    assert projector.now.font().pointSizeF() > projector.views["agenda"].font().pointSizeF()


def test_a_full_board_takes_a_smaller_type_before_anything_is_cut(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    ws = window.session.ws
    under_way(ws, planned)
    for number in range(8):
        board.add_concern(ws, meeting_id=planned, text=f"Concern {number} raised by the family")
    window.open_meeting(planned)
    projector = on_screen(window, qtbot, QSize(1024, 700))
    arrangement = projector.arrangement
    assert arrangement is not None
    assert FLOOR <= arrangement.step < 1.0 and not arrangement.cut
    assert unreadable(projector) == []
    assert "more not shown" not in readable_text(projector)


def test_past_the_floor_a_list_says_how_many_more_and_the_agenda_keeps_its_place(
    qtbot: QtBot, window: MainWindow, planned: MeetingId
) -> None:
    ws = window.session.ws
    under_way(ws, planned)
    for number in range(60):
        board.add_concern(
            ws, meeting_id=planned, text=f"Concern {number}: a worry the family wrote down"
        )
    window.open_meeting(planned)
    projector = on_screen(window, qtbot, QSize(1024, 700))
    arrangement = projector.arrangement
    assert arrangement is not None and arrangement.cut and arrangement.step == FLOOR
    assert unreadable(projector) == []
    shown = readable_text(projector)
    assert "▶ 2. Family's hopes and concerns (15 min)" in shown
    assert projector.now.isVisible() and projector.clock.isVisible()
    concerns = [
        view.model().data(view.model().index(row, 0))
        for view in projector.shown("concerns")
        for row in range(view.model().rowCount())
    ]
    # "Raised (64)", 64 concerns, "Discussing (0)": what is not shown is counted in words.
    assert concerns[0] == "Raised (64)" and concerns[-1].startswith("… and ")
    assert concerns[-1] == f"… and {66 - (len(concerns) - 1)} more not shown"
    assert sum("more not shown" in line for line in shown.splitlines()) == 1
    for text in OPTIONS:  # the short lists stay whole
        assert text in shown
