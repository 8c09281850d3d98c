"""Non-negotiables: what the school and what the family hold as fixed, each with its basis."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

from facilitator import board
from facilitator.model import HeldBy
from ui.models.board_items import NonNegotiablesModel
from ui.panels.base import Panel
from ui.session import Session
from ui.spoken import label_for
from ui.style import ring
from ui.widgets import FitRows, QuickAdd, heading, stretch_column, table_view


def add_non_negotiable(
    session: Session,
    quick_add: QuickAdd,
    text: str,
    team_only: bool,
    *,
    held_by: QComboBox,
    basis: QLineEdit,
) -> None:
    """Record what `quick_add` submitted as a non-negotiable, held by the side `held_by` shows
    and on the `basis` typed: one undo step; the basis line is cleared once the store took it.
    The run-mode panel and prepare mode's list add through here."""
    ws, meeting_id = session.ws, session.require_meeting()
    side = HeldBy(held_by.currentData())
    reason = basis.text()
    if quick_add.record(
        session,
        "Add non-negotiable",
        lambda: board.add_non_negotiable(
            ws, meeting_id=meeting_id, text=text, held_by=side, basis=reason, team_only=team_only
        ),
    ):
        basis.clear()


class NonNegotiablesPanel(Panel):
    """School's and family's non-negotiables, one above the other. Signals: none of its own."""

    TITLE = "Non-negotiables"
    TABLES = frozenset({"non_negotiables"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.models: dict[HeldBy, NonNegotiablesModel] = {}
        self.views: dict[HeldBy, QTableView] = {}
        self.row_heights: dict[HeldBy, FitRows] = {}
        grid = QGridLayout()
        grid.setSpacing(3)
        for block, side in enumerate((HeldBy.SCHOOL, HeldBy.FAMILY)):
            model = NonNegotiablesModel(session, side, self)
            view = table_view(f"{side.label} non-negotiables", stretch=0)
            ring(view)
            view.setModel(model)
            stretch_column(view)
            view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            self.row_heights[side] = FitRows(view)
            grid.addWidget(heading(f"{side.label} holds", view), 2 * block, 0)
            grid.addWidget(view, 2 * block + 1, 0)
            grid.setRowStretch(2 * block + 1, 1)
            self.models[side] = model
            self.views[side] = view
        self.basis = QLineEdit()
        self.basis.setPlaceholderText("Basis (rule, reason)")
        self.basis.setAccessibleName("New non-negotiable: basis")
        self.held_by = QComboBox()
        self.held_by.setAccessibleName("New non-negotiable held by")
        for side in (HeldBy.SCHOOL, HeldBy.FAMILY):
            self.held_by.addItem(side.label, side.value)
        self.held_by.setToolTip("Who holds it: the school or the family")
        # Its label is not shown: beside the drop-down it made the column wider at large text,
        # and the tracker lost its status column. A screen reader reads it (`label_for`).
        self.held_by_label = label_for(self.held_by, "Held by:")
        self.held_by_label.hide()
        self.quick_add = QuickAdd(
            "non-negotiable",
            placeholder="New non-negotiable (Enter adds)",
            extras=(self.basis,),
            details=(self.held_by_label, self.held_by),
        )
        self.stack(grid, self.quick_add)
        self.quick_add.submitted.connect(self.add)

    def add(self, text: str, team_only: bool) -> None:
        add_non_negotiable(
            self.session, self.quick_add, text, team_only, held_by=self.held_by, basis=self.basis
        )

    def fit_to_font(self) -> None:
        """Measure the rows again."""
        for rows in self.row_heights.values():
            rows.later()

    def focus_quick_add(self) -> None:
        self.quick_add.focus()

    def reload(self) -> None:
        for model in self.models.values():
            model.reload()
