"""The projector view: a second window for the room, in large type, with no team-only item."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import is_team_only
from facilitator.record import load_meeting
from facilitator.store import Change
from facilitator.talk_time import speaking_balance
from facilitator.timing import meeting_timing
from ui.marks import OVERRUN
from ui.models.lines import Line, LineKind, LinesModel
from ui.projector_content import Board, shared_board, shared_clock, talk_lines
from ui.projector_layout import (
    FLOOR,
    GAP,
    PAD,
    TEXT_FLAGS,
    Arrangement,
    Section,
    arrange,
    floor,
    growth,
    line_font,
    scaled,
    steps,
    text_height,
)
from ui.session import Session
from ui.settings import Settings
from ui.spoken import show_named

PROJECTOR_SCALE = 1.8  # on top of the facilitator's font scale: read from the back of the room
HEADER_SHARE = 0.3  # of the height, at most, for the title, the current item and the clock
SECTIONS = (
    ("agenda", "Agenda"),
    ("concerns", "Concerns"),
    ("options", "Options"),
    ("agreements", "Agreements"),
    ("non_negotiables", "Non-negotiables"),
    ("talk", "Talk time"),
)  # in reading order: the agenda first, top left
TITLE = "Meeting"  # what the title is, for a screen reader
TEAM_ONLY_TITLE = "A meeting of the school team: nothing of it is shown here"
WAY_BACK = "Esc or F5: back to the meeting window"
_SHARED_TABLES = frozenset(
    {"meetings", "agenda_items", "concerns", "solutions", "solution_concerns", "agreements",
     "non_negotiables"}
)  # fmt: skip


class ProjectorWindow(QWidget):
    """What the room sees. Built from `load_meeting(...).shared_only()`, so team-only items never
    reach it; talk times appear only when the facilitator turns them on. Every line shows whole,
    at the largest type that lets it (`ui.projector_layout`). Emits no signals."""

    def __init__(self, session: Session, base_font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.setObjectName("Projector")
        self.setWindowTitle("Facilitator - projector")
        self.setAccessibleName("Projector view")
        self._base_font = QFont(base_font)
        self._font = QFont(base_font)  # the projector's own text size, before it grows or shrinks
        self._growth = 1.0
        self._smallest = FLOOR
        self._show_talk = False
        self._board: Board | None = None
        self._titles: dict[int, str] = {}
        self._lines: dict[str, list[Line]] = {key: [] for key, _ in SECTIONS}
        self.arrangement: Arrangement | None = None
        # A screen reader reads what the room reads: "Meeting: <title>"; the current item and the
        # clock say what they are ("Now: …", "Meeting 12:40, …"), so they have no other name.
        self.title = QLabel()
        show_named(self.title, TITLE, "")
        self.title.setWordWrap(True)
        self.now = QLabel()
        self.now.setWordWrap(True)
        self.clock = QLabel()
        self.clock.setWordWrap(True)
        # On the facilitator's only screen (mirrored to the room) the view covers the meeting
        # window: this line says how to get back to it. It is for the facilitator, in their own
        # text size: the room's large type keeps the room's lines.
        self.way_back = QLabel(WAY_BACK)
        self.way_back.setObjectName("ProjectorWayBack")
        self.way_back.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.way_back.hide()
        # The sections are placed by hand (`_arrange`): a layout would give them its own heights.
        self.area = QWidget()
        self.area.setObjectName("projector_area")
        self.area.installEventFilter(self)  # resized: the sections are placed again
        self.models: dict[str, LinesModel] = {}  # each section's list (its first part's)
        self.views: dict[str, QListView] = {}
        self.headings: dict[str, QLabel] = {}
        # Each section's parts, column by column: more than one when it goes on in the next.
        self._parts: dict[str, list[tuple[QLabel, QListView]]] = {}
        for key, title in SECTIONS:
            label, view = self._part(title)
            self.models[key] = _model(view)
            self.views[key] = view
            self.headings[key] = label
            self._parts[key] = [(label, view)]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.now)
        layout.addWidget(self.clock)
        layout.addSpacing(6)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.way_back)
        # Black on white whatever the desktop theme: projectors wash out grey and colour.
        # (A palette, not a style sheet: a style sheet would stop the large font reaching children.)
        palette = self.palette()
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            palette.setColor(role, QColor("#ffffff"))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(role, QColor("#000000"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.set_font_scale(100)

    # -- settings ----------------------------------------------------------------------------------

    def apply(self, settings: Settings) -> None:
        self.set_font_scale(settings.font_scale)
        self.set_show_talk_times(settings.projector_talk_times)

    def set_font_scale(self, percent: int) -> None:
        self._font = QFont(self._base_font)
        self._font.setPointSizeF(self._base_font.pointSizeF() * PROJECTOR_SCALE * percent / 100)
        way_back = scaled(self._base_font, percent / 100)
        way_back.setBold(True)
        self.way_back.setFont(way_back)
        self._smallest = floor(percent)
        self._fit_type()

    def set_show_talk_times(self, show: bool) -> None:
        self._show_talk = show
        self.refresh_clock()
        self._arrange()

    def _fit_type(self) -> None:
        """The header's type: grown with a screen taller than a laptop's, and never more than
        `HEADER_SHARE` of the height (a title and the current item on two lines each, and the
        clock), so the lists keep room; then the lists' type."""
        for size in steps(self._growth, min(self._smallest, self._growth)):
            font = scaled(self._font, size)
            big = QFont(font)
            big.setPointSizeF(font.pointSizeF() * 1.4)
            big.setBold(True)
            lines = 4 * QFontMetrics(big).lineSpacing() + QFontMetrics(font).lineSpacing()
            if lines <= HEADER_SHARE * self.height():
                break
        self.setFont(font)
        self.title.setFont(big)
        self.now.setFont(big)
        self.clock.setFont(font)
        self._arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._growth = growth(self.height())
        self._fit_type()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area and event.type() == QEvent.Type.Resize:
            self._arrange()
        return False

    # -- content -----------------------------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        if change.meeting_id not in (None, self.session.meeting_id):
            return
        if change.tables & _SHARED_TABLES:
            self.reload()
        else:
            self.refresh_clock()

    def on_meeting_opened(self, meeting_id: object = None) -> None:
        self.reload()

    def reload(self) -> None:
        meeting_id = self.session.meeting_id
        whole = None if meeting_id is None else load_meeting(self.session.ws, meeting_id)
        if whole is None or is_team_only(whole.meeting):
            # A team-only meeting (an internal review, a mediation's preparation): none of it.
            self._board = None
            self._lines = {key: [] for key, _ in SECTIONS}
            show_named(self.title, TITLE, "No meeting open" if whole is None else TEAM_ONLY_TITLE)
            self.setWindowTitle("Facilitator - projector")
            self.now.clear()
            self.clock.clear()
            self._arrange()
            return
        record = whole.shared_only()
        self._titles = {i["id"]: str(i["title"]) for i in record["agenda_items"]}
        board = shared_board(record)
        self._board = board
        show_named(self.title, TITLE, board.title)
        self.setWindowTitle(f"Facilitator - projector - {board.title}")
        self._lines.update(
            concerns=board.concerns,
            options=board.options,
            agreements=board.agreements,
            non_negotiables=board.non_negotiables,
        )
        self.refresh_clock()
        self._arrange()

    def refresh_clock(self) -> None:
        meeting_id = self.session.meeting_id
        if meeting_id is None or self._board is None or not self.isVisible():
            return
        clock = shared_clock(
            meeting_timing(self.session.ws, meeting_id), self._board.shared_items, self._titles
        )
        self.now.setText(clock.now)
        _colour(self.now, OVERRUN if clock.over else None)
        self.clock.setText(clock.meeting)
        _colour(self.clock, OVERRUN if clock.meeting_over else None)
        talk = talk_lines(speaking_balance(self.session.ws, meeting_id)) if self._show_talk else []
        if (clock.agenda, talk) != (self._lines["agenda"], self._lines["talk"]):
            self._lines.update(agenda=clock.agenda, talk=talk)
            self._arrange()

    def _sections(self) -> list[Section]:
        sections = []
        for key, title in SECTIONS:
            lines = self._lines[key]
            if key == "talk" and not self._show_talk:
                continue
            keep = next((n for n, line in enumerate(lines) if line.kind is LineKind.CURRENT), None)
            heading = title if lines else f"{title}: none yet"
            agenda, talk = key == "agenda", key == "talk"
            sections.append(Section(key, heading, lines, keep if agenda else None, spare=talk))
        return sections

    def _arrange(self) -> None:
        """Place every section again, at the largest type at which all of it shows."""
        area = self.area.contentsRect()
        sections = self._sections()
        found = arrange(
            sections,
            area.width(),
            area.height(),
            self._font,
            largest=self._growth,
            smallest=self._smallest,
        )
        self.arrangement = found
        for key, title in SECTIONS:
            parts = [placed for placed in found.placed if placed.key == key]
            while len(self._parts[key]) < len(parts):
                self._parts[key].append(self._part(f"{title} (continued)"))
            for number, (label, view) in enumerate(self._parts[key]):
                part = parts[number] if number < len(parts) else None
                _model(view).set_lines(part.lines if part is not None else [])
                label.setVisible(part is not None)
                view.setVisible(part is not None and bool(part.lines))
                if part is None:
                    continue
                label.setFont(found.heading_font)
                label.setText(part.title)
                label.setGeometry(part.heading)
                view.setFont(found.font)
                view.setGeometry(part.listed)
                view.doItemsLayout()
                view.scrollToTop()

    def _part(self, title: str) -> tuple[QLabel, QListView]:
        """A heading and a list of lines that only shows: no focus, no selection, no scroll bar
        (the room cannot scroll)."""
        label = QLabel(title, self.area)
        label.setObjectName("ProjectorHeading")
        label.setWordWrap(True)
        label.hide()
        view = QListView(self.area)
        view.setModel(LinesModel(view))
        view.setAccessibleName(title)
        view.setItemDelegate(LineDelegate(view))
        view.setWordWrap(True)
        view.setUniformItemSizes(False)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for policy in (view.setHorizontalScrollBarPolicy, view.setVerticalScrollBarPolicy):
            policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setFrameShape(QListView.Shape.NoFrame)
        view.hide()
        return label, view

    def shown(self, key: str) -> list[QListView]:
        """The lists showing section `key`, column by column."""
        return [view for _, view in self._parts[key] if not view.isHidden()]

    # -- showing -----------------------------------------------------------------------------------

    def present(self, main_screen: QScreen | None) -> None:
        """Full screen on a second screen when there is one: the meeting window keeps the
        keyboard on the laptop. With one screen (mirrored to the room), full screen over the
        meeting window, with the keyboard, and a line saying that Esc or F5 goes back to it."""
        others = [s for s in QGuiApplication.screens() if s is not main_screen]
        screen = others[0] if others else main_screen
        self.way_back.setVisible(not others)
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        if not others:
            self.activateWindow()
        self.reload()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Esc, F5 or the window's close button: put away, and the keyboard back in the meeting
        window (which it covered on a single screen)."""
        self.hide()
        event.ignore()
        window = self.parentWidget()
        if window is not None:
            window.activateWindow()


def _colour(label: QLabel, colour: QColor | None) -> None:
    """Overruns are dark red on the projector (and always say "over" in words too)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour or QColor("#000000"))
    label.setPalette(palette)


class LineDelegate(QStyledItemDelegate):
    """A line wrapped to its list's width, measured and painted as `ui.projector_layout` measures
    it, so a list is exactly as tall as its lines. Emits only the delegate's own signals."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = option.widget.width() if option.widget is not None else option.rect.width()
        line = _line(index)
        return QSize(width, text_height(line.text, line_font(option.font, line), width))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        line = _line(index)
        painter.save()
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if background is not None:
            painter.fillRect(option.rect, background)
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(
            colour if colour is not None else option.palette.color(QPalette.ColorRole.Text)
        )
        painter.setFont(line_font(option.font, line))
        text = option.rect.adjusted(PAD, GAP // 2, -PAD, 0)
        painter.drawText(text, TEXT_FLAGS, line.text)
        painter.restore()


def _model(view: QListView) -> LinesModel:
    model = view.model()
    assert isinstance(model, LinesModel)  # every list here is made by `_list`
    return model


def _line(index: QModelIndex | QPersistentModelIndex) -> Line:
    model = index.model()
    if isinstance(model, LinesModel) and 0 <= index.row() < model.rowCount():
        return model.lines()[index.row()]
    return Line(str(index.data() or ""))
