"""Automatic backups from the window (made on a worker, thinned, failures one line) and the
Backups window (listed and verified on a worker; restore closes, restores and reopens)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator import backups, board, live
from facilitator.backups import BackupPolicy, list_backups, make_backup
from facilitator.clock import FakeClock
from facilitator.lock import WorkspaceLock
from facilitator.model import MeetingId
from facilitator.store import Workspace
from tests.ui.test_accessibility import controls, describe
from ui.auto_backups import backup_policy
from ui.backups_window import BackupsWindow
from ui.main_window import MainWindow
from ui.notice import Tone


@pytest.fixture
def policy(window: MainWindow) -> BackupPolicy:
    return window.auto_backups.policy


@pytest.fixture
def locked(window: MainWindow) -> Iterator[MainWindow]:
    """The window holding the workspace's lock, as `run_window` makes it (restore needs it)."""
    lock = WorkspaceLock(window.session.ws.path)
    lock.acquire(program="the Facilitator window")
    window.session.lock = lock
    yield window
    window.close()  # before its workspace: closing saves the layout, which repaints
    window.session.ws.close()  # a restore may have opened another connection
    lock.release()


def made(qtbot: QtBot, window: MainWindow, action: Any) -> Path:
    """Run `action`; the automatic backup it makes due, once written."""
    with qtbot.waitSignal(window.auto_backups.made, timeout=10_000) as signal:
        action()
    return Path(signal.args[0])


def reason(path: Path) -> str:
    return path.stem.rsplit("_", 1)[1]


def test_a_backup_is_made_on_a_worker_when_the_meeting_starts_and_ends(
    qtbot: QtBot,
    window: MainWindow,
    planned: MeetingId,
    policy: BackupPolicy,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[threading.Thread, Workspace]] = []
    real = backups.make_backup

    def spy(source: Workspace, *args: Any, **kwargs: Any) -> Path:
        seen.append((threading.current_thread(), source))
        return real(source, *args, **kwargs)

    monkeypatch.setattr(backups, "make_backup", spy)
    window.open_meeting(planned)
    start = made(qtbot, window, window.live.start)
    assert reason(start) == "meeting-start" and start.parent == policy.folder
    clock.advance(minutes=30)
    end = made(qtbot, window, window.live.end)
    assert reason(end) == "meeting-end"
    for thread, source in seen:
        assert thread is not threading.main_thread()
        assert source is not window.session.ws and source.read_only
    assert [info.path for info in list_backups(policy)] == [end, start]
    assert not window.statusBar().currentMessage().startswith("⚠")


def test_a_periodic_backup_follows_a_change_once_the_interval_has_passed(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, clock: FakeClock
) -> None:
    window.open_meeting(planned)
    made(qtbot, window, window.live.start)
    window.live.next_item()  # too soon after the first: nothing due
    assert not window.auto_backups.jobs.busy()
    clock.advance(minutes=6)
    window.session.tick.emit()  # the tick finds the change not yet backed up
    assert window.auto_backups.jobs.busy()
    qtbot.waitUntil(lambda: not window.auto_backups.jobs.busy())
    clock.advance(minutes=6)
    periodic = made(qtbot, window, window.live.next_item)  # a change after the interval: at once
    assert reason(periodic) == "periodic"


def test_old_backups_are_thinned_after_a_new_one(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, clock: FakeClock, policy: BackupPolicy
) -> None:
    old_clock = FakeClock("2026-09-01T15:00:00.000Z")
    with Workspace.open(window.session.ws.path, clock=old_clock, read_only=True) as then:
        old = make_backup(then, policy, reason="periodic")
        old_clock.advance(minutes=24 * 60)
        older_kept = make_backup(then, policy, reason="periodic")
    window.open_meeting(planned)
    new = made(qtbot, window, window.live.start)
    assert not old.exists() and not old.with_suffix(".json").exists()
    assert new.exists()
    assert not older_kept.exists()  # both are older than today plus 30 days of dailies
    assert [info.path for info in list_backups(policy)] == [new]


def test_a_backup_that_fails_is_one_line_and_is_tried_again(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, clock: FakeClock, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    window.settings.update(backup_folder=str(blocker / "backups"))
    window.open_meeting(planned)
    with qtbot.waitSignal(window.auto_backups.failed, timeout=10_000) as failed:
        window.live.start()
    (text,) = failed.args
    assert text.startswith("Automatic backup not made: ") and "\n" not in text
    assert text in window.statusBar().currentMessage()
    assert window.session.is_live()  # the meeting went on
    window.settings.update(backup_folder=str(tmp_path / "backups"))
    retried = made(qtbot, window, window.session.tick.emit)  # the next tick tries again
    assert retried.parent == tmp_path / "backups"


def test_the_settings_panel_sets_the_backup_folder_and_how_long_to_keep(
    window: MainWindow, tmp_path: Path
) -> None:
    rows = window.settings_panel.backups
    rows.folder.setText(str(tmp_path / "elsewhere"))
    rows.folder.editingFinished.emit()
    rows.keep.setValue(60)
    assert window.auto_backups.policy.folder == tmp_path / "elsewhere"
    assert window.auto_backups.policy.keep_daily_days == 60
    assert backup_policy(window.settings.current) == window.auto_backups.policy


# -- the Backups window ----------------------------------------------------------------------------


def open_backups(qtbot: QtBot, window: MainWindow) -> BackupsWindow:
    with qtbot.waitSignal(window.backups.checked, timeout=10_000):
        window.backups_action.trigger()
    return window.backups


def test_the_window_lists_when_why_which_meetings_and_whether_each_verifies(
    qtbot: QtBot, window: MainWindow, planned: MeetingId, policy: BackupPolicy, clock: FakeClock
) -> None:
    ws = window.session.ws
    good = make_backup(ws, policy, reason="manual")
    clock.advance(minutes=1)
    bad = make_backup(ws, policy, reason="periodic")
    with bad.open("r+b") as copy:
        copy.seek(4096 * 2)
        copy.write(b"\xff" * 4096 * 3)
    view = open_backups(qtbot, window)
    assert view.isVisible()
    model = view.model
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert [row[1] for row in rows] == ["during the meeting", "made by hand"]  # newest first
    assert rows[1][2] == "Annual IEP meeting (planned)"
    assert rows[1][3] == "✔ verifies"
    assert rows[0][3].startswith("✖ does not verify")
    assert backups.verify_backup(good).ok


def test_restoring_closes_the_workspace_restores_and_reopens_it(
    qtbot: QtBot, locked: MainWindow, planned: MeetingId, policy: BackupPolicy
) -> None:
    window = locked
    before = window.session.ws
    path = before.path
    make_backup(before, policy, reason="manual")
    board.add_concern(before, meeting_id=planned, text="Added after the backup")
    window.open_meeting(planned)
    view = open_backups(qtbot, window)
    view.table.setCurrentIndex(view.model.index(0, 0))
    with qtbot.waitSignal(view.restored) as restored:
        view.restore_button.click()
    ws = window.session.ws
    assert ws is not before and not ws.read_only
    assert ws.scalar("SELECT count(*) FROM concerns") == 0  # the backup's state
    assert window.session.meeting_id == planned
    (text,) = restored.args
    aside = Path(text.rsplit("kept as ", 1)[1])
    assert aside.parent == path.parent and "before-restore" in aside.name
    with Workspace.open(aside, read_only=True) as old:  # nothing was lost: it is kept aside
        assert old.scalar("SELECT count(*) FROM concerns") == 1
    assert window.notice.tone is Tone.DONE and str(aside) in window.notice.text()
    window.live.start()  # the window works on the reopened file
    assert ws.scalar("SELECT status FROM meetings WHERE id = ?", (planned,)) == "live"


def test_restoring_is_refused_while_a_meeting_is_running(
    qtbot: QtBot, locked: MainWindow, planned: MeetingId, policy: BackupPolicy
) -> None:
    window = locked
    ws = window.session.ws
    make_backup(ws, policy, reason="manual")
    window.open_meeting(planned)
    live.start_meeting(ws, meeting_id=planned)
    view = open_backups(qtbot, window)
    view.table.setCurrentIndex(view.model.index(0, 0))
    view.restore_button.click()
    assert (
        view.message.text() == "⚠ Not restored: a meeting is running; end it first (Ctrl+Shift+E)"
    )
    assert window.session.ws is ws and window.session.is_live()


def test_a_backup_that_does_not_verify_is_not_restored(
    qtbot: QtBot, locked: MainWindow, policy: BackupPolicy
) -> None:
    window = locked
    ws = window.session.ws
    bad = make_backup(ws, policy, reason="manual")
    bad.write_bytes(b"\0" * 4096)
    view = open_backups(qtbot, window)
    view.table.setCurrentIndex(view.model.index(0, 0))
    view.restore_button.click()
    assert view.message.text().startswith("⚠ Not restored: that backup does not verify")
    assert window.session.ws is ws


def test_an_empty_folder_says_so(qtbot: QtBot, window: MainWindow) -> None:
    view = open_backups(qtbot, window)
    assert view.model.rowCount() == 0
    assert view.message.text() == "No backups yet."


def test_restoring_needs_a_choice(qtbot: QtBot, locked: MainWindow, policy: BackupPolicy) -> None:
    make_backup(locked.session.ws, policy, reason="manual")
    view = open_backups(qtbot, locked)
    view.table.clearSelection()
    view.table.setCurrentIndex(view.model.index(-1, -1))
    view.restore_button.click()
    assert view.message.text() == "⚠ Not restored: choose a backup in the list first"


def test_every_control_of_the_backups_window_has_an_accessible_name(
    qtbot: QtBot, window: MainWindow, policy: BackupPolicy
) -> None:
    make_backup(window.session.ws, policy, reason="manual")
    view = open_backups(qtbot, window)
    found = controls(view)
    assert view.restore_button in found
    assert [describe(w) for w in found if not w.accessibleName()] == []


def test_esc_puts_the_backups_window_away(qtbot: QtBot, window: MainWindow) -> None:
    """As it puts the action items' window away; it stayed open."""
    backups = open_backups(qtbot, window)
    for focus in (backups.table, backups.refresh_button):  # on the list, or on a button
        if not backups.isVisible():
            backups.present()
        focus.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(focus, Qt.Key.Key_Escape)
        assert not backups.isVisible()


def test_the_window_opens_as_large_as_the_rooms_text_within_the_screen(
    qtbot: QtBot, window: MainWindow, policy: BackupPolicy
) -> None:
    window.settings.update(font_scale=125)
    backups = open_backups(qtbot, window)
    room = backups.screen().availableGeometry()
    assert backups.width() == min(round(900 * 1.25), room.width() * 9 // 10)
    assert backups.height() == min(round(420 * 1.25), room.height() * 9 // 10)
    backups.resize(800, 400)  # where the facilitator put it stays, once it has been shown
    backups.hide()
    open_backups(qtbot, window)
    assert (backups.width(), backups.height()) == (800, 400)
