"""File > Backups: the automatic backups of this workspace (when, why, which meetings, whether each
verifies, checked on a worker thread), and restoring one in place of the workspace.

Restoring closes the window's own connection first, hands the window's lock to the core's
`restore` (which keeps the replaced file aside, never deleting it), then reopens the workspace.
It is refused while a meeting is running: the record of a live meeting is never swapped under it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.backups import BackupInfo, BackupPolicy, list_backups, restore, verify_backup
from facilitator.errors import FacilitatorError, WorkspaceError
from facilitator.integrity import VerifyReport
from facilitator.record import last_meeting_id
from facilitator.recovery import newest_good_backup
from facilitator.store import Workspace
from ui.auto_backups import AutoBackups
from ui.background import Background
from ui.marks import OVERRUN
from ui.models.rows import Index, ItemRole, column_title
from ui.notice import Tone, open_folder
from ui.on_screen import size_on_first_show
from ui.session import Session
from ui.spoken import announce
from ui.style import ring
from ui.widgets import stretch_column, table_view

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.startup import Damage

REASONS = {
    "meeting-start": "the meeting started",
    "periodic": "during the meeting",
    "meeting-end": "the meeting ended",
    "manual": "made by hand",
    "before-restore": "just before a restore",
}
CHECKING = "checking…"


def when(info: BackupInfo) -> str:
    """A backup's time as the room's wall clock reads it."""
    return info.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def restore_in_window(
    session: Session, backup: Path, policy: BackupPolicy, *, jobs: Iterable[Background] = ()
) -> Path | None:
    """Put `backup` in place of the session's workspace; returns where the replaced file was set
    aside. Raises WorkspaceError (one line) when refused; the window has a workspace open either
    way. `jobs`: workers that may be reading the file, finished first."""
    if session.ws.read_only or session.lock is None:
        raise WorkspaceError("Not restored: this window has the workspace open read-only")
    if session.is_live():
        raise WorkspaceError("Not restored: a meeting is running; end it first (Ctrl+Shift+E)")
    for worker in jobs:
        worker.wait()
    path, clock, meeting_id = session.ws.path, session.ws.clock, session.meeting_id
    session.ws.close()
    try:
        return restore(backup, path, policy, lock=session.lock, clock=clock)
    finally:
        session.use_workspace(Workspace.open(path, clock=clock))
        known = session.ws.scalar("SELECT count(*) FROM meetings WHERE id = ?", (meeting_id,))
        session.open_meeting(meeting_id if known else last_meeting_id(session.ws))


def _verify(path: Path) -> tuple[Path, VerifyReport]:
    return path, verify_backup(path)


class BackupsModel(QAbstractTableModel):
    """The backups, newest first, each with whether it verifies (once checked).

    Emits only the item-model signals (dataChanged, modelReset).
    """

    COLUMNS = ("When", "Why", "Meetings", "Verifies")
    VERIFIES = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backups: list[BackupInfo] = []
        self._reports: dict[Path, VerifyReport] = {}

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self._reports = {}
        self.endResetModel()

    def set_report(self, path: Path, report: VerifyReport) -> bool:
        """Whether `path` is listed (a check of an earlier listing may land late)."""
        for row, info in enumerate(self._backups):
            if info.path == path:
                self._reports[path] = report
                cell = self.index(row, self.VERIFIES)
                self.dataChanged.emit(cell, cell)
                return True
        return False

    def backup_at(self, row: int) -> BackupInfo | None:
        return self._backups[row] if 0 <= row < len(self._backups) else None

    def report_of(self, info: BackupInfo) -> VerifyReport | None:
        return self._reports.get(info.path)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> Any:
        info = self.backup_at(index.row()) if index.isValid() else None
        if info is None:
            return None
        report = self._reports.get(info.path)
        if role in (ItemRole.DisplayRole, ItemRole.AccessibleTextRole):
            return self._text(info, report, index.column())
        if role == ItemRole.ToolTipRole:
            return str(info.path) if index.column() == 0 else None
        failed = report is not None and not report.ok
        if role == ItemRole.ForegroundRole and failed and index.column() == self.VERIFIES:
            return OVERRUN
        return None

    def _text(self, info: BackupInfo, report: VerifyReport | None, column: int) -> str:
        if column == 0:
            return when(info)
        if column == 1:
            return REASONS.get(info.reason, info.reason)
        if column == 2:
            meetings = [f"{m.title} ({m.status})" for m in info.meetings]
            return "; ".join(meetings) or "no meetings"
        if report is None:
            return CHECKING
        return "✔ verifies" if report.ok else f"✖ does not verify: {report.summary}"

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = ItemRole.DisplayRole
    ) -> Any:
        return column_title(self.COLUMNS, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class BackupsWindow(QWidget):
    """The list of backups and the restore button; a window of its own, never modal.

    Signals:
        restored(str): a backup was restored; one line saying from when, and where the replaced
            file was kept.
        checked(): every listed backup has been verified.
    """

    restored = Signal(str)
    checked = Signal()

    def __init__(
        self, session: Session, backups: AutoBackups, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation)  # the window's text size
        self.session = session
        self.backups = backups
        self.jobs = Background(self)
        self._unchecked = 0
        self.setObjectName("BackupsWindow")
        self.setWindowTitle("Backups")
        self.setAccessibleName("Backups")
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.model = BackupsModel(self)
        self.table = table_view("Backups", stretch=2)
        self.table.setModel(self.model)
        self.table.setEditTriggers(self.table.EditTrigger.NoEditTriggers)
        stretch_column(self.table)
        ring(self.table)
        self.restore_button = QPushButton("Restore the selected backup")
        self.restore_button.setAccessibleName("Restore the selected backup")
        self.restore_button.setToolTip(
            "Puts the backup in place of the workspace; the current file is kept aside, not deleted"
        )
        self.refresh_button = QPushButton("Check again")
        self.refresh_button.setAccessibleName("List and check the backups again")
        self.folder_button = QPushButton("Open backups folder")
        self.folder_button.setAccessibleName("Open the backups folder")
        self.message = QLabel()  # no name of its own: a screen reader reads the message itself
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.restore_button, self.refresh_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.where)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        column.addWidget(self.message)
        self.restore_button.clicked.connect(self.restore_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.folder_button.clicked.connect(lambda: open_folder(self.backups.policy.folder))

    def present(self) -> None:
        """Show the window in front and list the backups afresh."""
        if self.isVisible():
            self.raise_()  # behind the meeting window: bring it forward
        size_on_first_show(self, QSize(900, 420))
        self.show()
        self.activateWindow()
        self.refresh()

    def refresh(self) -> None:
        """List the backups and verify each, on a worker thread; the list fills in as they are."""
        policy, workspace = self.backups.policy, self.session.ws.path
        self.where.setText(f"Backups of {workspace} in {policy.folder}, newest first.")
        task = self.jobs.run(lambda: list_backups(policy, workspace))
        task.done.connect(self._listed)
        task.failed.connect(lambda text: self._say(f"⚠ Cannot list backups: {text}"))

    def restore_selected(self) -> None:
        info = self.model.backup_at(self.table.currentIndex().row())
        if info is None:
            self._say("⚠ Not restored: choose a backup in the list first")
            return
        report = self.model.report_of(info)
        if report is not None and not report.ok:
            self._say(f"⚠ Not restored: that backup does not verify ({report.summary})")
            return
        try:
            aside = restore_in_window(
                self.session,
                info.path,
                self.backups.policy,
                jobs=(self.jobs, self.backups.jobs),
            )
        except FacilitatorError as error:
            self._say(f"⚠ {error}")
            return
        kept = f"; the file it replaced is kept as {aside}" if aside else ""
        text = f"Restored the backup from {when(info)}{kept}"
        self._say(f"✔ {text}")
        self.restored.emit(text)
        self.refresh()

    def _listed(self, backups: list[BackupInfo]) -> None:
        self.model.set_backups(backups)
        self._say("" if backups else "No backups yet.")
        self._unchecked = len(backups)
        if not backups:
            self.checked.emit()
        for info in backups:
            task = self.jobs.run(partial(_verify, info.path))
            task.done.connect(self._verified)

    def _say(self, text: str) -> None:
        """Show `text` under the list; a screen reader says it too (a refusal at once)."""
        self.message.setText(text)
        announce(self.message, text, assertive=text.startswith("⚠"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # put away, as the action items' window is
            self.hide()
            return
        super().keyPressEvent(event)

    def _verified(self, result: tuple[Path, VerifyReport]) -> None:
        if not self.model.set_report(*result):
            return
        self._unchecked -= 1
        if self._unchecked == 0:
            self.checked.emit()


class DamageNotice(QObject):
    """Says what happened to a damaged workspace and offers the newest backup that verifies
    (looked for on a worker thread: it reads whole copies); one click restores it.

    Signals:
        offered(object): the search ended with this backup (a BackupInfo), or None.
    """

    offered = Signal(object)

    def __init__(self, window: MainWindow, damage: Damage) -> None:
        super().__init__(window)
        self.window = window
        self.damage = damage
        self.jobs = Background(self)

    def text(self) -> str:
        return (
            f"The workspace was damaged ({self.damage.problem}). It was moved aside to"
            f" {self.damage.aside} (nothing was deleted); this is a fresh, empty workspace."
        )

    def look_for_backup(self) -> None:
        self.window.notice.say(
            f"{self.text()} Looking for the newest backup that verifies…", Tone.WARNING
        )
        policy, path = self.window.auto_backups.policy, self.window.session.ws.path
        task = self.jobs.run(lambda: newest_good_backup(policy, path))
        task.done.connect(self._offer)
        task.failed.connect(lambda _text: self._offer(None))

    def _offer(self, info: BackupInfo | None) -> None:
        text = self.text()
        if info is None:
            self.window.notice.say(f"{text} No backup that verifies was found.", Tone.WARNING)
        else:
            self.window.notice.say(
                f"{text} The newest backup that verifies is from {when(info)}.",
                Tone.WARNING,
                action=f"Restore the backup from {when(info)}",
                step=lambda: self.restore(info),
            )
        self.offered.emit(info)

    def restore(self, info: BackupInfo) -> None:
        backups = self.window.auto_backups
        try:
            restore_in_window(
                self.window.session, info.path, backups.policy, jobs=(self.jobs, backups.jobs)
            )
        except FacilitatorError as error:
            self.window.notice.say(
                str(error), Tone.REFUSED, action="Try again", step=lambda: self.restore(info)
            )
            return
        self.window.notice.say(
            f"Restored the backup from {when(info)}. The damaged file is kept as"
            f" {self.damage.aside}.",
            Tone.DONE,
        )
