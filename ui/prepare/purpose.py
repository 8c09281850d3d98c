"""The meeting's purpose, desired outcomes and ground rules while it is prepared.

They come from the template, open the minutes and are read out at the start; coordinators often
tailor the desired outcomes with the family. One line in prepare mode's left column says how many
there are; it opens onto three fields of several lines. Each field writes to the store when the
keyboard leaves it, as one undoable step, and shows whatever the store holds.
"""

from __future__ import annotations

import math
from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetricsF, QResizeEvent, QTextLayout
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import meetings
from facilitator.store import Row
from ui.panels.base import Panel
from ui.session import Session
from ui.spoken import label_for


class LinesField(QPlainTextEdit):
    """Text of several lines: `Enter` starts a new line, `Tab` leaves the field. As tall as its
    wrapped text, from `fewest` to `most` lines (then it scrolls), so the column around it
    scrolls rather than the field cutting its text off.

    Signals:
        left(): the keyboard left the field (not for the field's own context menu).
    """

    left = Signal()

    def __init__(self, name: str, *, fewest: int = 2, most: int = 10) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setObjectName(name)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._range = (fewest, most)
        self._lines = fewest
        self.textChanged.connect(self._measure)

    def text(self) -> str:
        """What was typed, as typed: a line break is "\\n"; a no-break space stays one (the
        plain text Qt offers makes it an ordinary space)."""
        raw = self.document().toRawText()
        return raw.replace("\u2029", "\n").replace("\u2028", "\n")

    def set_text(self, text: str) -> None:
        if text != self.text():
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.left.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._measure()

    def sizeHint(self) -> QSize:
        margins = 2 * (self.frameWidth() + self.document().documentMargin())
        # Two pixels over the lines' height: at exactly their height the field still shows a
        # scroll bar, which narrows the text and wraps it onto one more line than measured.
        height = math.ceil(self._lines * QFontMetricsF(self.font()).lineSpacing() + margins) + 2
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def _measure(self) -> None:
        """Count the lines the text takes at the field's width, wrapped as the field wraps it;
        a new count, a new height."""
        width = self.viewport().width() - 2 * self.document().documentMargin()
        option = self.document().defaultTextOption()
        lines = 0
        block = self.document().begin()
        while block.isValid():
            layout = QTextLayout(block.text(), self.font())
            layout.setTextOption(option)
            layout.beginLayout()
            line = layout.createLine()
            while line.isValid():
                line.setLineWidth(max(width, 1.0))
                lines += 1
                line = layout.createLine()
            layout.endLayout()
            block = block.next()
        fewest, most = self._range
        lines = min(max(lines, fewest), most)
        if lines != self._lines:
            self._lines = lines
            self.updateGeometry()


# (column, label, the step's name for Ctrl+Z, placeholder)
FIELDS = (
    ("purpose", "Purpose", "Change the purpose", "Why the team meets; it opens the minutes"),
    (
        "desired_outcomes",
        "Desired outcomes, one a line",
        "Change the desired outcomes",
        "What the meeting should leave the room with",
    ),
    (
        "ground_rules",
        "Ground rules, one a line",
        "Change the ground rules",
        "Read out at the start: one person speaks at a time…",
    ),
)


def _count(text: str, one: str, many: str) -> str:
    number = sum(1 for line in text.splitlines() if line.strip())
    return f"{number} {one if number == 1 else many}"


class PurposeAndOutcomes(Panel):
    """The line that heads prepare mode's left column: it opens (and closes) the meeting's
    purpose, desired outcomes and ground rules, and says how many of each there are.

    Signals: none of its own.
    """

    TITLE = "Purpose and outcomes"
    TABLES = frozenset({"meetings"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._shown_for: int | None = None  # the meeting the fields show
        self.toggle = QToolButton()
        self.toggle.setText(self.TITLE)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle.setAccessibleName("Purpose, desired outcomes and ground rules: show them")
        self.toggle.setToolTip("Show the purpose, desired outcomes and ground rules to edit them")
        font = self.toggle.font()
        font.setBold(True)
        self.toggle.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)  # at large text: two lines, not a wider column
        self.fields: dict[str, LinesField] = {}
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(2)
        for column, label, step, placeholder in FIELDS:
            field = LinesField(label.split(",")[0], fewest=2 if column == "purpose" else 3)
            field.setPlaceholderText(placeholder)
            field.left.connect(partial(self._edited, column, step, field))
            self.fields[column] = field
            body.addWidget(label_for(field, label))
            body.addWidget(field)
        self.body.hide()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        line = QHBoxLayout()
        line.setSpacing(6)
        line.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 2)
        layout.setSpacing(3)
        layout.addLayout(line)
        layout.addWidget(self.body)
        self.toggle.toggled.connect(self._show_fields)

    @property
    def purpose(self) -> LinesField:
        return self.fields["purpose"]

    @property
    def desired_outcomes(self) -> LinesField:
        return self.fields["desired_outcomes"]

    @property
    def ground_rules(self) -> LinesField:
        return self.fields["ground_rules"]

    def _show_fields(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        what = "Purpose, desired outcomes and ground rules"
        self.toggle.setAccessibleName(f"{what}: {'hide' if shown else 'show'} them")

    # -- edits -------------------------------------------------------------------------------------

    def _edited(self, column: str, step: str, field: LinesField) -> None:
        meeting = self.session.meeting()
        text = field.text()  # as typed: the core cleans it (clean_text)
        if meeting is None or meeting["id"] != self._shown_for or meeting[column] == text:
            return
        meeting_id = self.session.require_meeting()
        change = self.session.run(
            step,
            lambda: meetings.update_meeting(
                self.session.ws, meeting_id=meeting_id, **{column: text}
            ),
        )
        if change is None:  # refused: the field shows what the store still holds
            self._show(meeting, everything=True)

    # -- showing the store -------------------------------------------------------------------------

    def reload(self) -> None:
        meeting = self.session.meeting()
        if meeting is None:
            self._shown_for = None
            return
        another = meeting["id"] != self._shown_for
        self._shown_for = meeting["id"]
        self._show(meeting, everything=another)

    def _show(self, meeting: Row, *, everything: bool = False) -> None:
        # A field being typed in keeps what is typed (another meeting's words never stay).
        for column, field in self.fields.items():
            if everything or not field.hasFocus():
                field.set_text(meeting[column])
        purpose = "" if meeting["purpose"].strip() else "no purpose yet, "
        outcomes = _count(meeting["desired_outcomes"], "outcome", "outcomes")
        rules = _count(meeting["ground_rules"], "ground rule", "ground rules")
        self.summary.setText(f"{purpose}{outcomes}, {rules}")
