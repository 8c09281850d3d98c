"""Save agenda as template…: a line above the meeting asks for the name (never a dialog), and an
existing template is replaced only when the person says so a second time."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from facilitator.errors import FacilitatorError
from facilitator.preparation import template_from_meeting
from facilitator.templates import TemplateExistsError, safe_file_stem, save_user_template
from ui.marks import OVERRUN
from ui.session import Session


class SaveTemplatePanel(QFrame):
    """Name, Save, Cancel, and one line that says what went wrong.

    Signals:
        saved(str): the template was written; one line saying where.
    """

    saved = Signal(str)

    def __init__(
        self,
        session: Session,
        folder: str | os.PathLike[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.folder = folder  # None: the user's template folder
        self.setObjectName("SaveTemplatePanel")
        self.setAccessibleName("Save agenda as template")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._confirmed = ""  # the file stem the person agreed to replace
        prompt = QLabel("Save this agenda as a template named")
        self.name = QLineEdit()
        self.name.setAccessibleName("Template name")
        self.name.setPlaceholderText("e.g. Our facilitated IEP agenda")
        prompt.setBuddy(self.name)
        self.save = QPushButton("Save")
        self.save.setAccessibleName("Save the template")
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Do not save a template")
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {OVERRUN.name()}; font-weight: bold;")
        self.problem.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(prompt)
        row.addWidget(self.name, 1)
        row.addWidget(self.save)
        row.addWidget(self.cancel)
        row.addWidget(self.problem, 2)
        self.name.returnPressed.connect(self.submit)
        self.name.textEdited.connect(self._name_changed)
        self.save.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.hide)
        self.hide()

    def open(self) -> None:
        meeting = self.session.meeting()
        if meeting is None:
            return
        self.name.setText(meeting["title"])
        self._name_changed()
        self.show()
        self.name.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.name.selectAll()

    def submit(self) -> Path | None:
        meeting_id = self.session.meeting_id
        title = self.name.text().strip()
        if meeting_id is None:
            return None
        if not title:
            self._say("Give the template a name.")
            return None
        stem = safe_file_stem(title)
        try:
            template = template_from_meeting(self.session.ws, meeting_id, name=stem)
            # A template needs a purpose; a meeting made by hand may not have written one.
            purpose = template.purpose.strip() or template.kind.label
            template = dataclasses.replace(template, title=title, purpose=purpose)
            path = save_user_template(template, self.folder, overwrite=self._confirmed == stem)
        except TemplateExistsError:
            self._confirmed = stem
            self._say(f"⚠ A template called '{stem}' exists already. Save again to replace it.")
            self.save.setText("Replace")
            self.save.setAccessibleName("Replace the existing template")
            return None
        except (FacilitatorError, OSError) as error:
            first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
            self._say(f"⚠ Not saved: {first_line}")
            return None
        self.hide()
        self.saved.emit(f"Agenda saved as the template '{title}' ({path})")
        return path

    def _name_changed(self) -> None:
        self._confirmed = ""
        self.save.setText("Save")
        self.save.setAccessibleName("Save the template")
        self.problem.clear()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
