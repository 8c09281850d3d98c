"""Automatic backups: owner-only consistent copies with an index, taken on schedule, thinned by age,
listed newest first, and restored without ever deleting the file they replace."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator import board, paths
from facilitator.backups import (
    BackupPolicy,
    BackupScheduler,
    default_backup_folder,
    list_backups,
    make_backup,
    restore,
    thin,
)
from facilitator.cli import build_cli
from facilitator.clock import FakeClock, parse_timestamp
from facilitator.errors import WorkspaceError
from facilitator.integrity import verify
from facilitator.lock import WorkspaceLock
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting

HOLDER = r"""
import sys, time
from facilitator.lock import WorkspaceLock
lock = WorkspaceLock(sys.argv[1]); lock.acquire(program="Facilitator window")
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def policy(tmp_path: Path) -> BackupPolicy:
    return BackupPolicy(folder=tmp_path / "backups")


def notes(path: Path) -> list[str]:
    with Workspace.open(path, read_only=True) as ws:
        return [r["text"] for r in ws.rows("SELECT text FROM notes ORDER BY id")]


def add_note(ws: Workspace, text: str) -> None:
    meeting_id = ws.scalar("SELECT max(id) FROM meetings") or small_meeting(ws)[0]
    board.add_note(ws, meeting_id=meeting_id, text=text)


# -- making backups --------------------------------------------------------------------------------


def test_the_default_folder_is_backups_in_the_data_folder() -> None:
    assert default_backup_folder() == paths.data_dir() / "backups"
    assert BackupPolicy().folder == paths.data_dir() / "backups"
    assert "XDG_DATA_HOME" in os.environ  # tests never touch the real data folder
    assert str(BackupPolicy().folder).startswith(os.environ["XDG_DATA_HOME"])


def test_a_backup_is_a_verified_owner_only_copy_named_by_time_workspace_and_reason(
    demo_ws: Workspace, policy: BackupPolicy
) -> None:
    copy = make_backup(demo_ws, policy, reason="meeting-start")
    assert copy.parent == policy.folder
    assert copy.name == "2026-11-29T150000.000Z_workspace_meeting-start.sqlite3"
    assert stat.S_IMODE(policy.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.with_suffix(".json").stat().st_mode) == 0o600
    with Workspace.open(copy, read_only=True) as restored:
        assert verify(restored).ok
        assert restored.scalar("SELECT count(*) FROM events") == demo_ws.scalar(
            "SELECT count(*) FROM events"
        )


def test_making_a_backup_records_nothing_in_the_workspace(
    demo_ws: Workspace, policy: BackupPolicy
) -> None:
    before = demo_ws.scalar("SELECT count(*) FROM events")
    make_backup(demo_ws, policy, reason="manual")
    assert demo_ws.scalar("SELECT count(*) FROM events") == before


def test_the_sidecar_indexes_the_copy_without_opening_it(
    demo_ws: Workspace, policy: BackupPolicy
) -> None:
    copy = make_backup(demo_ws, policy, reason="periodic")
    sidecar = json.loads(copy.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["created_at"] == "2026-11-29T15:00:00.000Z"
    assert sidecar["workspace"] == str(demo_ws.path.resolve())
    assert sidecar["reason"] == "periodic"
    assert sidecar["schema_version"] == demo_ws.scalar("PRAGMA user_version")
    assert sidecar["meetings"] == demo_ws.rows("SELECT id, title, status FROM meetings ORDER BY id")


def test_two_backups_in_the_same_millisecond_both_survive(
    fresh_ws: Workspace, policy: BackupPolicy
) -> None:
    first = make_backup(fresh_ws, policy, reason="manual")
    second = make_backup(fresh_ws, policy, reason="manual")
    assert first != second and first.exists() and second.exists()


def test_an_unknown_reason_is_a_programming_error(
    fresh_ws: Workspace, policy: BackupPolicy
) -> None:
    with pytest.raises(ValueError, match="reason"):
        make_backup(fresh_ws, policy, reason="whenever")  # type: ignore[arg-type]


# -- listing ---------------------------------------------------------------------------------------


def test_backups_are_listed_newest_first_for_their_workspace_only(
    tmp_path: Path, clock: FakeClock, policy: BackupPolicy
) -> None:
    with (
        Workspace.open(tmp_path / "a.sqlite3", clock=clock) as a,
        Workspace.open(tmp_path / "b.sqlite3", clock=clock) as b,
    ):
        for reason in ("meeting-start", "periodic", "meeting-end"):
            make_backup(a, policy, reason=reason)
            make_backup(b, policy, reason="manual")
            clock.advance(minutes=5)
    listed = list_backups(policy, tmp_path / "a.sqlite3")
    assert [i.reason for i in listed] == ["meeting-end", "periodic", "meeting-start"]
    assert [i.created_at for i in listed] == sorted((i.created_at for i in listed), reverse=True)
    assert len(list_backups(policy)) == 6


def test_whether_a_backup_verifies_is_checked_only_when_asked(
    demo_ws: Workspace, clock: FakeClock, policy: BackupPolicy
) -> None:
    good = make_backup(demo_ws, policy, reason="periodic")
    clock.advance(minutes=5)
    bad = make_backup(demo_ws, policy, reason="periodic")
    data = bytearray(bad.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 3 * 4096] = os.urandom(3 * 4096)
    bad.write_bytes(bytes(data))
    newest, older = list_backups(policy, demo_ws.path)
    assert (newest.path, older.path) == (bad, good)
    assert "report" not in vars(newest)  # nothing was opened to list them
    assert older.verifies
    assert not newest.verifies and "damaged" in newest.report.summary


def test_a_copy_whose_sidecar_was_lost_is_still_listed(
    demo_ws: Workspace, policy: BackupPolicy
) -> None:
    copy = make_backup(demo_ws, policy, reason="meeting-end")
    copy.with_suffix(".json").unlink()
    (info,) = list_backups(policy)
    assert info.path == copy and info.reason == "meeting-end"
    assert info.created_at == parse_timestamp("2026-11-29T15:00:00.000Z")
    titles = [r["title"] for r in demo_ws.rows("SELECT title FROM meetings ORDER BY id")]
    assert [m.title for m in info.meetings] == titles


# -- when to back up -------------------------------------------------------------------------------


def test_the_scheduler_backs_up_at_start_every_interval_after_changes_and_at_end(
    clock: FakeClock,
) -> None:
    scheduler = BackupScheduler(BackupPolicy(interval_minutes=5), clock)
    assert not scheduler.on_change()  # nothing is live: preparing is not backed up on a timer
    assert scheduler.on_meeting_started(7)
    clock.advance(minutes=1)
    assert not scheduler.on_change()  # a change, but the last backup is not 5 minutes old
    assert not scheduler.tick(clock.advance(minutes=3))
    assert scheduler.tick(clock.advance(minutes=1))
    assert not scheduler.tick(clock.advance(minutes=10))  # nothing changed since
    assert scheduler.on_change()  # the last backup is older than the interval: at once
    assert not scheduler.on_change()
    assert scheduler.on_meeting_ended()
    assert not scheduler.tick(clock.advance(minutes=10))
    assert not scheduler.on_meeting_ended()


def test_a_failed_backup_is_tried_again_at_the_next_tick(clock: FakeClock) -> None:
    scheduler = BackupScheduler(BackupPolicy(interval_minutes=5), clock)
    assert scheduler.on_meeting_started(1)
    scheduler.backup_failed()
    assert scheduler.tick(clock.advance(seconds=30))


# -- thinning --------------------------------------------------------------------------------------


def test_thinning_keeps_today_then_one_a_day_then_nothing(
    fresh_ws: Workspace, clock: FakeClock, policy: BackupPolicy
) -> None:
    now = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)
    made: dict[str, Path] = {}
    for label, when in {
        "today 1": now - timedelta(hours=3),
        "today 2": now - timedelta(hours=2),
        "yesterday early": now - timedelta(days=1, hours=5),
        "yesterday late": now - timedelta(days=1, hours=1),
        "30 days ago": now - timedelta(days=30),
        "31 days ago": now - timedelta(days=31),
        "90 days ago": now - timedelta(days=90),
    }.items():
        clock.set(when)
        made[label] = make_backup(fresh_ws, policy, reason="periodic")
    removed = thin(policy, now)
    assert sorted(removed) == sorted(
        [made["yesterday early"], made["31 days ago"], made["90 days ago"]]
    )
    for label, copy in made.items():
        assert copy.exists() == (copy not in removed), label
        assert copy.with_suffix(".json").exists() == (copy not in removed), label


def test_thinning_never_removes_the_newest_backup_of_a_workspace(
    tmp_path: Path, clock: FakeClock, policy: BackupPolicy
) -> None:
    clock.set("2025-01-01T10:00:00.000Z")
    with Workspace.open(tmp_path / "old.sqlite3", clock=clock) as ws:
        older = make_backup(ws, policy, reason="meeting-start")
        clock.advance(minutes=5)
        newest = make_backup(ws, policy, reason="meeting-end")
    assert thin(policy, datetime(2026, 11, 29, tzinfo=UTC)) == [older]
    assert newest.exists()


def test_thinning_counts_days_in_the_time_zone_of_now(
    fresh_ws: Workspace, clock: FakeClock, policy: BackupPolicy
) -> None:
    pacific = timezone(timedelta(hours=-8))
    clock.set("2026-11-29T06:00:00.000Z")  # 22:00 on the 28th in California
    evening = make_backup(fresh_ws, policy, reason="periodic")
    clock.set("2026-11-29T07:00:00.000Z")  # 23:00 on the 28th in California
    make_backup(fresh_ws, policy, reason="periodic")
    clock.set("2026-11-29T20:00:00.000Z")
    make_backup(fresh_ws, policy, reason="periodic")
    now = datetime(2026, 11, 29, 12, 0, tzinfo=pacific)
    assert thin(policy, now) == [evening]  # the 28th, in California, keeps its newest only


# -- restoring -------------------------------------------------------------------------------------


def test_restore_sets_the_current_file_aside_and_puts_the_backup_in_its_place(
    db_path: Path, clock: FakeClock, policy: BackupPolicy
) -> None:
    with Workspace.open(db_path, clock=clock) as ws:
        add_note(ws, "before the backup")
        copy = make_backup(ws, policy, reason="periodic")
        add_note(ws, "after the backup")
    clock.advance(minutes=1)
    aside = restore(copy, db_path, policy, clock=clock)
    assert aside is not None and aside.parent == db_path.parent
    assert aside.name == "workspace.before-restore-2026-11-29T150100.000Z.sqlite3"
    assert notes(db_path) == ["before the backup"]
    assert notes(aside) == ["before the backup", "after the backup"]  # never deleted
    (before_restore,) = [i for i in list_backups(policy) if i.reason == "before-restore"]
    assert notes(before_restore.path) == ["before the backup", "after the backup"]
    with Workspace.open(db_path) as restored:
        assert verify(restored).ok
        add_note(restored, "work goes on")
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_restore_keeps_changes_still_in_the_write_ahead_log_with_the_file_set_aside(
    db_path: Path, clock: FakeClock, policy: BackupPolicy
) -> None:
    ws = Workspace.open(db_path, clock=clock)  # stays open: its log cannot be checkpointed away
    try:
        copy = make_backup(ws, policy, reason="periodic")
        add_note(ws, "only in the log")
        aside = restore(copy, db_path, policy, clock=clock)
        assert aside is not None
        assert aside.with_name(aside.name + "-wal").stat().st_size > 0
        assert not db_path.with_name(db_path.name + "-wal").exists()
        assert notes(aside) == ["only in the log"]
        assert notes(db_path) == []
    finally:
        ws.close()


def test_restore_refuses_while_another_program_holds_the_workspace(
    db_path: Path, demo_ws: Workspace, policy: BackupPolicy
) -> None:
    copy = make_backup(demo_ws, policy, reason="periodic")
    demo_ws.close()
    before = db_path.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(WorkspaceError, match="already open in Facilitator window"):
            restore(copy, db_path, policy)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.glob("*before-restore*")] == []


def test_restore_refuses_a_backup_that_does_not_verify(
    db_path: Path, demo_ws: Workspace, policy: BackupPolicy
) -> None:
    copy = make_backup(demo_ws, policy, reason="periodic")
    demo_ws.close()
    data = bytearray(copy.read_bytes())
    data[4096 : 3 * 4096] = b"\xff" * (2 * 4096)
    copy.write_bytes(bytes(data))
    before = db_path.read_bytes()
    with pytest.raises(WorkspaceError, match=r"cannot be restored.*nothing was changed") as raised:
        restore(copy, db_path, policy)
    assert "\n" not in str(raised.value)
    assert db_path.read_bytes() == before
    assert len(list_backups(policy)) == 1  # not even a before-restore backup


def test_restore_with_the_callers_own_lock(
    db_path: Path, demo_ws: Workspace, policy: BackupPolicy
) -> None:
    copy = make_backup(demo_ws, policy, reason="periodic")
    demo_ws.close()
    with WorkspaceLock(db_path) as lock:
        assert restore(copy, db_path, policy, lock=lock) is not None


def test_restore_into_a_missing_workspace_sets_nothing_aside(
    tmp_path: Path, demo_ws: Workspace, policy: BackupPolicy
) -> None:
    copy = make_backup(demo_ws, policy, reason="periodic")
    target = tmp_path / "new" / "w.sqlite3"
    target.parent.mkdir()
    assert restore(copy, target, policy) is None
    with Workspace.open(target) as ws:
        assert verify(ws).ok and ws.scalar("SELECT count(*) FROM meetings") == 2


# -- the command line ------------------------------------------------------------------------------


def test_the_backups_command_lists_newest_first_with_reason_meetings_and_verdict(
    db_path: Path, demo_ws: Workspace, clock: FakeClock
) -> None:
    policy = BackupPolicy()
    make_backup(demo_ws, policy, reason="meeting-start")
    clock.advance(minutes=5)
    make_backup(demo_ws, policy, reason="meeting-end")
    result = CliRunner().invoke(build_cli(), ["backups", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    header, newest, older = result.output.splitlines()
    assert str(policy.folder) in header
    assert "meeting-end" in newest and "meeting-start" in older
    assert "verifies" in newest and "2 meetings: Pre-IEP dialogue" in newest


def test_the_backups_command_says_when_there_are_none(db_path: Path) -> None:
    result = CliRunner().invoke(build_cli(), ["backups", "--db", str(db_path)])
    assert result.exit_code == 0
    assert result.output.startswith("No automatic backups of")


def test_the_restore_command_names_where_the_old_file_went(
    db_path: Path, demo_ws: Workspace
) -> None:
    copy = make_backup(demo_ws, BackupPolicy(), reason="manual")
    demo_ws.close()
    result = CliRunner().invoke(build_cli(), ["restore", copy.name, "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    assert line.startswith(f"Restored {copy.name} into {db_path}; the previous file was set aside")
    assert list(db_path.parent.glob("workspace.before-restore-*.sqlite3"))


def test_the_restore_command_fails_in_one_line(tmp_path: Path, db_path: Path) -> None:
    result = CliRunner().invoke(
        build_cli(), ["restore", str(tmp_path / "nothing.sqlite3"), "--db", str(db_path)]
    )
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "no backup at" in result.output
    assert not db_path.exists()
