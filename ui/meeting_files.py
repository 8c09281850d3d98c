"""File > Export meeting file… and Import meeting file…: the JSON file that carries a prepared
meeting from the coordinator's computer to the meeting laptop (the same format as
`facilitator export --format json` and `facilitator import`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from facilitator.errors import FacilitatorError
from facilitator.model import MeetingId, is_team_only
from facilitator.store import Row
from ui.session import Session

# The file dialog, the JSON exchange and the template names are imported when a file is chosen:
# the window shows without them.

FILTER = "Facilitator meeting files (*.json);;All files (*)"
TEAM_ONLY_TABLES = (
    "agenda_items", "concerns", "non_negotiables", "solutions", "agreements", "action_items",
    "notes",
)  # fmt: skip


class MeetingFiles(QObject):
    """Asks for a file name with the system's file dialog, then exports or imports.

    Signals:
        done(str): one line saying what was written or added.
        imported(int): a meeting was added from a file (its new id), to be opened.
    """

    done = Signal(str)
    imported = Signal(int)

    def __init__(self, session: Session, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self._window = window
        self.folder = Path.home()  # where the last file was; the dialog starts there

    def export_meeting(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        from facilitator.exchange import export_json
        from facilitator.templates import safe_file_stem

        meeting = self.session.meeting()
        if meeting is None:
            self.session.report("open a meeting to export it")
            return None
        case = self.session.ws.scalar("SELECT label FROM cases WHERE id = ?", (meeting["case_id"],))
        stem = safe_file_stem(f"{case} {meeting['title']}")
        suggested = self.folder / f"{stem}.json"
        chosen, _ = QFileDialog.getSaveFileName(
            self._window, "Export meeting file", str(suggested), FILTER
        )
        if not chosen:
            return None
        out = Path(chosen)
        if not out.suffix:
            out = out.with_suffix(".json")
        try:
            export_json(self.session.ws, MeetingId(meeting["id"]), out)
        except (FacilitatorError, OSError) as error:
            self.session.report(f"meeting file not written: {_reason(error)}")
            return None
        self.folder = out.parent
        private = (
            " It holds the team-only items too: carry it safely, and delete it once imported."
            if _holds_team_only(self.session, meeting)
            else ""
        )
        self.done.emit(
            f"Meeting file written to {out}. On the meeting laptop: File > Import meeting file…"
            + private
        )
        return out

    def import_meeting(self) -> MeetingId | None:
        from PySide6.QtWidgets import QFileDialog

        from facilitator.exchange import earlier_copies, import_json, read_json, same_file_note

        chosen, _ = QFileDialog.getOpenFileName(
            self._window, "Import meeting file", str(self.folder), FILTER
        )
        if not chosen:
            return None
        path = Path(chosen)
        try:
            document = read_json(path)
            earlier = earlier_copies(self.session.ws, document)
            meeting_id = import_json(self.session.ws, document)
        except (FacilitatorError, OSError) as error:
            self.session.report(f"not imported: {_reason(error)}")
            return None
        self.folder = path.parent
        title = self.session.ws.scalar("SELECT title FROM meetings WHERE id = ?", (meeting_id,))
        again = f" ({same_file_note(earlier)})" if earlier else ""
        self.done.emit(f"Imported '{title}' from {path.name}{again}")
        self.imported.emit(meeting_id)
        return meeting_id


def _holds_team_only(session: Session, meeting: Row) -> bool:
    """Whether the meeting's file carries anything the parents' copy would leave out."""
    if is_team_only(meeting):
        return True
    return any(
        session.ws.scalar(
            f"SELECT 1 FROM {table} WHERE meeting_id = ? AND team_only = 1", (meeting["id"],)
        )
        for table in TEAM_ONLY_TABLES
    )


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error).splitlines()[0] if str(error) else type(error).__name__
