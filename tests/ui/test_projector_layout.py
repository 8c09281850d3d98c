"""How the projector's sections share the screen, checked on the arithmetic alone."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ui.models.lines import Line, LineKind
from ui.projector_layout import (
    FLOOR,
    LARGEST,
    Section,
    arrange,
    floor,
    growth,
    steps,
    trim,
)


@pytest.fixture
def font(qapp: QApplication) -> QFont:
    font = QFont()
    font.setPointSizeF(16)
    return font


def items(
    count: int, text: str = "A line of some length that wraps in a narrow column"
) -> list[Line]:
    return [Line(f"{number}. {text}") for number in range(1, count + 1)]


def test_sections_that_fit_get_a_column_each_at_the_projectors_own_size(font: QFont) -> None:
    sections = [Section(key, key.title(), items(3)) for key in ("agenda", "concerns", "options")]
    found = arrange(sections, 1300, 600, font)
    assert found.step == 1.0 and not found.cut and found.columns == 3
    assert [placed.title for placed in found.placed] == ["Agenda", "Concerns", "Options"]
    lefts = [placed.heading.left() for placed in found.placed]
    assert lefts[0] == 0 and lefts == sorted(set(lefts))
    assert max(placed.listed.right() for placed in found.placed) >= 1300 - 3


def test_a_section_taller_than_its_column_goes_on_in_the_next_before_the_type_shrinks(
    font: QFont,
) -> None:
    sections = [
        Section("agenda", "Agenda", items(14, "Short item"), keep=5),
        Section("agreements", "Agreements", items(1, "Short")),
    ]
    found = arrange(sections, 900, 300, font)
    assert found.step == 1.0 and not found.cut
    agenda = [placed for placed in found.placed if placed.key == "agenda"]
    assert len(agenda) > 1
    assert [part.title for part in agenda] == ["Agenda"] + ["Agenda (continued)"] * (
        len(agenda) - 1
    )
    assert [line for part in agenda for line in part.lines] == sections[0].lines  # in order
    lefts = [part.heading.left() for part in agenda]
    assert lefts == sorted(set(lefts))  # each part in the next column
    assert all(len(part.lines) >= 2 for part in agenda)  # never one line alone
    assert all(placed.listed.bottom() < 300 for placed in found.placed)


def test_a_part_never_ends_in_a_heading_of_its_own_lines(font: QFont) -> None:
    lines = [*items(5, "Short"), Line("School", LineKind.HEADING), *items(5, "Short")]
    found = arrange([Section("limits", "Non-negotiables", lines)], 600, 250, font)
    parts = [placed.lines for placed in found.placed]
    assert [line for part in parts for line in part] == lines
    assert len(parts) == 2 and parts[1][0] == Line("School", LineKind.HEADING)
    assert [placed.title for placed in found.placed] == [
        "Non-negotiables",
        "Non-negotiables (continued)",
    ]


def test_when_nothing_fits_the_type_shrinks_a_step_at_a_time_to_the_floor(font: QFont) -> None:
    sections = [Section("concerns", "Concerns", items(40))]
    found = arrange(sections, 700, 500, font)
    assert found.step == FLOOR and found.cut
    assert found.font.pointSizeF() == pytest.approx(16 * FLOOR)
    shown = [line for placed in found.placed for line in placed.lines]
    assert shown[-1].text == f"… and {40 - (len(shown) - 1)} more not shown"
    assert all(placed.listed.bottom() < 500 for placed in found.placed)


def test_the_talk_times_are_cut_before_what_the_room_works_on(font: QFont) -> None:
    sections = [
        Section("options", "Options", items(14)),
        Section("talk", "Talk time", items(14, "Someone: 1:00 (5%)"), spare=True),
    ]
    found = arrange(sections, 600, 400, font)
    assert found.cut
    options = [line for placed in found.placed if placed.key == "options" for line in placed.lines]
    assert options == sections[0].lines
    shown = {placed.key: placed.lines for placed in found.placed}
    assert shown["talk"][-1].text.endswith("more not shown")


def test_a_cut_agenda_keeps_its_current_item_and_says_what_it_leaves_out(font: QFont) -> None:
    agenda = items(20)
    agenda[12] = Line("▶ 13. Services and supports (20 min)", LineKind.CURRENT)
    lines = trim(Section("agenda", "Agenda", agenda, keep=12), 200, font, 300)
    assert Line("▶ 13. Services and supports (20 min)", LineKind.CURRENT) in lines
    first, last = lines[0].text, lines[-1].text
    assert first.startswith("… ") and first.endswith(" earlier not shown")
    assert last.startswith("… and ") and last.endswith(" more not shown")
    hidden = int(first.split()[1]) + int(last.split()[2])
    assert hidden + len(lines) - 2 == 20


def test_the_type_grows_with_a_tall_screen_up_to_a_limit() -> None:
    assert growth(700) == growth(768) == 1.0
    assert growth(1080) == pytest.approx(LARGEST)
    assert growth(2160) == LARGEST
    sizes = steps(LARGEST, FLOOR)
    assert sizes[0] == LARGEST and sizes[-1] == FLOOR and sizes == sorted(sizes, reverse=True)


def test_the_floor_is_the_same_on_the_wall_whatever_the_text_size() -> None:
    assert floor(100) == FLOOR
    assert floor(200) * 2 == pytest.approx(FLOOR)
    assert floor(80) == FLOOR  # a smaller text size chosen: the floor is smaller with it
