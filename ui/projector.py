"""The projector view: a second window for the room, in large type, with no team-only item."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QColor, QFont, QGuiApplication, QKeyEvent, QPalette, QScreen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from facilitator.record import load_meeting
from facilitator.store import Change
from facilitator.talk_time import speaking_balance
from facilitator.timing import meeting_timing
from ui.marks import OVERRUN
from ui.models.lines import LineKind, LinesModel
from ui.projector_content import Board, shared_board, shared_clock, talk_lines
from ui.session import Session
from ui.settings import Settings

PROJECTOR_SCALE = 1.8  # on top of the facilitator's font scale: read from the back of the room
_SHARED_TABLES = frozenset(
    {"meetings", "agenda_items", "concerns", "solutions", "solution_concerns", "agreements",
     "non_negotiables"}
)  # fmt: skip


class ProjectorWindow(QWidget):
    """What the room sees. Built from `load_meeting(...).shared_only()`, so team-only items never
    reach it; talk times appear only when the facilitator turns them on. Emits no signals."""

    def __init__(self, session: Session, base_font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.setObjectName("Projector")
        self.setWindowTitle("Facilitator - projector")
        self.setAccessibleName("Projector view")
        self._base_font = QFont(base_font)
        self._show_talk = False
        self._board: Board | None = None
        self._titles: dict[int, str] = {}
        self.title = QLabel()
        self.title.setAccessibleName("Meeting")
        self.now = QLabel()
        self.now.setAccessibleName("Current agenda item and its time")
        self.now.setWordWrap(True)
        self.clock = QLabel()
        self.clock.setAccessibleName("Meeting clock")
        self.models: dict[str, LinesModel] = {}
        self.views: dict[str, QListView] = {}
        self.holders: dict[str, QWidget] = {}
        self.headings: list[QLabel] = []
        self._stacked = QVBoxLayout()
        columns = QHBoxLayout()
        columns.setSpacing(18)
        stacks = (
            (("agenda", "Agenda"),),
            (("concerns", "Concerns"),),
            (("options", "Options"), ("agreements", "Agreements"),
             ("non_negotiables", "Non-negotiables")),
            (("talk", "Talk time"),),
        )  # fmt: skip
        for stack in stacks:
            column = QVBoxLayout()
            for key, title in stack:
                model = LinesModel(self)
                view = QListView()
                view.setModel(model)
                view.setAccessibleName(title)
                view.setWordWrap(True)
                view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
                view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                view.setFrameShape(QListView.Shape.NoFrame)
                label = QLabel(title)
                label.setObjectName("ProjectorHeading")
                self.headings.append(label)
                holder = QWidget()
                holder.setObjectName(f"projector_{key}")
                box = QVBoxLayout(holder)
                box.setContentsMargins(0, 0, 0, 0)
                box.addWidget(label)
                box.addWidget(view, 1)
                column.addWidget(holder, 1)
                self.models[key] = model
                self.views[key] = view
                self.holders[key] = holder
            if len(stack) > 1:
                self._stacked = column
            columns.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.now)
        layout.addWidget(self.clock)
        layout.addLayout(columns, 1)
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
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * PROJECTOR_SCALE * percent / 100)
        self.setFont(font)
        big = QFont(font)
        big.setPointSizeF(font.pointSizeF() * 1.4)
        big.setBold(True)
        self.title.setFont(big)
        self.now.setFont(big)
        bold = QFont(font)
        bold.setBold(True)
        bold.setUnderline(True)
        for heading in self.headings:
            heading.setFont(bold)

    def set_show_talk_times(self, show: bool) -> None:
        self._show_talk = show
        self.holders["talk"].setVisible(show)
        self.refresh_clock()

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
        if meeting_id is None:
            self._board = None
            for model in self.models.values():
                model.set_lines([])
            self.title.setText("No meeting open")
            self.now.clear()
            self.clock.clear()
            return
        record = load_meeting(self.session.ws, meeting_id).shared_only()
        self._titles = {i["id"]: str(i["title"]) for i in record["agenda_items"]}
        board = shared_board(record)
        self._board = board
        self.title.setText(board.title)
        self.setWindowTitle(f"Facilitator - projector - {board.title}")
        self.models["concerns"].set_lines(board.concerns)
        self.models["options"].set_lines(board.options)
        self.models["agreements"].set_lines(board.agreements)
        self.models["non_negotiables"].set_lines(board.non_negotiables)
        # Stacked lists share their column by how many lines each holds.
        for position, lines in enumerate((board.options, board.agreements, board.non_negotiables)):
            self._stacked.setStretch(position, 2 + sum(1 + len(line.text) // 40 for line in lines))
        self.refresh_clock()

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
        self.models["agenda"].set_lines(clock.agenda)
        current = next(
            (n for n, line in enumerate(clock.agenda) if line.kind is LineKind.CURRENT), -1
        )
        if current >= 0:
            self.views["agenda"].scrollTo(self.models["agenda"].index(current))
        if self._show_talk:
            self.models["talk"].set_lines(talk_lines(speaking_balance(self.session.ws, meeting_id)))
        else:
            self.models["talk"].set_lines([])

    # -- showing -----------------------------------------------------------------------------------

    def present(self, main_screen: QScreen | None) -> None:
        """Show on a second screen when there is one (full screen there), else as a window."""
        others = [s for s in QGuiApplication.screens() if s is not main_screen]
        if others:
            screen = others[0]
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.resize(1024, 700)
            self.show()
        self.reload()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.hide()
        event.ignore()


def _colour(label: QLabel, colour: QColor | None) -> None:
    """Overruns are dark red on the projector (and always say "over" in words too)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour or QColor("#000000"))
    label.setPalette(palette)
