"""Automatic backups while a meeting runs: the core's `BackupScheduler` says when; a worker thread
with its own read-only connection makes the copy and thins old ones, so a backup never blocks the
meeting, and a failure is one line in the status bar.

The backups core is imported when a meeting first runs, not while the window starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from facilitator.store import Change, Workspace
from ui.session import Session
from ui.settings import Settings

if TYPE_CHECKING:
    from facilitator.backups import BackupPolicy, BackupReason, BackupScheduler
    from ui.background import Background


def backup_policy(settings: Settings) -> BackupPolicy:
    """The backup policy the settings describe (folder, and how long daily backups are kept)."""
    from facilitator.backups import BackupPolicy, default_backup_folder

    folder = Path(settings.backup_folder).expanduser() if settings.backup_folder else None
    return BackupPolicy(
        folder=folder or default_backup_folder(), keep_daily_days=settings.backup_keep_days
    )


class AutoBackups(QObject):
    """Asks the scheduler at meeting start, on each change, every tick and at meeting end, and
    makes the backups it says are due. Nothing is backed up from a read-only window.

    Signals:
        made(object): a backup was written (its Path), and old ones thinned.
        failed(str): a backup could not be made (one line); the next tick tries again.
    """

    made = Signal(object)
    failed = Signal(str)

    def __init__(self, session: Session, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._settings = settings
        self._scheduler: BackupScheduler | None = None  # made when a meeting first runs
        self._jobs: Background | None = None

    @property
    def jobs(self) -> Background:
        """The worker thread backups are made on (one at a time)."""
        if self._jobs is None:
            from ui.background import Background

            self._jobs = Background(self)
        return self._jobs

    @property
    def policy(self) -> BackupPolicy:
        """The settings' policy, worked out when asked (the default folder is looked up then, not
        while the window starts)."""
        return backup_policy(self._settings)

    @property
    def scheduler(self) -> BackupScheduler:
        if self._scheduler is None:
            from facilitator.backups import BackupScheduler

            self._scheduler = BackupScheduler(self.policy, self.session.ws.clock)
        return self._scheduler

    def on_settings(self, settings: Settings) -> None:
        self._settings = settings
        if self._scheduler is not None:
            self._scheduler.policy = self.policy

    def on_meeting_opened(self, meeting_id: object = None) -> None:
        self._follow(changed=False)

    def on_change(self, change: Change) -> None:
        self._follow(changed=True)

    def on_tick(self) -> None:
        scheduler = self._scheduler
        if scheduler is not None and not self.session.ws.read_only and scheduler.tick():
            self._make("periodic")

    def _follow(self, *, changed: bool) -> None:
        """Keep the scheduler in step with the meeting on screen: started, ended, or changed."""
        if self.session.ws.read_only:
            return
        live = self.session.is_live()
        if not live and self._scheduler is None:
            return  # no meeting has run in this window yet: nothing to back up
        scheduler, meeting_id = self.scheduler, self.session.meeting_id
        due = False
        reason: BackupReason = "periodic"
        if live and meeting_id is not None and scheduler.meeting_id != meeting_id:
            due, reason = scheduler.on_meeting_started(meeting_id), "meeting-start"
        elif not live and scheduler.live:
            # The meeting ended (or its start was undone), or the window left it for another
            # one: either way its last state is kept, if anything changed since the last copy.
            ended = scheduler.meeting_id == meeting_id
            pending = scheduler.changed
            due = scheduler.on_meeting_ended() and (ended or pending)
            reason = "meeting-end" if ended else "periodic"
        elif changed:
            due = scheduler.on_change()
        if due:
            self._make(reason)

    def _make(self, reason: BackupReason) -> None:
        from facilitator.backups import make_backup, thin

        ws, policy = self.session.ws, self.scheduler.policy
        path, clock = ws.path, ws.clock

        def job() -> Path:
            with Workspace.open(path, read_only=True, clock=clock) as source:
                made = make_backup(source, policy, reason=reason)
            thin(policy, clock.now().astimezone())
            return made

        task = self.jobs.run(job)
        task.done.connect(self.made)
        task.failed.connect(self._failed)

    def _failed(self, text: str) -> None:
        self.scheduler.backup_failed()
        self.failed.emit(f"Automatic backup not made: {text}")
