"""Candidate solutions (options): what each addresses, whether it was agreed, and if not, why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QWidget,
)

from facilitator import board, live
from facilitator.errors import InvalidInput
from facilitator.model import ConcernId, SolutionId, SolutionStatus
from facilitator.store import Row
from ui.marks import OVERRUN
from ui.models.board_items import SolutionsModel
from ui.models.concerns import typed_concerns
from ui.panels.base import Panel
from ui.session import Session
from ui.style import ring
from ui.widgets import (
    FitRows,
    QuickAdd,
    click_keeps_focus,
    fixed_columns,
    stretch_column,
    table_view,
)

TWO_ROWS = 1.6  # the text size, against normal, from which the decisions take two rows


def _normal_point_size() -> float:
    """The application's text size at 100% (the window's own font is scaled)."""
    return QApplication.font().pointSizeF()


class SolutionsPanel(Panel):
    """Options with their status; "Not agreed" asks for the reason inline, never in a dialog.

    Signals: none of its own.
    """

    TITLE = "Options"
    TABLES = frozenset({"solutions", "solution_concerns", "concerns", "participants"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = SolutionsModel(session, self)
        self.view = table_view("Candidate solutions", stretch=1)
        ring(self.view)
        self.view.setModel(self.model)
        stretch_column(self.view)
        # The option and the reason share the spare width; the short columns fit a sample.
        self.view.horizontalHeader().setSectionResizeMode(
            SolutionsModel.REASON, QHeaderView.ResizeMode.Stretch
        )
        self.row_heights = FitRows(self.view)
        self.buttons: dict[SolutionStatus, QPushButton] = {}
        self._decisions = decide = QGridLayout()
        self._per_row = 0  # the decisions in each row of the grid; none placed yet
        decide.setSpacing(3)
        for status, text in (
            (SolutionStatus.AGREED, "Agreed ✓"),
            (SolutionStatus.NOT_AGREED, "Not agreed…"),
            (SolutionStatus.PARKED, "Park"),
            (SolutionStatus.PROPOSED, "Back to proposed"),
        ):
            button = click_keeps_focus(QPushButton(text))
            button.setAccessibleName(f"Mark the selected option {status.label.lower()}")
            button.clicked.connect(lambda _=False, s=status: self.decide(s))
            self.buttons[status] = button
        self.fit_to_font()  # sizes the columns and arranges the buttons
        self.reason_row = QWidget()
        self.reason_prompt = QLabel()
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why the option was not agreed")
        self.reason.setPlaceholderText(
            "Why not agreed? The minutes give this reason (Enter records)"
        )
        self.reason_prompt.setBuddy(self.reason)
        self.record = QPushButton("Record")
        self.record.setAccessibleName("Record the option as not agreed, with this reason")
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Cancel marking the option not agreed")
        self.reason_error = QLabel()
        self.reason_error.setStyleSheet(f"color: {OVERRUN.name()}; font-weight: bold;")
        reason_layout = QHBoxLayout(self.reason_row)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.addWidget(self.reason_prompt)
        reason_layout.addWidget(self.reason, 1)
        reason_layout.addWidget(self.record)
        reason_layout.addWidget(self.cancel)
        self.reason_row.hide()
        self.addresses = QLineEdit()
        self.addresses.setPlaceholderText("For: C1 C3")
        self.addresses.setAccessibleName("New option: the concerns it addresses")
        self.quick_add = QuickAdd(
            "option", placeholder="New option (Enter adds)", extras=(self.addresses,)
        )
        self.stack(self.view, decide, self.reason_row, self.reason_error, self.quick_add)
        self.reason_error.hide()
        self._pending: int | None = None
        self.quick_add.submitted.connect(self.add)
        self.reason.returnPressed.connect(self._record_reason)
        self.record.clicked.connect(self._record_reason)
        self.cancel.clicked.connect(self._close_reason)
        self._links_menu = QMenu("Addresses concerns", self)
        self._links_menu.aboutToShow.connect(self._fill_links_menu)

    def fit_to_font(self) -> None:
        """Size the short columns and measure the rows again."""
        longest_status = max((s.label for s in SolutionStatus), key=len)
        # Room for the status in bold, as it shows once decided.
        fixed_columns(self.view, {0: "O88", 2: "C88, C88", 3: f"{longest_status}  "})
        self.row_heights.later()
        self._arrange_buttons()

    def _arrange_buttons(self) -> None:
        """The four decisions in a row; at large text two rows of two, so that the board and
        the options are not the widest thing on screen and the speakers keep their room."""
        per_row = 2 if self.font().pointSizeF() >= TWO_ROWS * _normal_point_size() else 4
        if per_row == self._per_row:
            return
        self._per_row = per_row
        grid = self._decisions
        # Placed again only when the rows change, and taken out first: adding the buttons again
        # at every text-size change (the window's start-up included) left PySide's record of who
        # owns them wrong, and a later test crashed in Qt when a window went (bisected, 7 of 12).
        for button in self.buttons.values():
            grid.removeWidget(button)
        for n, button in enumerate(self.buttons.values()):
            grid.addWidget(button, n // per_row, n % per_row)
        for column in range(5):
            grid.setColumnStretch(column, 1 if column == per_row else 0)

    def context_actions(self) -> list[QAction]:
        return [self._links_menu.menuAction()]

    # -- adding ------------------------------------------------------------------------------------

    def add(self, text: str, team_only: bool) -> None:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        try:
            addresses = typed_concerns(ws, meeting_id, self.addresses.text())
        except InvalidInput as error:
            self.session.report(error)
            return
        speaker = live.current_speaker_id(ws, meeting_id)
        if self.quick_add.record(
            self.session,
            "Add option",
            lambda: board.add_solution(
                ws, meeting_id=meeting_id, text=text, proposed_by=speaker, addresses=addresses,
                team_only=team_only,
            ),
        ):  # fmt: skip
            self.addresses.clear()

    def focus_quick_add(self) -> None:
        self.quick_add.focus()

    # -- deciding ----------------------------------------------------------------------------------

    def selected(self) -> Row | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def decide(self, status: SolutionStatus) -> None:
        option = self.selected()
        if option is None:
            self.session.report("select an option first")
            return
        if status is SolutionStatus.NOT_AGREED:
            self._pending = int(option["id"])
            self.reason_prompt.setText(f"O{option['number']} not agreed because:")
            self.reason.setText(option["reason"])
            self.reason_row.show()
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._decide(int(option["id"]), status, "")

    def _decide(self, option_id: int, status: SolutionStatus, reason: str) -> bool:
        change = self.session.run(
            f"Mark option {status.label.lower()}",
            lambda: board.decide_solution(
                self.session.ws, solution_id=SolutionId(option_id), status=status, reason=reason
            ),
        )
        return change is not None

    def _record_reason(self) -> None:
        if self._pending is None:
            return
        reason = self.reason.text().strip()
        if not reason:
            self.reason_error.setText("⚠ Type the reason first: the minutes must say why.")
            self.reason_error.show()
            return
        if self._decide(self._pending, SolutionStatus.NOT_AGREED, reason):
            self._close_reason()

    def _close_reason(self) -> None:
        self._pending = None
        self.reason.clear()
        self.reason_row.hide()
        self.reason_error.hide()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- links -------------------------------------------------------------------------------------

    def _fill_links_menu(self) -> None:
        self._links_menu.clear()
        option = self.selected()
        if option is None:
            return
        concerns = self.session.ws.rows(
            "SELECT id, text FROM concerns WHERE meeting_id = ? ORDER BY id",
            (self.session.meeting_id,),
        )
        for n, concern in enumerate(concerns, start=1):
            action = self._links_menu.addAction(f"C{n}  {concern['text'][:60]}")
            action.setCheckable(True)
            action.setChecked(concern["id"] in option["concern_ids"])
            action.toggled.connect(lambda on, c=concern["id"], o=option["id"]: self._link(o, c, on))

    def _link(self, option_id: int, concern_id: int, linked: bool) -> None:
        self.session.run(
            "Link option to concern" if linked else "Unlink option from concern",
            lambda: board.link_solution(
                self.session.ws,
                solution_id=SolutionId(option_id),
                concern_id=ConcernId(concern_id),
                linked=linked,
            ),
        )

    def reload(self) -> None:
        self.model.reload()
