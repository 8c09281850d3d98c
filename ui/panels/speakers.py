"""The speaking-turn tracker: who speaks now, for how long, and whose voice is missing."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import ParticipantId
from ui.cards import viewport_height, viewport_width
from ui.marks import CURRENT
from ui.models.speakers import HandsModel, SpeakersModel
from ui.panels.balance_bar import BalanceBar, balance_text
from ui.panels.base import Panel
from ui.panels.readout import Readout
from ui.panels.roster import NewPerson
from ui.session import Session
from ui.style import ring
from ui.widgets import click_keeps_focus, heading, list_view, stretch_column, table_view

# The columns that give way, in turn, when the table is too narrow for the status beside them: the
# status (speaking, not heard yet, hand up) is what the tracker is for; the side is in the balance.
GIVE_WAY = (4, 2, 5, 3)  # Turns, then Side, then Share, then Time
STATUS_SAMPLE = "not heard yet"
SHORT_TIME, LONG_TIME = "88:88", "8:88:88"  # the widest talk time under an hour, and over
HOUR_MS = 3_600_000
ROWS_KEPT = 2  # the rows the table keeps however short the panel


class SpeakersPanel(Panel):
    """Everyone in the meeting with their key; click a row (or press the key) to give the floor.

    Signals:
        speaker_chosen(int): a participant was clicked, or activated with Enter.
        hand_lowered(int): the facilitator lowered a raised hand from the queue.
    """

    TITLE = "Speakers"
    TABLES = frozenset(
        {"participants", "speaking_turns", "raised_hands", "meetings", "interruptions"}
    )
    speaker_chosen = Signal(int)
    hand_lowered = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = SpeakersModel(session, self)
        # The status takes the spare width; the name column is as wide as the longest name.
        self.table = table_view("Speaking turns by participant", stretch=SpeakersModel.HAND)
        self.table.setModel(self.model)
        self.table.setEditTriggers(self.table.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.setToolTip(
            "Click a person, or press their key, to make them the speaker."
            " Tick the box under 'Hand, status' to put them in the queue."
        )
        self.bar = BalanceBar()
        # It changes with every turn: a readout repaints in place, where a label would relayout.
        self.balance = Readout(
            "Family and school share of talk time",
            sample="Family 31% (14:02) · School 58% (26:10) · Neutral 11% (5:01)",
        )
        self.balance.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # No names of their own: "Not heard yet: Luis" says what it is, and a name would hide it.
        self.not_heard = QLabel()
        self.not_heard.setWordWrap(True)
        self.quiet = QLabel()
        self.quiet.setWordWrap(True)
        for summary in (self.not_heard, self.quiet):
            # Squeezed (large text, a short panel), a line is cut at the bottom, never drawn over
            # the line above, as a vertically centred label's would be.
            summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.hands_model = HandsModel(session, self)
        self.hands: QListView = list_view("Raised hands, first raised first")
        self.hands.setModel(self.hands_model)
        self.hands.setEditTriggers(self.hands.EditTrigger.NoEditTriggers)
        for view in (self.table, self.hands):
            ring(view)
        self._speaker: int | None = None  # whose row was last brought into view
        self._fitted: tuple[str, tuple[str, ...]] | None = None  # font and names last measured
        # Times are sized for minutes until someone has spoken an hour: room for "1:02:03" all
        # along would be taken from the status beside each name.
        self._time_sample = SHORT_TIME
        self._name_width = 0
        self._summaries_asked: object = None  # what the summaries' room was last decided for
        self.fit_to_font()
        self.lower_button = click_keeps_focus(QPushButton("Lower hand"))
        self.lower_button.setAccessibleName("Lower the selected raised hand")
        self.add_person = QPushButton("Add person…")
        self.add_person.setAccessibleName("Add someone who joins the meeting")
        self.new_person = NewPerson(session)
        self.new_person.hide()

        layout = self.stack(self.table, self.bar, self.balance, self.not_heard, self.quiet)
        hands_row = QHBoxLayout()
        hands_row.addWidget(heading("Hands:", self.hands))
        hands_row.addWidget(self.hands, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.lower_button)
        buttons.addWidget(self.add_person)
        buttons.addStretch(1)
        hands_row.addLayout(buttons)
        layout.addLayout(hands_row)
        layout.addWidget(self.new_person)

        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._activated)
        self.hands.activated.connect(self._hand_activated)
        self.lower_button.clicked.connect(self._lower)
        self.add_person.clicked.connect(self.new_person.open)
        # The range changes when the rows are laid out again: a shorter panel, larger text.
        self.table.verticalScrollBar().rangeChanged.connect(self.show_speaker)

    def _size_columns(self) -> None:
        """Fixed widths from the font, not from the contents: measuring every cell on every
        speaker switch would cost more than the switch itself."""
        metrics = self.table.fontMetrics()
        # No section measures its contents, so a change of data never resizes (and repaints) the
        # header: while the default mode is "to contents", Qt resizes sections on every change.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        stretch_column(self.table)  # the status takes the rest
        samples = ("Key", "", "Neutral", self._time_sample, "Turns", "Share")
        bold = QFont(self.table.font())
        bold.setBold(True)  # the speaker's row is bold: the time running there must not be cut
        widest = QFontMetrics(bold)
        self._widths = {n: widest.horizontalAdvance(s) + 12 for n, s in enumerate(samples)}
        for column, width in self._widths.items():
            if column != 1:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
        self._fit_names()
        # The status follows the name: where the table is too narrow (large text) it is the
        # numbers that are scrolled out of sight, not whether someone has been heard.
        header.moveSection(header.visualIndex(SpeakersModel.HAND), 2)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.height() + 6)

    def _fit_names(self) -> None:
        """The name column as wide as the longest name, in bold and marked as the speaker's is, so
        no name is ever cut short (at large text the status gives way, or the table scrolls). The
        width changes only when the people do, not with each speaker: a change of width relays
        out the whole table."""
        person = SpeakersModel.columns[1].display
        names = tuple(person({**row, "speaking": True}) for row in self.model.rows())
        font = self.table.font()
        if (font.key(), names) != self._fitted:  # else a tick or a key: the same people, unmeasured
            bold = QFont(font)
            bold.setBold(True)
            metrics = QFontMetrics(bold)
            widest = max((metrics.horizontalAdvance(name) for name in names), default=0)
            self._name_width = max(widest, metrics.horizontalAdvance(f"{CURRENT} Person")) + 16
            self._fitted = (font.key(), names)
        header = self.table.horizontalHeader()
        if header.sectionSize(1) != self._name_width:  # also after a reset put sections back
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(1, self._name_width)
            self._give_way()
        # The table keeps room for a few people however short the panel: the summaries and the
        # queue under it give way first (their lines are cut at the bottom).
        people = min(len(names), ROWS_KEPT)
        frame = 2 * self.table.frameWidth()
        least = (
            header.sizeHint().height() + people * self.table.verticalHeader().defaultSectionSize()
        )
        if self.table.minimumHeight() != least + frame:
            self.table.setMinimumHeight(least + frame)

    def _give_way(self) -> None:
        """Hide the turns, then the side, while the table is too narrow to show the status
        beside the other columns; they come back when there is room (a wider panel, smaller
        text). The table never scrolls sideways to hide whether someone has been heard."""
        header = self.table.horizontalHeader()
        room = viewport_width(self.table)  # not viewport(): see there
        status = self.table.fontMetrics().horizontalAdvance(STATUS_SAMPLE) + 12
        needed = status + sum(
            self._name_width if n == 1 else self._widths[n]
            for n in range(SpeakersModel.HAND)
        )  # fmt: skip
        for column in GIVE_WAY:
            hide = needed > room
            if header.isSectionHidden(column) != hide:
                header.setSectionHidden(column, hide)
            needed -= self._widths[column]

    def wanted_width(self) -> int:
        """The width the tracker asks for when the screen is shared out (`ui.docks`): every
        column, with the status in full."""
        return (
            sum(self._widths[n] for n in range(SpeakersModel.HAND) if n != 1)
            + self._name_width
            + self.table.fontMetrics().horizontalAdvance(STATUS_SAMPLE) + 12
            + self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        )  # fmt: skip

    def _summaries_fit(self) -> bool:
        """Whether the not-heard and quiet lines fit in full under the table's kept rows. When
        they do not (large text, a short panel) they give way: the status column says the same
        of each person, and a squeezed label would cut names off or draw over its neighbours."""
        layout = self.layout()
        if layout is None:
            return True
        width = self.table.width()
        parts = [
            self.table.minimumHeight(),
            self.bar.sizeHint().height(),
            self.balance.sizeHint().height(),
            max(self.hands.minimumHeight(), 2 * self.lower_button.sizeHint().height()),
        ]
        parts += [s.heightForWidth(width) for s in (self.not_heard, self.quiet) if s.text()]
        margins = layout.contentsMargins()
        needed = sum(parts) + layout.spacing() * len(parts) + margins.top() + margins.bottom()
        return needed <= self.height()

    def _show_summaries(self) -> None:
        # Measured again only when what decides it changed: a reload comes with every key and tick.
        texts = (self.not_heard.text(), self.quiet.text())
        asked = (self.size(), self.table.minimumHeight(), self.font().key(), texts)
        if asked == self._summaries_asked:
            return
        self._summaries_asked = asked
        fit = self._summaries_fit()
        for summary, text in zip((self.not_heard, self.quiet), texts, strict=True):
            summary.setVisible(fit and bool(text))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._give_way()
        self._show_summaries()

    def fit_to_font(self) -> None:
        """Size the columns and the queue again (a `changeEvent` override would too, but every
        event Qt passes to Python as a plain QEvent costs a search through PySide's event types,
        and building them all cost about 5 ms at start-up)."""
        self._size_columns()
        line = self.fontMetrics().height()
        self.hands.setMaximumHeight(line * 4 + 8)
        self.hands.setMinimumHeight(line + 8)
        for summary in (self.not_heard, self.quiet):
            summary.setMinimumHeight(line)

    def set_quiet_minutes(self, minutes: int) -> None:
        self.model.quiet_minutes = minutes
        self.reload()

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() != SpeakersModel.HAND:
            self._activated(index)

    def _activated(self, index: QModelIndex) -> None:
        person = self.model.participant_at(index.row())
        if person is not None:
            self.speaker_chosen.emit(person)

    def _hand_activated(self, index: QModelIndex) -> None:
        person = self.hands_model.id_at(index.row())
        if person is not None:
            self.speaker_chosen.emit(ParticipantId(person))

    def _lower(self) -> None:
        row = self.hands.currentIndex().row() if self.hands.currentIndex().isValid() else 0
        person = self.hands_model.id_at(row)
        if person is not None:
            self.hand_lowered.emit(ParticipantId(person))

    def show_speaker(self) -> None:
        """Scroll the current speaker's row (if any) into view, unless it is in view already."""
        row = next((n for n, r in enumerate(self.model.rows()) if r["speaking"]), -1)
        if row >= 0:
            self._bring_into_view(row)

    def _bring_into_view(self, row: int) -> None:
        top = self.table.rowViewportPosition(row)
        if top >= 0 and top + self.table.rowHeight(row) <= viewport_height(self.table):
            return  # in view: nothing to do, nothing repainted
        # Up or down only: the column at the left edge is the one already in view.
        self.table.scrollTo(self.model.index(row, max(0, self.table.columnAt(0))))

    def reload(self) -> None:
        self.model.reload()
        rows = self.model.rows()
        speaking = next((n for n, r in enumerate(rows) if r["speaking"]), -1)
        speaker = rows[speaking]["id"] if speaking >= 0 else None
        if speaker != self._speaker:  # a new speaker, not a tick: scrolled away, it stays so
            self._speaker = speaker
            if speaking >= 0:
                self._bring_into_view(speaking)
        if self._time_sample == SHORT_TIME and any(r["talk_ms"] >= HOUR_MS for r in rows):
            self._time_sample = LONG_TIME  # someone passed an hour: "1:02:03" must not be cut
            self._size_columns()
        self._fit_names()
        self.hands_model.reload()
        balance = self.model.balance if self.session.meeting_id is not None else None
        self.bar.set_balance(balance)
        self.balance.setText(balance_text(balance))
        missing = [r["name"] for r in rows if r["not_heard"]]
        self.not_heard.setText(f"Not heard yet: {', '.join(missing)}" if missing else "")
        quiet = self.model.quiet_names
        self.quiet.setText(
            f"Quiet {self.model.quiet_minutes}+ min: "
            + ", ".join(f"{name} ({minutes} min)" for name, minutes in quiet)
            if quiet
            else ""
        )
        self._show_summaries()
        self.lower_button.setEnabled(self.hands_model.rowCount() > 0)

    def on_tick(self) -> None:
        if self.session.meeting_id is not None and self.session.is_live():
            self.reload()

    def focus_tracker(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
