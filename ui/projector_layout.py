"""How the projector's sections share its screen: side by side in as many columns as the width
holds, at the largest type that lets every line show whole.

The room cannot scroll, so nothing goes behind a scroll bar. Each section keeps a column to
itself where it can; a section taller than its column goes on at the top of the next one (between
two lines, never mid-sentence) rather than the type getting smaller. When the sections still do
not fit, the type gets a step smaller, down to a floor (`FLOOR` of the projector's size at 100%
text, still larger than the facilitator's own text); past that, the longest lists end in a line
saying how many more there are, and the agenda keeps its current item in view. On a screen
taller than a laptop's, the type grows with it (up to `LARGEST`), so the room reads it at the
same size.

Pure layout: fonts and text in, rectangles and lines out (no widgets), so a test can check the
arithmetic at any screen size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations, pairwise

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF

from ui.models.lines import Line, LineKind

# Sizes are times the projector's own text size (at the facilitator's text size).
LARGEST = 1.4  # on a screen taller than a laptop's, the type grows with it up to this
FLOOR = 0.7  # at 100% text: 1.26 times the window's own text, still read across a room
STEP = 0.94  # each step smaller by this: the type as large as the screen allows
LAPTOP_HEIGHT = 768  # the height the projector's own size is made for
COLUMN_CHARS = 26  # a column is never narrower than about this many characters
TEXT_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
PAD = 3  # pixels left and right of a line's text
GAP = 2  # pixels between two lines (the text's own leading aside)
_SLACK = 2  # pixels under each list, against rounding between measuring and painting
# Heights measured: the layout is tried at several sizes, every time a line changes.
_HEIGHTS: dict[tuple[str, str, int], int] = {}


@dataclass(frozen=True)
class Section:
    """One list the room sees: its heading and lines; `keep` is the line that must stay in view
    when the list is cut (the agenda's current item); a `spare` list is the first cut (the talk
    times: what the room is working on comes first)."""

    key: str
    heading: str
    lines: list[Line]
    keep: int | None = None
    spare: bool = False


@dataclass(frozen=True)
class Placed:
    """A section, or the part of it that goes in one column: its heading ("… (continued)" over
    a later part) and where it goes, where its lines go (`listed`), and the lines shown there."""

    key: str
    title: str
    heading: QRect
    listed: QRect
    lines: list[Line]


@dataclass(frozen=True)
class Arrangement:
    """Every section placed, in reading order; `step` is the type size used (times the
    projector's own), `cut` says whether some list ends in "… more" (only at the floor)."""

    step: float
    font: QFont
    heading_font: QFont
    columns: int
    placed: list[Placed]
    cut: bool


def growth(height: int) -> float:
    """How much larger than its own size the type may be on a screen `height` pixels tall."""
    return max(1.0, min(LARGEST, height / LAPTOP_HEIGHT))


def floor(percent: int) -> float:
    """The smallest the type gets, times the projector's size at `percent` text size: the same
    size on the wall whatever text size the facilitator chose (smaller if they chose less)."""
    return FLOOR * min(1.0, 100 / percent)


def steps(largest: float, smallest: float) -> list[float]:
    """From `largest` down to `smallest`, each a step smaller than the one before."""
    sizes = []
    size = largest
    while size > smallest + 1e-9:
        sizes.append(size)
        size *= STEP
    return [*sizes, smallest]


def continued(section: Section) -> str:
    """The heading over the part of a section that goes on in the next column."""
    return f"{section.heading} (continued)"


def scaled(font: QFont, step: float) -> QFont:
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * step)
    return larger


def heading_font(font: QFont) -> QFont:
    heading = QFont(font)
    heading.setBold(True)
    heading.setUnderline(True)
    return heading


def line_font(font: QFont, line: Line) -> QFont:
    """Headings and the current line bold, as `LinesModel` marks them."""
    if line.kind is LineKind.ITEM:
        return font
    emphasis = QFont(font)
    emphasis.setBold(True)
    return emphasis


def text_height(text: str, font: QFont, width: int) -> int:
    """The height of `text` wrapped to `width` pixels, with the line's padding: what the
    projector's delegate paints it in."""
    key = (text, font.key(), width)
    height = _HEIGHTS.get(key)
    if height is None:
        if len(_HEIGHTS) > 20_000:  # texts of meetings long gone
            _HEIGHTS.clear()
        bounds = QRect(0, 0, max(1, width - 2 * PAD), 1_000_000)
        height = QFontMetrics(font).boundingRect(bounds, TEXT_FLAGS, text).height() + GAP
        _HEIGHTS[key] = height
    return height


def lines_height(lines: Sequence[Line], font: QFont, width: int) -> int:
    if not lines:
        return 0
    return sum(text_height(line.text, line_font(font, line), width) for line in lines) + _SLACK


def arrange(
    sections: Sequence[Section],
    width: int,
    height: int,
    font: QFont,
    *,
    largest: float = 1.0,
    smallest: float = FLOOR,
) -> Arrangement:
    """Place `sections` in a `width` x `height` area at the largest size of `font` from `largest`
    to `smallest` times it at which every line fits: each section in a column of its own if it
    can, else going on in the next column; at `smallest`, with the longest lists cut."""
    sizes = steps(largest, min(smallest, largest))
    for size in sizes:
        found = _fitted(sections, width, height, scaled(font, size), size)
        if found is not None:
            return found
    return _cut(sections, width, height, scaled(font, sizes[-1]), sizes[-1])


def _fitted(
    sections: Sequence[Section],
    width: int,
    height: int,
    font: QFont,
    size: float,
    *,
    cut: bool = False,
) -> Arrangement | None:
    """Each run of sections in a column of its own (no more columns than sections) if they fit
    so, else going on from column to column (as many as the width holds) if they fit so."""
    most = _columns(width, font)
    whole = _Trial(sections, width, height, font, min(most, len(sections)))
    if whole.tallest() <= height:
        return whole.whole(size, cut=cut)
    flowing = whole if whole.columns == most else _Trial(sections, width, height, font, most)
    return flowing.flowing(size, cut=cut)


def _columns(width: int, font: QFont) -> int:
    """As many columns as the width holds, none narrower than `COLUMN_CHARS` characters."""
    metrics = QFontMetricsF(font)
    narrowest = COLUMN_CHARS * metrics.averageCharWidth()
    return max(1, int((width + _gap(font)) // (narrowest + _gap(font))))


def _gap(font: QFont) -> int:
    """Between two columns, and between two sections of a column."""
    return round(QFontMetricsF(font).height() * 0.8)


def _cut(
    sections: Sequence[Section], width: int, height: int, font: QFont, step: float
) -> Arrangement:
    """At the floor: the longest list loses a line (said in "… and 3 more") until everything
    fits; a spare list first; the agenda never its current item."""
    shown = list(sections)
    spent: set[int] = set()  # sections that cannot be any shorter
    while True:
        found = _fitted(shown, width, height, font, step, cut=True)
        if found is not None:
            return found
        trial = _Trial(shown, width, height, font, min(_columns(width, font), len(shown)))
        left = [i for i in range(len(shown)) if i not in spent]
        if not left:
            return trial.whole(step, cut=True)  # no shorter: the foot of a column is not seen
        spare = [i for i in left if sections[i].spare]
        longest = max(spare or left, key=lambda i: trial.lists[i])
        # Half of what does not fit at all at a time (a line at least): a few tries, not one a line.
        over = max(1, (trial.needed() - trial.columns * height) // 2)
        lines = trim(sections[longest], trial.lists[longest] - over, font, trial.width)
        if lines_height(lines, font, trial.width) >= trial.lists[longest]:
            spent.add(longest)
        else:
            shown[longest] = replace(shown[longest], lines=lines, keep=None)


def trim(section: Section, room: int, font: QFont, width: int) -> list[Line]:
    """The lines of `section` that fit in `room` pixels at `width`, the rest said in a line of
    their own: the kept line and those after it first (what comes next), then those before it.
    The kept line (or the first) shows even when it does not fit."""
    lines = section.lines
    first = last = section.keep if section.keep is not None else 0

    def window(first: int, last: int) -> list[Line]:
        shown = list(lines[first : last + 1])
        if first > 0:
            shown.insert(0, Line(f"… {first} earlier not shown"))
        if last < len(lines) - 1:
            shown.append(Line(f"… and {len(lines) - 1 - last} more not shown"))
        return shown

    def fits(shown: list[Line]) -> bool:
        return lines_height(shown, font, width) <= room

    while last + 1 < len(lines) and fits(window(first, last + 1)):
        last += 1
    while first > 0 and fits(window(first - 1, last)):
        first -= 1
    return window(first, last)


class _Trial:
    """The sections at one type size in `columns` columns, all equally wide."""

    def __init__(
        self, sections: Sequence[Section], width: int, height: int, font: QFont, columns: int
    ) -> None:
        self.sections = list(sections)
        self.height = height
        self.font = font
        self.heading_font = heading_font(font)
        self.gap = _gap(font)
        self.columns = max(1, columns)
        self.width = max(1, (width - self.gap * (self.columns - 1)) // self.columns)
        self.headings = [self._heading_height(s.heading) for s in self.sections]
        self.continued = [self._heading_height(continued(s)) for s in self.sections]
        self.line_heights = [
            [text_height(line.text, line_font(font, line), self.width) for line in s.lines]
            for s in self.sections
        ]
        self.lists = [sum(h) + _SLACK if h else 0 for h in self.line_heights]
        self.groups = self._share()

    def _heading_height(self, text: str) -> int:
        bounds = QRect(0, 0, self.width, 1_000_000)
        metrics = QFontMetrics(self.heading_font)
        return metrics.boundingRect(bounds, TEXT_FLAGS, text).height()

    def _x(self, column: int) -> int:
        return column * (self.width + self.gap)

    def _column_height(self, members: Sequence[int]) -> int:
        sizes = sum(self.headings[i] + self.lists[i] for i in members)
        return sizes + self.gap * max(0, len(members) - 1)

    def _share(self) -> list[list[int]]:
        """Cut the sections, in order, into `columns` runs; the tallest run as short as possible
        (at most six sections: every way of cutting is tried)."""
        count = len(self.sections)
        ways = []
        for cuts in combinations(range(1, count), min(self.columns, max(count, 1)) - 1):
            edges = (0, *cuts, count)
            ways.append([list(range(a, b)) for a, b in pairwise(edges)])
        return min(ways, key=lambda groups: max(self._column_height(g) for g in groups))

    def needed(self) -> int:
        """The height of every section one under the other."""
        return self._column_height(range(len(self.sections)))

    def tallest(self) -> int:
        return max((self._column_height(g) for g in self.groups), default=0)

    # -- a column to each run of sections ------------------------------------------------------

    def whole(self, step: float, *, cut: bool = False) -> Arrangement:
        placed: list[Placed] = []
        for column, members in enumerate(self.groups):
            x, y = self._x(column), 0
            for i in members:
                section = self.sections[i]
                heading = QRect(x, y, self.width, self.headings[i])
                listed = QRect(x, heading.bottom() + 1, self.width, self.lists[i])
                placed.append(Placed(section.key, section.heading, heading, listed, section.lines))
                y = listed.bottom() + 1 + self.gap
        return Arrangement(step, self.font, self.heading_font, self.columns, placed, cut)

    # -- sections going on in the next column ---------------------------------------------------

    def flowing(self, step: float, *, cut: bool = False) -> Arrangement | None:
        """The sections poured into the columns in order, a section going on at the top of the
        next column between two of its lines (a heading never alone at a column's foot); the
        columns as short as they can be. None when they do not fit in `columns` columns."""
        if self._pour(self.height) is None:
            return None
        low, high = 1, self.height  # the shortest height at which they fit: balanced columns
        while low < high:
            middle = (low + high) // 2
            if self._pour(middle) is None:
                low = middle + 1
            else:
                high = middle
        pieces = self._pour(high)
        assert pieces is not None
        placed = []
        for column, i, first, last, y in pieces:
            section = self.sections[i]
            title = section.heading if first == 0 else continued(section)
            heading = QRect(self._x(column), y, self.width, self._heading_height(title))
            height = sum(self.line_heights[i][first:last]) + _SLACK
            listed = QRect(heading.left(), heading.bottom() + 1, self.width, height)
            placed.append(Placed(section.key, title, heading, listed, section.lines[first:last]))
        return Arrangement(step, self.font, self.heading_font, self.columns, placed, cut)

    def _pour(self, height: int) -> list[tuple[int, int, int, int, int]] | None:
        """(column, section, first line, the line after its last, top) of each part, or None
        when the parts need more than `columns` columns of `height`. A part has two lines at
        least where the section has them (no line alone at the top of a column), and never ends in
        a heading of its own lines."""
        pieces = []
        column, y = 0, 0
        for i, heights in enumerate(self.line_heights):
            lines = self.sections[i].lines
            top = y + self.gap if y else 0
            first_lines = sum(heights[:2]) + _SLACK if heights else 0
            if y and top + self.headings[i] + first_lines > height:
                column, top = column + 1, 0  # a heading goes with its first two lines
            start, n, y = 0, 0, top + self.headings[i]
            while n < len(heights):
                if y + heights[n] + _SLACK > height and n > start:
                    cut = n - 1 if len(heights) - n < 2 and n - 1 > start else n
                    while cut - 1 > start and lines[cut - 1].kind is LineKind.HEADING:
                        cut -= 1  # a group's heading ("School") goes on with its items
                    pieces.append((column, i, start, cut, top))
                    column, top, start, n = column + 1, 0, cut, cut
                    y = self.continued[i]
                    continue
                y += heights[n]
                n += 1
            y += _SLACK if heights else 0
            pieces.append((column, i, start, len(heights), top))
            if column >= self.columns:
                return None
        return pieces
