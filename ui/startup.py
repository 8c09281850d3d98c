"""Opening the workspace for the window: one writer at a time, and a damaged file set aside.

- Another window holds the workspace (its lock): say which program, and offer to open it read-only
  (the one dialog of the app, shown before any meeting is on screen in this copy).
- The file is damaged: move it aside (never delete it), start on a fresh workspace, and say so in a
  banner that offers the newest backup that verifies, one click to restore it.

The full start-up check (`check_on_open`: ~0.1 s on a workspace of 1,000 meetings) runs only when
the last session did not end cleanly (a `-wal` file was left beside the workspace: a crash, a
kill, a dead battery) or when the file cannot be opened at all; a clean start costs one `stat`.
Damage the last window met while in use (which the check may not see: text that is not UTF-8) was
noted in the lock (`Session.damaged`): that file is set aside without a check.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from facilitator.errors import WorkspaceError
from facilitator.lock import WorkspaceLock
from facilitator.store import Workspace
from facilitator.store_file import file_identity

if TYPE_CHECKING:
    from facilitator.clock import Clock
    from ui.main_window import MainWindow

PROGRAM = "the Facilitator window"
AskReadOnly = Callable[[str], bool]


class Damage(NamedTuple):
    """A damaged workspace found at start-up: what was wrong, and where the file now is."""

    problem: str
    aside: Path


class Opened:
    """The workspace the window works on. `lock` is None when it is open read-only, and
    `held_by` then says why (who has it)."""

    def __init__(
        self,
        ws: Workspace,
        lock: WorkspaceLock | None,
        *,
        held_by: str = "",
        damage: Damage | None = None,
    ) -> None:
        self.ws = ws
        self.lock = lock
        self.held_by = held_by
        self.damage = damage

    def close(self) -> None:
        self.ws.close()
        if self.lock is not None:
            self.lock.release()


def open_workspace(path: Path, *, ask_read_only: AskReadOnly) -> Opened:
    """Take the workspace's lock and open it, setting a damaged file aside; or, if another
    program holds it and `ask_read_only(why)` agrees, open it read-only. Raises WorkspaceError
    (one line) when it cannot be opened at all."""
    path = Path(path)
    try:  # a first start: the folder of the new workspace (and of its lock) is made here
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise WorkspaceError(f"cannot create {path.parent}: {error.strerror or error}") from None
    lock = WorkspaceLock(path)
    try:
        lock.acquire(program=PROGRAM)
    except WorkspaceError as error:
        if not path.is_file() or not ask_read_only(str(error)):
            raise
        return Opened(Workspace.open(path, read_only=True), None, held_by=str(error))
    try:
        damage = _set_aside_if_noted(path, lock)
        if damage is None and left_unclean(path):
            damage = _set_aside_if_damaged(path, lock)
        try:
            ws = Workspace.open(path)
        except WorkspaceError:
            if damage is not None or not path.is_file():
                raise
            damage = _set_aside_if_damaged(path, lock)
            if damage is None:
                raise
            ws = Workspace.open(path)
    except BaseException:
        lock.release()
        raise
    return Opened(ws, lock, damage=damage)


NOT_TAKEN_DAMAGED = (
    "the workspace is damaged: close this window and open it again, which sets the damaged"
    " file aside and offers the newest backup that verifies"
)


def take_over(path: Path, clock: Clock) -> Opened:
    """The workspace for a read-only window to record in from now on, the window that recorded
    having stopped: its lock, and the file open for writing, checked first where that window
    left it after a crash. Raises WorkspaceError (one line) while another window still holds
    it (asleep, say), or when the file turns out damaged: a start sets a damaged file aside and
    offers the newest good backup, which a window showing that file cannot do."""
    lock = WorkspaceLock(path)
    lock.acquire(program=PROGRAM)
    try:
        if _noted_damage(path, lock) or (left_unclean(path) and _damage_found(path)):
            raise WorkspaceError(NOT_TAKEN_DAMAGED)
        return Opened(Workspace.open(path, clock=clock, create=False), lock)
    except BaseException:
        lock.release()
        raise


def left_unclean(path: Path) -> bool:
    """Whether the last program to write the workspace stopped without closing it."""
    return Path(f"{path}-wal").exists()  # the write-ahead log a closed workspace never leaves


def is_damage(problem: str) -> bool:
    """A problem that means the file is damaged, not that it is some other kind of file (which
    is never moved: it may be a document given by mistake)."""
    return "damaged" in problem or "audit log" in problem


def _noted_damage(path: Path, lock: WorkspaceLock) -> str | None:
    """What the last window to hold the file noted as damaged, if it is still that file (not
    gone, nor a backup restored in its place since)."""
    noted = lock.noted_damage
    if noted is None or file_identity(path) != noted.file:
        return None
    return noted.problem


def _damage_found(path: Path) -> str | None:
    """What the full check finds damaged in the file, if anything (run only after a crash)."""
    from facilitator.recovery import check_on_open

    health = check_on_open(path)
    if health.ok or health.problem is None or not is_damage(health.problem):
        return None
    return health.problem


def _set_aside_if_noted(path: Path, lock: WorkspaceLock) -> Damage | None:
    """Set the file aside if the last window to hold it found it damaged."""
    problem = _noted_damage(path, lock)
    if problem is None:
        return None
    from facilitator.recovery import set_aside_damaged

    return Damage(f"{path} is damaged ({problem})", set_aside_damaged(path, lock=lock))


def _set_aside_if_damaged(path: Path, lock: WorkspaceLock) -> Damage | None:
    problem = _damage_found(path)
    if problem is None:
        return None
    from facilitator.recovery import set_aside_damaged

    return Damage(problem, set_aside_damaged(path, lock=lock))


def ask_read_only(reason: str) -> bool:
    """The start-up question when another program has the workspace: open it read-only, or quit."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question, "Facilitator", f"{reason[:1].upper()}{reason[1:]}."
    )
    box.setInformativeText(
        "Only one window can record in a workspace at a time. You can open it here read-only:"
        " every meeting can be looked at, as the other window records it, and its minutes"
        " exported, but nothing is recorded here."
    )
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def announce(window: MainWindow, opened: Opened) -> None:
    """Tell the facilitator, in the window's banner, how the workspace was opened, and, should it
    turn out damaged later, that too."""
    if opened.held_by:
        window.notice.say(
            f"Read-only: {opened.held_by}. What that window records shows here within a"
            " second; you can look at every meeting and export minutes, but nothing you do in"
            " this window is recorded."
        )
    if opened.damage is not None:
        from ui.backups_window import DamageNotice

        DamageNotice(window, opened.damage).look_for_backup()
    from ui.notice import Tone

    session = window.session
    session.damaged.connect(lambda text: window.notice.say(text, Tone.REFUSED))
    if session.damage is not None:  # found while opening the meeting, before this was connected
        window.notice.say(session.damage, Tone.REFUSED)
