"""File > Export minutes: a strip above the board (never a dialog in front of the meeting) to choose
the copy and its language; the .docx is written on a worker thread while the meeting goes on.

The save-file dialog appears only after "Save as…" is pressed: a step the facilitator asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import FacilitatorError
from facilitator.minutes import (
    default_file_name,
    family_language,
    translation_note,
    write_minutes,
)
from facilitator.model import MeetingId, is_team_only
from facilitator.record import MeetingRecord
from facilitator.store import Workspace
from ui.background import Background
from ui.notice import Notice, Tone, open_folder
from ui.session import Session
from ui.settings import SettingsStore

Audience = Literal["parent", "team"]
LANGUAGE_NAMES = {"es": "Spanish", "en": "English", "bilingual": "Both (bilingual)"}
_FILTER = "Word document (*.docx)"


class ExportPanel(QFrame):
    """Which copy (parent or team), which language, and where: the minutes of the open meeting.

    Exporting never ends or changes the meeting; a live meeting's minutes say "Draft".

    Signals:
        written(object): the minutes were written to this Path.
        failed(str): they could not be written; one line.
    """

    written = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        session: Session,
        settings: SettingsStore,
        notice: Notice,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.notice = notice
        self.jobs = Background(self)
        self.meeting_id: MeetingId | None = None  # the meeting the options are for
        self._notes: dict[Path, str] = {}  # each copy being written: the note it comes with
        self.setObjectName("ExportPanel")
        self.setAccessibleName("Export minutes")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel("Export minutes:")
        self.parent_copy = QRadioButton("Parent copy")
        self.parent_copy.setToolTip("The copy that may leave the building: no team-only item")
        self.team_copy = QRadioButton("Team copy")
        self.team_copy.setToolTip(
            "Adds team-only items, facilitator notes and the speaking balance"
        )
        self.copies = QButtonGroup(self)
        for button in (self.parent_copy, self.team_copy):
            button.setAccessibleName(button.text())
            self.copies.addButton(button)
        self.parent_copy.setChecked(True)
        self.language = QComboBox()
        self.language.setAccessibleName("Language of the minutes")
        self.save = QPushButton("Save as…")
        self.save.setAccessibleName("Choose where to save the minutes, and write them")
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the export options")
        # Three short rows, not one long one: the strip sits between the side panels, and a row
        # wider than the board there would widen the window past the screen.
        self.title.setWordWrap(True)
        self.language.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.language.setMinimumContentsLength(12)  # longer names are cut; the list shows them
        # A family whose language has no copy: said before the copy is chosen, and again once
        # it is written (the strip is gone by then).
        self.translation = QLabel()
        self.translation.setObjectName("TranslationNote")
        self.translation.setWordWrap(True)
        self.translation.hide()
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 3, 8, 3)
        rows.setSpacing(2)
        rows.addWidget(self.title)
        copies = QHBoxLayout()
        copies.addWidget(self.parent_copy)
        copies.addWidget(self.team_copy)
        copies.addStretch(1)
        rows.addLayout(copies)
        actions = QHBoxLayout()
        language = QLabel("Language:")
        language.setBuddy(self.language)  # a screen reader's label for the drop-down (on Linux)
        actions.addWidget(language)
        actions.addWidget(self.language, 1)
        actions.addWidget(self.save)
        actions.addWidget(self.close_button)
        rows.addLayout(actions)
        rows.addWidget(self.translation)
        self.team_copy.toggled.connect(lambda _on: self._offer_languages())
        self.save.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.hide)
        self.written.connect(self._show_written)
        self.failed.connect(lambda text: self.notice.say(text, Tone.REFUSED))
        self.hide()

    @property
    def audience(self) -> Audience:
        return "team" if self.team_copy.isChecked() else "parent"

    def open(self) -> None:
        """Show the options for the open meeting: the parent copy, in the family's language; for
        a meeting that is the school team's only, the team copy (it has no parent copy)."""
        self.meeting_id = self.session.meeting_id
        if self.meeting_id is None:
            self.failed.emit("Minutes not written: no meeting is open")
            return
        self.title.setText(f"Export the minutes of {self._meeting_title()}:")
        meeting = self.session.meeting()
        team_only = meeting is not None and is_team_only(meeting)
        self.parent_copy.setEnabled(not team_only)
        self.parent_copy.setToolTip(
            "This meeting is the school team's only: it has no parent copy"
            if team_only
            else "The copy that may leave the building: no team-only item"
        )
        (self.team_copy if team_only else self.parent_copy).setChecked(True)
        self._offer_languages()
        self.show()
        self.save.setFocus()

    def save_as(self) -> None:
        """Ask where (a save dialog), then write the minutes on a worker thread."""
        meeting_id = self.meeting_id  # the one the options were chosen for
        if meeting_id is None:
            return
        audience, language = self.audience, str(self.language.currentData())
        ws = self.session.ws
        try:
            name = default_file_name(ws, meeting_id, audience=audience, language=language)
        except FacilitatorError as error:
            self.failed.emit(f"Minutes not written: {error}")
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the minutes", str(self._folder() / name), _FILTER
        )
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != ".docx":
            out = out.with_name(out.name + ".docx")
        self.settings.update(export_folder=str(out.parent))
        self.hide()
        self.export(meeting_id, out, audience=audience, language=language)

    def export(
        self, meeting_id: MeetingId, out: Path, *, audience: Audience, language: str
    ) -> None:
        """Write the minutes to `out` on a worker thread, with a connection of its own."""
        path, clock = self.session.ws.path, self.session.ws.clock
        author = self.settings.current.facilitator_name
        # The copy's note, as the options stood when it was asked for (they may change meanwhile).
        shown = audience == "parent" and self.translation.isVisibleTo(self)
        self._notes[out] = self.translation.text() if shown else ""

        def job() -> Path:
            with Workspace.open(path, read_only=True, clock=clock) as ws:
                return write_minutes(
                    ws, meeting_id, out, audience=audience, language=language,
                    author=author, now=clock.now(),
                )  # fmt: skip

        task = self.jobs.run(job)
        task.done.connect(self.written)
        task.failed.connect(lambda text: self.failed.emit(f"Minutes not written: {text}"))

    def _show_written(self, out: Path) -> None:
        note = self._notes.pop(out, "")
        self.notice.say(
            f"Minutes written to {out}. {note}" if note else f"Minutes written to {out}",
            Tone.DONE,
            action="Open folder",
            step=lambda: open_folder(out.parent),
        )

    def _offer_languages(self) -> None:
        """Spanish, English or both; the family's language first chosen for a parent copy, English
        for the team's."""
        roster = self._roster()
        family = family_language(roster)
        default = family if self.audience == "parent" else "en"
        self.language.clear()
        for code, name in LANGUAGE_NAMES.items():
            label = f"{name} (the family's language)" if code == family else name
            self.language.addItem(label, code)
        self.language.setCurrentIndex(self.language.findData(default))
        note = translation_note(roster, audience=self.audience)
        self.translation.setText(f"{note[:1].upper()}{note[1:]}." if note else "")
        self.translation.setVisible(bool(note))

    def _roster(self) -> MeetingRecord:
        """The open meeting's participants, all the language choice needs to know."""
        people = self.session.ws.rows(
            "SELECT * FROM participants WHERE meeting_id = ?", (self.meeting_id,)
        )
        return MeetingRecord(case={}, meeting={}, tables={"participants": people})

    def _meeting_title(self) -> str:
        meeting = self.session.meeting()
        return f"“{meeting['title']}”" if meeting else "the meeting"

    def _folder(self) -> Path:
        chosen = self.settings.current.export_folder
        if chosen and Path(chosen).is_dir():
            return Path(chosen)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents or Path.home())
