"""The open workspace and meeting, and the only way the window changes the store."""

from __future__ import annotations

import sqlite3
import sys
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from facilitator import live
from facilitator.errors import FacilitatorError, WorkspaceError
from facilitator.lock import DamageNote, WorkspaceLock
from facilitator.model import MeetingId
from facilitator.store import Change, Row, Workspace
from facilitator.store_file import damage_in
from ui.undo import OperationCommand, Outcome

TICK_MS = 1000
HEARTBEAT_MS = 10_000
ASLEEP_AFTER_MS = 60_000  # six heartbeats missed: the computer slept, or the app was frozen
RECORDING_STOPPED_AFTER_MS = 3 * HEARTBEAT_MS  # seen from a read-only window


class Session(QObject):
    """Owns the Workspace, the meeting on screen and the one QUndoStack.

    Every change the window makes is `run()` as an `OperationCommand`; whatever changed the store
    is announced once, so each panel refreshes only when a change names its tables.

    Signals:
        changed(Change): after every operation, undo and redo.
        meeting_opened(object): another meeting (a MeetingId, or None) is on screen.
        resumed(Change): a live meeting was picked up again after the app had stopped.
        tick(): once a second while a meeting is open, to repaint timers.
        error(str): an operation was refused; one line to show without blocking anyone.
        workspace_replaced(object): `ws` is another Workspace (the file reopened after a restore,
            or for writing by `record_here`).
        recording_stopped(): in a read-only window, the live meeting on screen is no longer
            being recorded (once each time it stops).
        recording_again(): in a read-only window, the live meeting that had stopped being
            recorded is recorded again (the other window woke up).
        damaged(str): the workspace turned out damaged while in use (once per file): one line
            to keep in sight, saying what to do.

    Damage found while reading (SQLite reports a malformed page, or stored text that is not
    UTF-8) is the file's fault, not the code's: wherever it surfaces, in a panel's reload or in
    an operation, it is announced once as `damaged` instead of a traceback, and what cannot be
    read shows as nothing (a panel keeps the rows it had). Work goes on where the file still
    reads; the lock keeps a note, so the next start sets the file aside and offers the newest
    good backup (`ui.startup`). Nothing is written to the damaged file on that account.
    """

    changed = Signal(object)
    meeting_opened = Signal(object)
    resumed = Signal(object)
    tick = Signal()
    error = Signal(str)
    workspace_replaced = Signal(object)
    recording_stopped = Signal()
    recording_again = Signal()
    damaged = Signal(str)

    def __init__(
        self, ws: Workspace, parent: QObject | None = None, *, lock: WorkspaceLock | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.lock = lock  # the window's hold on the workspace (None: read-only, or a test)
        self.meeting_id: MeetingId | None = None
        self.undo_stack = QUndoStack(self)
        self._refusals = 0
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self.keep_alive)
        # A read-only window follows the window that records: what it last saw of the file.
        self._seen = (ws.data_version(), ws.last_event_id()) if ws.read_only else None
        self._follow_failed = False
        self._told_not_recorded = False
        if ws.read_only:  # a window that records announces its own operations as they run
            self._ticker.timeout.connect(self.follow_recording)  # before the tick repaints
        self.damage: str | None = None  # what `damaged` said, once it has
        # Live meetings this window records while another is on screen: their heartbeat goes on.
        self._recording: set[MeetingId] = set()
        _report_damage_to(self)

    # -- the meeting on screen -------------------------------------------------------------------

    def open_meeting(self, meeting_id: MeetingId | None) -> None:
        """Show another meeting (None: none). A live meeting is resumed once, here, unless this
        window has been recording it all along (another meeting was only looked at meanwhile)."""
        self.undo_stack.clear()
        if self.is_live() and self.meeting_id is not None and not self.ws.read_only:
            self._recording.add(self.meeting_id)  # it goes on being recorded, off screen
        self.meeting_id = meeting_id
        resumed: Change | None = None
        recorded_here = meeting_id in self._recording
        if meeting_id is not None and not self.ws.read_only and not recorded_here:
            try:
                resumed = live.resume_meeting(self.ws, meeting_id=meeting_id)
            except FacilitatorError as error:
                self.report(error)
            except sqlite3.DatabaseError as error:
                if not self.found_damage(error):
                    raise
        self.meeting_opened.emit(meeting_id)
        if resumed is not None:
            self.changed.emit(resumed)
            self.resumed.emit(resumed)

    def meeting(self) -> Row | None:
        if self.meeting_id is None:
            return None
        return self.ws.row("SELECT * FROM meetings WHERE id = ?", (self.meeting_id,))

    def is_live(self) -> bool:
        return self.meeting_id is not None and live.is_live(self.ws, self.meeting_id)

    def require_meeting(self) -> MeetingId:
        if self.meeting_id is None:
            raise RuntimeError("no meeting is open")  # panels are disabled without one
        return self.meeting_id

    # -- changing the store ----------------------------------------------------------------------

    def run(
        self, text: str, operation: Callable[[], Change | None], *, any_meeting: bool = False
    ) -> Change | None:
        """Run one core operation through the undo stack; None if it changed nothing or failed.
        Only while a meeting is open, unless the operation is on `any_meeting` (e.g. marking an
        action item of an earlier meeting done)."""
        if self.meeting_id is None and not any_meeting:
            return None
        outcome = Outcome()
        self.undo_stack.push(OperationCommand(self, text, operation, outcome))
        return outcome.change

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Operations run inside are one step for Ctrl+Z."""
        stack = self.undo_stack
        stack.beginMacro(text)
        try:
            yield
        finally:
            stack.endMacro()
            top = stack.command(stack.index() - 1)
            if top is not None and top.childCount() == 0:
                # Nothing inside was done: drop the empty step rather than offer to undo it.
                top.setObsolete(True)
                stack.undo()

    def undo(self) -> str | None:
        """Undo the last step: what was undone, or None if nothing was (or it was refused)."""
        return self._step(self.undo_stack.undoText(), self.undo_stack.undo)

    def redo(self) -> str | None:
        return self._step(self.undo_stack.redoText(), self.undo_stack.redo)

    def _step(self, text: str, step: Callable[[], None]) -> str | None:
        refused = self._refusals
        step()
        return text or None if self._refusals == refused else None

    def notify(self, change: Change) -> None:
        self.changed.emit(change)

    def report(self, error: FacilitatorError | str) -> None:
        self._refusals += 1
        self.error.emit(str(error))
        if self.ws.damage is not None:  # an operation met it
            self._announce_damage(self.ws.damage)

    def found_damage(self, error: BaseException) -> bool:
        """Whether `error` (from reading the workspace) means its file is damaged; if so, it is
        announced (once)."""
        problem = damage_in(error) if isinstance(error, sqlite3.DatabaseError) else None
        if problem is None:
            return False
        self._announce_damage(problem)
        return True

    def _announce_damage(self, problem: str) -> None:
        if self.damage is not None:
            return
        if self.lock is None:  # read-only: the window that records sets it aside
            then = "the window that records sets it aside when it is started again"
        else:
            if self.ws.file_identity is not None:
                self.lock.note_damage(DamageNote(problem, self.ws.file_identity))
            then = (
                "export the minutes now if you need them, then close the window and start it"
                " again to set it aside and open the newest good backup"
            )
        self.damage = (
            f"The workspace is damaged ({problem}), so some of it cannot be shown; {then}"
            " (nothing is deleted)."
        )
        self.damaged.emit(self.damage)

    def _notice_recording_stopped(self) -> None:
        """In a read-only window: say once if the live meeting on screen is no longer being
        recorded (its heartbeat stopped: the recording window closed, crashed or sleeps), since
        its clocks here would run on as if it were."""
        stale = (
            self.meeting_id is not None
            and self.is_live()
            and live.silent_for_ms(self.ws, self.meeting_id) > RECORDING_STOPPED_AFTER_MS
        )
        if stale and not self._told_not_recorded:
            self.report(
                "this meeting is not being recorded: the window that recorded it stopped (closed"
                " or crashed). Record it here (the banner's button), or close this window and"
                " open the workspace again"
            )
            self.recording_stopped.emit()
        elif self._told_not_recorded and not stale and self.is_live():
            self.recording_again.emit()
        self._told_not_recorded = stale

    def record_here(self) -> None:
        """In a read-only window whose recording window stopped: record in this one from now on
        (`ui.startup.take_over`). The live meeting on screen is picked up again as after a
        crash: the gap is recorded as an interruption, nobody's talk time. Raises
        WorkspaceError (one line) when the workspace cannot be taken; nothing changes then."""
        from ui.startup import NOT_TAKEN_DAMAGED, take_over

        if not self.ws.read_only:
            return
        if self.damage is not None:  # found here (text not UTF-8, say), where a check may not
            raise WorkspaceError(NOT_TAKEN_DAMAGED)
        old = self.ws
        opened = take_over(old.path, old.clock)
        self.lock = opened.lock
        self._seen = None  # nothing to follow: this window announces its own operations
        self._told_not_recorded = False
        old.close()
        self.use_workspace(opened.ws)
        if self._ticker.isActive():
            self._heartbeat.start()
        meeting_id, self.meeting_id = self.meeting_id, None  # opened anew, as at a start:
        self.open_meeting(meeting_id)  # a live meeting is picked up again, here

    def follow_recording(self) -> Change | None:
        """In a read-only window, show what another window has recorded since the last look:
        one change naming every table those operations touched (every table, where the log no
        longer says), so each panel reads again what it shows. A backup restored in the file's
        place is opened instead (`_follow_replaced_file`). Called with every tick; when nothing
        was written, a look is one `stat` and one PRAGMA. Returns the change announced, if any."""
        if self._seen is None:
            return None  # this window records: its own operations are announced as they run
        version, last_seen = self._seen
        try:
            if self.ws.replaced_on_disk():
                return self._follow_replaced_file()
            self._notice_recording_stopped()
            now = self.ws.data_version()
            if now == version:
                return None
            recorded = self.ws.recorded_after(last_seen)
            if not recorded:  # the other window's heartbeat: nothing any panel shows
                self._seen = (now, last_seen)
                return None
            if all(change.tables for change in recorded):
                tables = frozenset().union(*(change.tables for change in recorded))
            else:
                tables = self.ws.table_names()
            gone = self.meeting_id is not None and self.meeting() is None
        except (sqlite3.Error, WorkspaceError) as error:  # out of reach: say so once, look again
            if self.found_damage(error):
                return None
            if not self._follow_failed:
                self._follow_failed = True
                self.report(f"could not read what the other window recorded: {error}")
            return None
        self._follow_failed = False
        self._seen = (now, recorded[-1].event_id)
        meetings = {change.meeting_id for change in recorded}
        change = Change(
            event_id=recorded[-1].event_id,
            kind="recorded elsewhere",
            meeting_id=meetings.pop() if len(meetings) == 1 else None,
            tables=tables,
            undoable=False,
        )
        if gone:  # deleted (from the command line): nothing of it is left to show
            self.open_meeting(None)
        self.changed.emit(change)
        return change

    def _follow_replaced_file(self) -> Change:
        """The window that records restored a backup: read the restored file from now on, on
        the same meeting if the backup holds it, else on its last meeting (no meeting stays no
        meeting: File > Open meeting lists the restored file's). Raises WorkspaceError while the
        new file cannot be opened read-only yet (still to be brought up to date)."""
        from facilitator.record import last_meeting_id

        old = self.ws
        ws = Workspace.open(old.path, clock=old.clock, read_only=True)
        old.close()
        self._follow_failed = False
        self._seen = (ws.data_version(), ws.last_event_id())
        self.use_workspace(ws)
        meeting_id = self.meeting_id
        if meeting_id is None or ws.row("SELECT id FROM meetings WHERE id = ?", (meeting_id,)):
            self.open_meeting(meeting_id)
        else:
            self.open_meeting(last_meeting_id(ws))
        change = Change(
            event_id=self._seen[1],
            kind="restored elsewhere",
            meeting_id=self.meeting_id,
            tables=ws.table_names(),
            undoable=False,
        )
        self.changed.emit(change)
        return change

    # -- time --------------------------------------------------------------------------------------

    def start_clock(self) -> None:
        """Start the 1 s repaint tick and the 10 s heartbeat (not in tests that drive time)."""
        self._ticker.start()
        if not self.ws.read_only:
            self._heartbeat.start()

    def stop_clock(self) -> None:
        """Stop the clocks; a meeting recorded until now is noted as alive until now (a quit
        then resumes from this moment, not from the last heartbeat)."""
        if self._heartbeat.isActive():
            self.keep_alive()
        self._ticker.stop()
        self._heartbeat.stop()

    def keep_alive(self) -> None:
        """The heartbeat of every live meeting this window records: lets a later resume know
        when the record stopped. A heartbeat that comes far too late means the computer was
        asleep (or the app frozen): that gap is recorded as an interruption, as after a crash,
        and never counted as anyone's speech."""
        meetings = self._recording | ({self.meeting_id} if self.meeting_id is not None else set())
        for meeting_id in sorted(meetings):
            try:
                if not live.is_live(self.ws, meeting_id):
                    self._recording.discard(meeting_id)
                    continue
                resumed = None
                if live.silent_for_ms(self.ws, meeting_id) > ASLEEP_AFTER_MS:
                    resumed = live.resume_meeting(self.ws, meeting_id=meeting_id)
                live.mark_alive(self.ws, meeting_id=meeting_id)
            except (sqlite3.Error, FacilitatorError) as error:  # a full disk must not stop it
                if not self.found_damage(error):
                    self.report(f"could not note that the meeting is still recording: {error}")
                continue
            if resumed is not None and meeting_id == self.meeting_id:
                self.changed.emit(resumed)
                self.resumed.emit(resumed)

    def use_workspace(self, ws: Workspace) -> None:
        """Work on `ws` from now on (the same file reopened after a restore); the caller opens a
        meeting next, which refreshes every panel."""
        self.undo_stack.clear()
        self.ws = ws
        if self.damage is not None:  # another file now: what was found does not hold for it
            self.damage = None
            if self.lock is not None:
                self.lock.note_damage(None)
        self.workspace_replaced.emit(ws)


def _report_damage_to(session: Session) -> None:
    """From now on, damage to `session`'s workspace that reaches the event loop uncaught (a
    panel reading it) is announced by the session, not printed as a traceback; anything else
    goes on to the hook there was (a traceback: a bug). The hook does not keep `session` alive.
    """
    previous = sys.excepthook
    owner = weakref.ref(session)

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        alive = owner()
        try:
            if alive is not None and alive.found_damage(error):
                return
        except RuntimeError:  # the session's Qt object is gone (a test's window closed)
            pass
        previous(kind, error, tb)

    sys.excepthook = hook
