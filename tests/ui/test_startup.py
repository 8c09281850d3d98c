"""Opening the workspace for the window: a damaged file is set aside and the newest good backup is
offered in a banner (one click restores it); a workspace another window holds opens read-only
when asked, and then refuses every action in one line."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator import board, deletion, live, recovery
from facilitator.backups import make_backup, restore
from facilitator.clock import FakeClock
from facilitator.demo import create_demo
from facilitator.errors import WorkspaceError
from facilitator.lock import DamageNote, WorkspaceLock
from facilitator.model import MeetingId, ParticipantId
from facilitator.store import Workspace
from facilitator.workspace_files import companion
from tests.facilitator.damage import damage_table, flip_in_schema_text, undecodable_text
from tests.facilitator.helpers import small_meeting
from tests.ui.keys import press
from ui import startup
from ui.app import read_font_configuration_meanwhile, run_window
from ui.auto_backups import backup_policy
from ui.main_window import MainWindow
from ui.notice import Tone
from ui.session import Session
from ui.settings import SettingsStore
from ui.startup import Opened, announce, open_workspace
from ui.support_code import CACHE_NAME
from ui.widgets import READ_ONLY_PLACEHOLDER, QuickAdd


def never_asked(reason: str) -> bool:
    raise AssertionError(f"asked about read-only: {reason}")


@pytest.fixture
def workspace(db_path: Path) -> Path:
    """A workspace holding the sample case, closed cleanly."""
    with Workspace.open(db_path) as ws:
        create_demo(ws)
    return db_path


def damage_pages(path: Path) -> None:
    """Garbage over a few pages in the middle: the file opens, but `quick_check` fails."""
    with path.open("r+b") as handle:
        handle.seek(4096 * 4)
        handle.write(b"\xa5" * 4096 * 4)


def left_by_a_crash(path: Path) -> None:
    companion(path, "-wal").touch()  # what a killed process leaves beside the file


@pytest.fixture
def opened_window(
    qtbot: QtBot, settings: SettingsStore
) -> Iterator[tuple[list[Opened], list[MainWindow]]]:
    """Makes the window the way `run_window` does, for the `Opened` it is given."""
    made: tuple[list[Opened], list[MainWindow]] = ([], [])
    yield made
    for window in made[1]:
        window.close()  # before its workspace: closing saves the layout, which repaints
        window.session.ws.close()
        if window.session.lock is not None:  # its own, or one it took over (`record_here`)
            window.session.lock.release()
    for opened in made[0]:
        if opened.lock is not None:
            opened.lock.release()


def show(
    qtbot: QtBot,
    settings: SettingsStore,
    opened: Opened,
    made: tuple[list[Opened], list[MainWindow]],
) -> MainWindow:
    window = MainWindow(Session(opened.ws, lock=opened.lock), settings)
    qtbot.addWidget(window)
    made[0].append(opened)
    made[1].append(window)
    window.open_meeting(None)
    announce(window, opened)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def held_elsewhere(workspace: Path) -> Iterator[WorkspaceLock]:
    """The workspace's lock, held as the window that records holds it."""
    other = WorkspaceLock(workspace)
    other.acquire(program="the Facilitator window")
    yield other
    other.release()


def read_only_on_last_meeting(
    qtbot: QtBot,
    workspace: Path,
    settings: SettingsStore,
    made: tuple[list[Opened], list[MainWindow]],
) -> tuple[MainWindow, MeetingId]:
    """A second window, opened read-only (the workspace is held elsewhere), on its last meeting."""
    opened = open_workspace(workspace, ask_read_only=lambda why: True)
    window = show(qtbot, settings, opened, made)
    meeting = MeetingId(window.session.ws.scalar("SELECT max(id) FROM meetings"))
    window.open_meeting(meeting)
    return window, meeting


def searched(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the banner has the outcome of the search for a backup (made on a worker)."""
    qtbot.waitUntil(lambda: "Looking for" not in window.notice.text(), timeout=10_000)


def test_a_clean_start_skips_the_start_up_check(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recovery, "check_on_open", lambda path: pytest.fail("checked"))
    opened = open_workspace(workspace, ask_read_only=never_asked)
    try:
        assert opened.damage is None and opened.lock is not None and not opened.ws.read_only
    finally:
        opened.close()


def test_a_damaged_workspace_is_set_aside_and_the_newest_good_backup_restores_it(
    qtbot: QtBot,
    workspace: Path,
    settings: SettingsStore,
    opened_window: tuple[list[Opened], list[MainWindow]],
) -> None:
    policy = backup_policy(settings.current)
    with Workspace.open(workspace) as ws:
        make_backup(ws, policy, reason="meeting-end")
        meetings = ws.scalar("SELECT count(*) FROM meetings")
    damage_pages(workspace)
    left_by_a_crash(workspace)
    opened = open_workspace(workspace, ask_read_only=never_asked)
    assert opened.damage is not None and "is damaged" in opened.damage.problem
    aside = opened.damage.aside
    assert aside.exists() and ".damaged-" in aside.name  # moved, never deleted
    assert opened.ws.scalar("SELECT count(*) FROM meetings") == 0  # a fresh workspace
    window = show(qtbot, settings, opened, opened_window)
    notice = window.notice
    searched(qtbot, window)
    assert notice.isVisible() and notice.tone is Tone.WARNING
    assert f"moved aside to {aside}" in notice.text() and "nothing was deleted" in notice.text()
    assert "The newest backup that verifies is from " in notice.text()
    assert notice.action.text().startswith("Restore the backup from ")
    qtbot.mouseClick(notice.action, Qt.MouseButton.LeftButton)  # one click
    assert window.session.ws.scalar("SELECT count(*) FROM meetings") == meetings
    assert notice.tone is Tone.DONE and f"damaged file is kept as {aside}" in notice.text()
    assert aside.exists()


def test_a_workspace_that_will_not_open_is_damage_too(
    qtbot: QtBot,
    workspace: Path,
    settings: SettingsStore,
    opened_window: tuple[list[Opened], list[MainWindow]],
) -> None:
    with workspace.open("r+b") as handle:
        handle.seek(100)  # past the header: the schema page itself
        handle.write(b"\xa5" * 3000)
    opened = open_workspace(workspace, ask_read_only=never_asked)
    assert opened.damage is not None and opened.damage.aside.exists()
    window = show(qtbot, settings, opened, opened_window)
    searched(qtbot, window)
    assert "No backup that verifies was found" in window.notice.text()
    assert not window.notice.action.isVisible()


def test_a_flipped_byte_in_the_schema_is_damage_set_aside_at_start_up(workspace: Path) -> None:
    flip_in_schema_text(workspace, b"CREATE TABLE meetings")
    opened = open_workspace(workspace, ask_read_only=never_asked)
    try:
        assert opened.damage is not None and "malformed database schema" in opened.damage.problem
        assert opened.damage.aside.exists()
    finally:
        opened.close()


def last_meeting(path: Path) -> MeetingId:
    with Workspace.open(path, read_only=True) as ws:
        return MeetingId(ws.scalar("SELECT max(id) FROM meetings"))


def test_damage_found_while_reading_is_said_once_and_the_next_start_sets_the_file_aside(
    qtbot: QtBot,
    workspace: Path,
    settings: SettingsStore,
    opened_window: tuple[list[Opened], list[MainWindow]],
) -> None:
    """The start-up check cannot see every damage (a clean start skips it): a panel that cannot
    read its table shows nothing, the window says why and what to do, once, with no traceback;
    the next start sets the file aside."""
    meeting = last_meeting(workspace)
    damage_table(workspace, "non_negotiables")
    opened = open_workspace(workspace, ask_read_only=never_asked)
    assert opened.damage is None  # a clean start: not checked
    window = show(qtbot, settings, opened, opened_window)
    said: list[str] = []
    window.session.damaged.connect(said.append)
    window.open_meeting(meeting)
    window.open_meeting(None)
    window.open_meeting(meeting)  # every panel reads again: said once all the same
    assert said == [window.session.damage]
    assert said[0].startswith("The workspace is damaged (database disk image is malformed)")
    assert "start it again to set it aside and open the newest good backup" in said[0]
    assert window.notice.tone is Tone.REFUSED and said[0] in window.notice.text()
    assert all(model.rowCount() == 0 for model in window.non_negotiables.models.values())
    assert window.concerns.models[0].rowCount() > 0  # what still reads is shown
    window.close()
    opened.close()
    again = open_workspace(workspace, ask_read_only=never_asked)
    try:
        assert again.damage is not None
        assert again.damage.problem == f"{workspace} is damaged (database disk image is malformed)"
        assert again.damage.aside.exists() and again.ws.scalar("SELECT count(*) FROM meetings") == 0
    finally:
        again.close()


def test_text_that_is_not_utf8_in_the_meeting_opened_is_said_once(
    qtbot: QtBot,
    workspace: Path,
    settings: SettingsStore,
    opened_window: tuple[list[Opened], list[MainWindow]],
) -> None:
    meeting = last_meeting(workspace)
    undecodable_text(workspace, "meetings", "ended_at", meeting)
    opened = open_workspace(workspace, ask_read_only=never_asked)
    window = show(qtbot, settings, opened, opened_window)
    window.open_meeting(meeting)  # resuming it reads the meeting first
    assert window.notice.tone is Tone.REFUSED
    assert "damaged (Could not decode to UTF-8 column 'ended_at'" in window.notice.text()


def test_damage_noted_in_a_file_since_replaced_is_not_held_against_the_new_one(
    workspace: Path,
) -> None:
    """A backup restored in the damaged file's place is another file: it is opened as usual."""
    lock = WorkspaceLock(workspace)
    lock.acquire(program=startup.PROGRAM)
    lock.note_damage(DamageNote("database disk image is malformed", (0, 0)))
    lock.release()
    opened = open_workspace(workspace, ask_read_only=never_asked)
    try:
        assert opened.damage is None and opened.ws.scalar("SELECT count(*) FROM meetings") == 2
    finally:
        opened.close()


def test_a_first_start_makes_the_workspace_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "data" / "facilitator" / "workspace.sqlite3"
    opened = open_workspace(path, ask_read_only=never_asked)
    try:
        assert path.is_file() and opened.lock is not None and opened.damage is None
    finally:
        opened.close()


def test_another_kind_of_file_is_never_moved(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear parents, ...")
    with pytest.raises(WorkspaceError, match="not a Facilitator workspace"):
        open_workspace(letter, ask_read_only=never_asked)
    assert letter.read_text() == "Dear parents, ..."


def test_a_workspace_held_by_another_window_opens_read_only_when_asked(
    qtbot: QtBot,
    workspace: Path,
    settings: SettingsStore,
    opened_window: tuple[list[Opened], list[MainWindow]],
    held_elsewhere: WorkspaceLock,
) -> None:
    asked: list[str] = []

    def open_it_read_only(why: str) -> bool:
        asked.append(why)
        return True

    opened = open_workspace(workspace, ask_read_only=open_it_read_only)
    assert asked == [opened.held_by]
    assert "already open in the Facilitator window (process" in asked[0]
    assert opened.ws.read_only and opened.lock is None
    window = show(qtbot, settings, opened, opened_window)
    meeting = window.session.ws.scalar("SELECT max(id) FROM meetings")
    window.open_meeting(meeting)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.windowTitle().endswith("(read-only)")
    assert window.notice.text().startswith("ℹ Read-only: this workspace is already open in")
    # The add rows say they take nothing, rather than take text the store would refuse; so do
    # those of a tab made later.
    rows = [*window.findChildren(QuickAdd), window.tab_panels.actions.quick_add]
    assert all(row.field.isReadOnly() and not row.button.isEnabled() for row in rows)
    assert window.concerns.quick_add.field.placeholderText() == READ_ONLY_PLACEHOLDER
    window.session.start_clock()
    assert not window.session._heartbeat.isActive()  # nothing is written, not even that
    window.session.stop_clock()
    events = window.session.ws.scalar("SELECT count(*) FROM events")
    change = window.session.run(
        "Add concern",
        lambda: board.add_concern(window.session.ws, meeting_id=meeting, text="x"),
    )
    assert change is None
    message = window.statusBar().currentMessage()
    assert message.startswith("⚠ not recorded:") and "read-only" in message
    assert "\n" not in message
    assert window.session.ws.scalar("SELECT count(*) FROM events") == events


def test_a_read_only_window_follows_the_window_that_records(
    qtbot: QtBot,
    workspace: Path,
    settings: SettingsStore,
    opened_window: tuple[list[Opened], list[MainWindow]],
    held_elsewhere: WorkspaceLock,
) -> None:
    """What the recording window writes shows in the read-only window within a tick: the panels
    the operations touched read again; the recording window's heartbeat reloads nothing."""
    window, meeting = read_only_on_last_meeting(qtbot, workspace, settings, opened_window)
    raised = window.concerns.models[0]
    before = [row["text"] for row in raised.rows()]
    with Workspace.open(workspace) as recording:
        board.add_concern(recording, meeting_id=meeting, text="Bus times changed")
        assert window.session.follow_recording() is not None
        assert [row["text"] for row in raised.rows()] == [*before, "Bus times changed"]
        live.mark_alive(recording, meeting_id=meeting)  # no audited change: nothing to read
        assert window.session.follow_recording() is None
        assert window.session.follow_recording() is None
        window.session.start_clock()  # and the tick does it by itself
        board.add_concern(recording, meeting_id=meeting, text="Homework folder")
        qtbot.waitUntil(
            lambda: [row["text"] for row in raised.rows()][-1:] == ["Homework folder"],
            timeout=5000,
        )
        window.session.stop_clock()
        assert window.statusBar().currentMessage() == (
            "F1 lists every key. Ctrl+Z undoes anything."
        )  # nothing went wrong on the way
        deletion.delete_meeting(recording, meeting)  # from the command line, say
        window.session.follow_recording()
        assert window.session.meeting_id is None  # nothing of it is left to show
        assert window.windowTitle() == "Facilitator (read-only)"


def test_a_read_only_window_says_when_the_live_meeting_is_no_longer_recorded(
    qtbot: QtBot,
    workspace: Path,
    settings: SettingsStore,
    opened_window: tuple[list[Opened], list[MainWindow]],
    held_elsewhere: WorkspaceLock,
) -> None:
    """The recording window died (kill -9): its heartbeat stops, and the read-only window, whose
    clocks would run on as if the meeting were recorded, says so once."""
    window, _ = read_only_on_last_meeting(qtbot, workspace, settings, opened_window)
    with Workspace.open(workspace) as recording:
        meeting, _ = small_meeting(recording)
        live.start_meeting(recording, meeting_id=meeting)
        live.mark_alive(recording, meeting_id=meeting)
    session = window.session
    window.open_meeting(meeting)
    session.follow_recording()
    assert "not being recorded" not in window.statusBar().currentMessage()
    later = FakeClock(session.ws.clock.now() + timedelta(seconds=31))
    session.ws.clock = later
    session.follow_recording()
    message = window.statusBar().currentMessage()
    assert message.startswith("⚠ this meeting is not being recorded") and "\n" not in message
    window.statusBar().clearMessage()
    session.follow_recording()  # said once, not every second
    assert window.statusBar().currentMessage() == ""


Stopped = tuple[MainWindow, MeetingId, list[ParticipantId]]


@pytest.fixture
def stopped(
    qtbot: QtBot,
    workspace: Path,
    settings: SettingsStore,
    opened_window: tuple[list[Opened], list[MainWindow]],
    held_elsewhere: WorkspaceLock,
) -> Stopped:
    """A read-only window on a live meeting whose recording window went quiet 31 s ago, its
    lock still held (`held_elsewhere`: release it as the recording window's process ends)."""
    window, _ = read_only_on_last_meeting(qtbot, workspace, settings, opened_window)
    with Workspace.open(workspace) as recording:
        meeting, people = small_meeting(recording)
        live.start_meeting(recording, meeting_id=meeting)
        live.switch_speaker(recording, meeting_id=meeting, participant_id=people[0])
        live.mark_alive(recording, meeting_id=meeting)
    session = window.session
    window.open_meeting(meeting)
    session.ws.clock = FakeClock(session.ws.clock.now() + timedelta(seconds=31))
    session.follow_recording()
    return window, meeting, people


def test_a_read_only_window_records_the_meeting_once_the_recording_window_is_gone(
    qtbot: QtBot, workspace: Path, stopped: Stopped, held_elsewhere: WorkspaceLock
) -> None:
    window, meeting, people = stopped
    assert window.notice.tone is Tone.WARNING and "not being recorded" in window.notice.text()
    assert window.notice.action.text() == "Record here"
    held_elsewhere.release()  # the recording window's process is gone: so is its lock
    window.notice.action.click()
    session = window.session
    assert not session.ws.read_only and session.lock is not None
    assert window.notice.tone is Tone.DONE
    assert "(read-only)" not in window.windowTitle()
    assert not window.concerns.quick_add.field.isReadOnly()
    ws = session.ws
    gap = ws.row("SELECT * FROM interruptions WHERE meeting_id = ?", (meeting,))
    assert gap is not None  # the 31 s nobody recorded: an interruption, nobody's talk time
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.speakers.focus_tracker()
    press(qtbot, window, Qt.Key.Key_2)  # recorded here now
    assert live.current_speaker_id(ws, meeting) == people[1]
    with pytest.raises(WorkspaceError, match="already open"):
        WorkspaceLock(workspace).acquire()  # this window holds it, as a start would


def test_record_here_is_refused_in_one_line_while_the_other_window_holds_the_workspace(
    qtbot: QtBot, workspace: Path, stopped: Stopped, held_elsewhere: WorkspaceLock
) -> None:
    """Its heartbeat stopped, but it still holds the lock: asleep, say, not gone. The button
    stays, to try again once that window is closed; if it records again, the offer goes."""
    window, meeting, _ = stopped
    window.notice.action.click()
    text = window.notice.text()
    assert window.notice.tone is Tone.REFUSED and "\n" not in text
    assert text.startswith("✖ Not recording here: this workspace is already open in")
    assert window.session.ws.read_only and window.session.lock is None
    assert window.concerns.quick_add.field.isReadOnly()
    assert window.session.ws.scalar("SELECT count(*) FROM interruptions") == 0
    assert window.notice.action.isVisibleTo(window.notice)  # to try again
    awake = window.session.ws.clock  # it wakes up and records on
    with Workspace.open(workspace, clock=awake) as recording:
        live.mark_alive(recording, meeting_id=meeting)
    window.session.follow_recording()
    assert "records it again" in window.notice.text()
    assert not window.notice.action.isVisibleTo(window.notice)


def test_record_here_after_looking_at_another_meeting_still_keeps_the_gap_out_of_talk_time(
    qtbot: QtBot, workspace: Path, stopped: Stopped, held_elsewhere: WorkspaceLock
) -> None:
    """Looking away and back made the read-only window take the meeting as recorded here all
    along: the take-over skipped the resumption, and the dead time was the speaker's."""
    window, meeting, people = stopped
    window.open_meeting(None)
    window.open_meeting(meeting)
    held_elsewhere.release()
    window.notice.action.click()
    ws = window.session.ws
    gap = ws.row("SELECT * FROM interruptions WHERE meeting_id = ?", (meeting,))
    assert gap is not None
    first = ws.row(
        "SELECT ended_at FROM speaking_turns WHERE participant_id = ? ORDER BY id LIMIT 1",
        (people[0],),
    )
    assert first is not None and first["ended_at"] == gap["stopped_at"]


def test_a_window_that_found_the_workspace_damaged_does_not_take_it_over(
    qtbot: QtBot, workspace: Path, stopped: Stopped, held_elsewhere: WorkspaceLock
) -> None:
    window, meeting, _ = stopped
    assert window.session.found_damage(
        sqlite3.OperationalError("Could not decode to UTF-8 column 'text' with text 'Ana'")
    )
    held_elsewhere.release()
    window.record_here.record_here()
    assert window.notice.text().startswith("✖ Not recording here: the workspace is damaged")
    assert window.session.ws.read_only and window.session.lock is None
    WorkspaceLock(workspace).acquire()  # left free for the start that sets the file aside


def test_a_read_only_window_follows_a_backup_restored_by_the_window_that_records(
    qtbot: QtBot,
    workspace: Path,
    settings: SettingsStore,
    opened_window: tuple[list[Opened], list[MainWindow]],
    held_elsewhere: WorkspaceLock,
) -> None:
    """The window that records puts a backup in the file's place: the read-only window reads the
    restored file from the next tick, on the same meeting, and says why it changed."""
    policy = backup_policy(settings.current)
    with Workspace.open(workspace) as ws:
        backup = make_backup(ws, policy, reason="manual")
    window, meeting = read_only_on_last_meeting(qtbot, workspace, settings, opened_window)
    raised = window.concerns.models[0]
    in_the_backup = [row["text"] for row in raised.rows()]
    with Workspace.open(workspace) as recording:
        board.add_concern(recording, meeting_id=meeting, text="Bus times changed")
    assert window.session.follow_recording() is not None
    assert [row["text"] for row in raised.rows()] == [*in_the_backup, "Bus times changed"]
    old = window.session.ws
    assert not old.replaced_on_disk()
    restore(backup, workspace, policy, lock=held_elsewhere)  # as the recording window does
    assert old.replaced_on_disk()
    change = window.session.follow_recording()
    assert change is not None and change.kind == "restored elsewhere"
    assert window.session.ws is not old and window.session.ws.read_only
    assert not window.session.ws.replaced_on_disk()
    assert window.session.meeting_id == meeting
    assert [row["text"] for row in raised.rows()] == in_the_backup
    assert window.statusBar().currentMessage().startswith("The window that records restored")
    assert window.session.follow_recording() is None  # and it follows the new file from here
    with Workspace.open(workspace) as recording:
        board.add_concern(recording, meeting_id=meeting, text="Homework folder")
    assert window.session.follow_recording() is not None
    assert [row["text"] for row in raised.rows()][-1] == "Homework folder"
    window.open_meeting(None)  # File > Open meeting, browsing
    restore(backup, workspace, policy, lock=held_elsewhere)
    assert window.session.follow_recording() is not None
    assert window.session.meeting_id is None  # still browsing, now the restored file
    assert window.pages.currentWidget() is window.picker


def test_declining_read_only_is_one_line_and_exit_1(
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    qapp: object,
) -> None:
    monkeypatch.setattr(startup, "ask_read_only", lambda reason: False)
    with WorkspaceLock(workspace):
        assert run_window(workspace, None) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already open" in err


def test_the_check_is_cheap_to_skip(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = recovery.check_on_open

    def counted(path: Path) -> recovery.Health:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(recovery, "check_on_open", counted)
    left_by_a_crash(workspace)
    opened = open_workspace(workspace, ask_read_only=never_asked)
    opened.close()
    assert calls == [workspace]  # a crash left its log: checked, found healthy, opened as usual


def test_the_window_module_loads_nothing_it_needs_only_later() -> None:
    """What start-up leaves out (see docs/performance.md): each would cost time before the
    window shows, and each is loaded when first used."""
    code = (
        "import sys\n"
        "import ui.main_window\n"
        "later = ('docx', 'sqlite_utils', 'facilitator.templates', 'facilitator.exchange',"
        " 'ui.panels.case', 'ui.panels.notes', 'ui.panels.actions', 'ui.panels.settings_panel',"
        " 'ui.prepare.view', 'ui.projector', 'ui.help_overlay', 'ui.actions_view', 'ctypes',"
        " 'platform', 'hashlib', 'facilitator.meetings', 'ui.background')\n"
        "print(sorted(m for m in later if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def shown_window_reports(workspace: Path, tmp_path: Path, report: str) -> str:
    """What `report` prints: Python run in a child process the moment the real window, started
    as the `facilitator` command starts it, is first on screen (offscreen). The check is armed
    once the app has made its QApplication, as benchmarks/bench_window_start.py does."""
    code = (
        "import sys\n"
        "import ui.app\n"
        "made = ui.app._application\n"
        "def application():\n"
        "    app, settings = made()\n"
        "    from PySide6.QtCore import QTimer\n"
        "    from PySide6.QtWidgets import QMainWindow\n"
        "    def check():\n"
        "        for widget in app.topLevelWidgets():\n"
        "            handle = widget.windowHandle()\n"
        "            if isinstance(widget, QMainWindow) and handle is not None"
        " and handle.isExposed():\n"
        "                try:\n"
        f"                    {report}\n"
        "                finally:\n"
        "                    widget.close()\n"
        "                return\n"
        "        QTimer.singleShot(1, check)\n"
        "    QTimer.singleShot(0, check)\n"
        "    return app, settings\n"
        "ui.app._application = application\n"
        "sys.argv = ['facilitator', '--db', sys.argv[1]]\n"
        "from ui.launcher import main\n"
        "main()\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    env.pop("QT_NO_GUI_THREADPOOL", None)  # the tests' own process sets it: the app must
    result = subprocess.run(
        [sys.executable, "-c", code, str(workspace)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_window_shows_without_pyside_building_every_widget_class(
    workspace: Path, tmp_path: Path
) -> None:
    """The first widget Qt made itself (a scroll area's viewport, the next in the focus chain)
    that reaches Python makes PySide build every widget class it knows, QCalendarWidget to
    QWizard, to find the right type: about 13 ms before the window could show. Nothing on the
    way to the first paint may hand Python such a widget (docs/performance.md)."""
    built = shown_window_reports(
        workspace,
        tmp_path,
        "print(sorted(n for n in ('QCalendarWidget', 'QWizard', 'QMdiArea')"
        " if n in sys.modules['PySide6.QtWidgets'].__dict__), flush=True)",
    )
    assert built == "[]"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads Linux's thread names")
def test_the_first_paint_stays_on_the_windows_thread(workspace: Path, tmp_path: Path) -> None:
    """The sample meeting's board and tracker show tall scroll bars: painted by Qt's GUI thread
    pool, each took about 1.8 ms instead of 0.2 (`ui.app.paint_on_this_thread`)."""
    threads = shown_window_reports(
        workspace,
        tmp_path,
        "import pathlib; print(sorted({p.read_text().strip() for p in"
        " pathlib.Path('/proc/self/task').glob('*/comm')}), flush=True)",
    )
    assert "Thread (pooled)" not in threads
    assert "python" in threads  # the report did list the threads


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is Linux's")
def test_fontconfig_reads_its_configuration_on_another_thread() -> None:
    thread = read_font_configuration_meanwhile()
    assert thread is not None
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert thread.name == "font configuration"


def test_without_fontconfig_nothing_is_started(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    def no_library(name: str) -> object:
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(ctypes, "CDLL", no_library)
    assert read_font_configuration_meanwhile() is None


def test_the_second_start_takes_pysides_support_code_from_the_cache(
    workspace: Path, tmp_path: Path
) -> None:
    """`ui.support_code`: PySide's signature support still works from the kept bytecode: a Qt
    call with the wrong arguments is explained from it."""
    report = (
        "from PySide6.QtWidgets import QWidget\n"
        "                    try: QWidget.setWindowTitle(widget, 42)\n"
        "                    except TypeError as error: print(str(error).splitlines()[-1])"
    )
    first = shown_window_reports(workspace, tmp_path, report)
    cache = tmp_path / "cache" / "facilitator" / CACHE_NAME
    assert cache.is_file()
    kept = cache.stat().st_mtime_ns
    second = shown_window_reports(workspace, tmp_path, report)
    assert first == second == "PySide6.QtWidgets.QWidget.setWindowTitle(arg__1: str, /)"
    assert cache.stat().st_mtime_ns == kept  # nothing compiled anew, nothing written
