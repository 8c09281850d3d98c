"""What is known before the meeting: concerns (say from the parents' letter) and who raised them,
each side's non-negotiables with their basis, and options from the internal review with the
concerns they address."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator import board
from facilitator.errors import InvalidInput
from facilitator.model import HeldBy, ParticipantId
from ui.actions import list_actions
from ui.delegates import ChoiceDelegate
from ui.enter_adds import EnterAdds
from ui.marks import team_only_icon
from ui.models.board_items import BoardItemsModel
from ui.models.concerns import typed_concerns
from ui.models.prepare import (
    PreparedConcernsModel,
    PreparedNonNegotiablesModel,
    PreparedOptionsModel,
)
from ui.panels.base import Panel
from ui.panels.non_negotiables import add_non_negotiable
from ui.prepare.links import AddressesMenu, RaisedByDelegate, RaisedByMenu, fill_with_people
from ui.session import Session
from ui.spoken import label_for
from ui.type_ahead import NamePicker
from ui.widgets import (
    FitRows,
    QuickAdd,
    ShareByRows,
    fixed_columns,
    heading,
    table_view,
)

TEAM_ONLY_NOTE = (
    "Team-only keeps this out of the parents' copy of the minutes and off the projector. It is"
    " not a promise of secrecy: parents may ask to see school records (FERPA, 34 CFR 99.3;"
    " IDEA 34 CFR 300.613)."
)


class PreloadedItems(Panel):
    """Three short lists, each with its quick-add row and team-only box, and the honest note on
    what team-only means. Signals: none of its own."""

    TITLE = "Known before the meeting"
    TABLES = frozenset(
        {"concerns", "non_negotiables", "solutions", "solution_concerns", "participants"}
    )

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.concerns_model = PreparedConcernsModel(session, self)
        self.non_negotiables_model = PreparedNonNegotiablesModel(session, self)
        self.options_model = PreparedOptionsModel(session, self)
        self.row_heights: list[FitRows] = []
        self.concerns = self._view(
            "Concerns known before the meeting", self.concerns_model, PreparedConcernsModel.TEXT
        )
        self.non_negotiables = self._view("Non-negotiables", self.non_negotiables_model, 0)
        self.options = self._view("Options to bring", self.options_model, 1)
        self._columns()
        self._add_rows()
        self.note = QLabel(TEAM_ONLY_NOTE)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("What team-only means")
        padlock = QLabel()
        padlock.setPixmap(team_only_icon().pixmap(16, 16))
        padlock.setAlignment(Qt.AlignmentFlag.AlignTop)
        note = QHBoxLayout()
        note.addWidget(padlock)
        note.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        for title, view, quick_add in (
            ("Concerns", self.concerns, self.add_concern),
            ("Non-negotiables", self.non_negotiables, self.add_non_negotiable),
            ("Options (e.g. from the internal review)", self.options, self.add_option),
        ):
            title_label = heading(title, view)
            title_label.setWordWrap(True)  # at large text, two lines rather than a wider column
            layout.addWidget(title_label)
            layout.addWidget(view, 1)
            layout.addWidget(quick_add)
        layout.addLayout(note)
        self.heights = ShareByRows(layout, (self.concerns, self.non_negotiables, self.options))
        self.fit_to_font()

    def _view(self, name: str, model: BoardItemsModel, stretch: int) -> QTableView:
        view = table_view(name, stretch=stretch)
        view.setModel(model)
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        # Each row as tall as its wrapped text at the width it has now (the lists share the
        # column's height by their rows, `ShareByRows`).
        self.row_heights.append(FitRows(view))
        return view

    def _columns(self) -> None:
        """Who raised a concern is edited with the name picker, who holds a non-negotiable from
        a list; the context menus add "Raised by" and "Addresses concerns", as in the meeting."""
        session = self.session
        list_actions(
            self.concerns,
            self.concerns_model,
            [RaisedByMenu(self.concerns, self.concerns_model, session).menuAction()],
        )
        self.concerns.setItemDelegateForColumn(
            PreparedConcernsModel.RAISED_BY, RaisedByDelegate(session, self.concerns)
        )
        list_actions(self.non_negotiables, self.non_negotiables_model)
        # The non-negotiable and its basis share the spare width; who holds it fits its word.
        self.non_negotiables.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        held_by = [(side.label, side.value) for side in (HeldBy.SCHOOL, HeldBy.FAMILY)]
        self.non_negotiables.setItemDelegateForColumn(
            2, ChoiceDelegate("Held by", held_by, self.non_negotiables)
        )
        list_actions(
            self.options,
            self.options_model,
            [AddressesMenu(self.options, self.options_model, session).menuAction()],
        )

    def _add_rows(self) -> None:
        # Chosen by typing a name, spaces and accents and all ("Ana O" for Ana Ortiz); never
        # "Not recorded" by typing. Each new concern starts at "Not recorded" again.
        self.raised_by = NamePicker(first_name=1)
        self.raised_by.setAccessibleName("New concern raised by")
        self.raised_by.setToolTip(
            "Who raised it (for a letter: who wrote it). Type a name to choose;"
            " Space or Alt+Down lists everyone"
        )
        self.raised_by.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.raised_by.setMinimumContentsLength(14)
        self.add_concern = QuickAdd(
            "concern",
            placeholder="Concern, in the family's words (Enter adds)",
            details=(label_for(self.raised_by, "Raised by"), self.raised_by),
        )
        self.basis = QLineEdit()
        self.basis.setPlaceholderText("Basis (rule, reason)")
        self.basis.setAccessibleName("New non-negotiable: basis")
        # Kept from one non-negotiable to the next: several of one side's come in a row, and
        # the line always says whose it is ("School holds it"). S or F chooses.
        self.held_by = QComboBox()
        self.held_by.setAccessibleName("New non-negotiable held by")
        for side in (HeldBy.SCHOOL, HeldBy.FAMILY):
            self.held_by.addItem(f"{side.label} holds it", side.value)
        # Not shown ("School holds it" says it); read as the drop-down's label (`label_for`).
        self.held_by_label = label_for(self.held_by, "Held by:")
        self.held_by_label.hide()
        self.add_non_negotiable = QuickAdd(
            "non-negotiable",
            placeholder="Non-negotiable (Enter adds)",
            extras=(self.basis,),
            details=(self.held_by_label, self.held_by),
        )
        self.addresses = QLineEdit()
        self.addresses.setPlaceholderText("C1 C3")
        self.addresses.setAccessibleName("New option: the concerns it addresses")
        self.addresses.setToolTip("The numbers of the concerns this option addresses")
        self.add_option = QuickAdd(
            "option",
            placeholder="Option to bring (Enter adds)",
            details=(label_for(self.addresses, "For"), self.addresses),
        )
        for quick_add, fields, add in (
            (self.add_concern, (self.raised_by,), self.add_concern_now),
            (self.add_non_negotiable, (self.basis, self.held_by), self.add_non_negotiable_now),
            (self.add_option, (self.addresses,), self.add_option_now),
        ):
            quick_add.team_only.setToolTip(TEAM_ONLY_NOTE)
            quick_add.team_only.setAccessibleDescription(TEAM_ONLY_NOTE)
            # Enter adds from the drop-downs, the box and the button too, not only the text.
            row = (quick_add.field, *fields, quick_add.team_only, quick_add.button)
            EnterAdds(quick_add.button.click, row, quick_add)
            quick_add.submitted.connect(add)
            quick_add.submitted.connect(lambda *_added, q=quick_add: _ready_again(q))

    def fit_to_font(self) -> None:
        """Size the short columns for the text size, and measure the rows again."""
        # The numbers as wide as two digits; the other short columns fit what they hold (a
        # handful of rows), so an option with no concerns yet leaves the room to its words.
        fixed_columns(self.concerns, {PreparedConcernsModel.NUMBER: "C88"})
        fixed_columns(self.options, {0: "O88"})
        for rows in self.row_heights:
            rows.afresh()
        self.heights.later()

    def focus_add(self, kind: str) -> bool:
        """Put the keyboard in the quick-add of 'concern', 'non_negotiable' or 'option'."""
        quick_add = {
            "concern": self.add_concern,
            "non_negotiable": self.add_non_negotiable,
            "option": self.add_option,
        }.get(kind)
        if quick_add is None:
            return False
        quick_add.focus()
        return True

    # -- adding ------------------------------------------------------------------------------------

    def add_concern_now(self, text: str, team_only: bool) -> None:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        chosen = self.raised_by.currentData()
        raised_by = ParticipantId(chosen) if chosen else None
        if self.add_concern.record(
            self.session,
            "Add concern",
            lambda: board.add_concern(
                ws, meeting_id=meeting_id, text=text, raised_by=raised_by, team_only=team_only
            ),
        ):
            # Not carried over to the next concern: a staff concern once went down as a parent's.
            self.raised_by.setCurrentIndex(0)

    def add_non_negotiable_now(self, text: str, team_only: bool) -> None:
        add_non_negotiable(
            self.session,
            self.add_non_negotiable,
            text,
            team_only,
            held_by=self.held_by,
            basis=self.basis,
        )

    def add_option_now(self, text: str, team_only: bool) -> None:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        try:
            addresses = typed_concerns(ws, meeting_id, self.addresses.text())
        except InvalidInput as error:
            self.session.report(error)
            return
        if self.add_option.record(
            self.session,
            "Add option",
            lambda: board.add_solution(
                ws, meeting_id=meeting_id, text=text, addresses=addresses, team_only=team_only
            ),
        ):
            self.addresses.clear()

    # -- showing the store -------------------------------------------------------------------------

    def reload(self) -> None:
        models: tuple[BoardItemsModel, ...] = (
            self.concerns_model, self.non_negotiables_model, self.options_model,
        )  # fmt: skip
        for model in models:
            model.reload()
        chosen = self.raised_by.currentData()
        fill_with_people(self.raised_by, self.session)
        self.raised_by.setCurrentIndex(max(0, self.raised_by.findData(chosen)))

    def on_meeting_opened(self, meeting_id: object = None) -> None:
        super().on_meeting_opened(meeting_id)
        self.raised_by.setCurrentIndex(0)


def _ready_again(quick_add: QuickAdd) -> None:
    """After an add (or a refusal), the keyboard goes back to the row's text, the field a person
    types the next item in (the text stays when the store refused it)."""
    focus = QApplication.focusWidget()
    if focus is not None and quick_add.isAncestorOf(focus):
        quick_add.field.setFocus(Qt.FocusReason.OtherFocusReason)
