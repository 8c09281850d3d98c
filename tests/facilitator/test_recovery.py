"""A damaged workspace is noticed at start-up, set aside (never deleted), and the newest good backup
is offered; `facilitator verify` says what is wrong in one line, whatever the damage."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator import board
from facilitator.backups import BackupPolicy, make_backup
from facilitator.cli import build_cli
from facilitator.clock import FakeClock
from facilitator.errors import WorkspaceError
from facilitator.integrity import verify
from facilitator.recovery import (
    TAIL_EVENTS,
    check_on_open,
    newest_good_backup,
    set_aside_damaged,
)
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting
from tests.facilitator.test_audit import tamper
from tests.facilitator.test_backups import HOLDER

PAGE = 4096


def truncate(data: bytearray) -> bytearray:
    return data[: len(data) // 2 + 1000]


def zero_header_page(data: bytearray) -> bytearray:
    data[0:PAGE] = bytes(PAGE)
    return data


def random_bytes_in_the_middle(data: bytearray) -> bytearray:
    rng = random.Random(7)
    start = len(data) // 2 // PAGE * PAGE
    data[start : start + 3 * PAGE] = bytes(rng.randrange(256) for _ in range(3 * PAGE))
    return data


def blank_schema_page(data: bytearray) -> bytearray:
    data[100:PAGE] = b"\xff" * (PAGE - 100)
    return data


def flipped_byte_in_the_schema_text(data: bytearray) -> bytearray:
    at = data.index(b"CREATE TABLE meetings") + 2
    data[at] ^= 0xFF  # no longer UTF-8, and SQLite quotes it in its complaint
    return data


DAMAGE: dict[str, Callable[[bytearray], bytearray]] = {
    "truncated file": truncate,
    "zeroed header page": zero_header_page,
    "random bytes in the middle": random_bytes_in_the_middle,
    "overwritten schema page": blank_schema_page,
    "a flipped byte in the schema's text": flipped_byte_in_the_schema_text,
}


@pytest.fixture
def policy(tmp_path: Path) -> BackupPolicy:
    return BackupPolicy(folder=tmp_path / "backups")


@pytest.fixture
def demo_file(db_path: Path, demo_ws: Workspace) -> Path:
    demo_ws.close()
    return db_path


def damage(path: Path, how: Callable[[bytearray], bytearray]) -> None:
    path.write_bytes(bytes(how(bytearray(path.read_bytes()))))


# -- check on open ---------------------------------------------------------------------------------


def test_a_healthy_workspace_passes_the_start_up_check(demo_file: Path) -> None:
    health = check_on_open(demo_file)
    assert health.ok and health.problem is None
    with Workspace.open(demo_file, read_only=True) as ws:
        events = ws.scalar("SELECT count(*) FROM events")
    assert health.events_checked == min(TAIL_EVENTS, events)


def test_a_missing_or_empty_file_is_healthy(tmp_path: Path) -> None:
    assert check_on_open(tmp_path / "none.sqlite3").ok
    (tmp_path / "empty.sqlite3").touch()
    assert check_on_open(tmp_path / "empty.sqlite3").ok


@pytest.mark.parametrize("how", DAMAGE.values(), ids=DAMAGE.keys())
def test_damage_is_found_at_start_up_in_one_line(
    demo_file: Path, how: Callable[[bytearray], bytearray]
) -> None:
    damage(demo_file, how)
    before = demo_file.read_bytes()
    health = check_on_open(demo_file)
    assert not health.ok
    assert health.problem is not None and "\n" not in health.problem
    assert str(demo_file) in health.problem and "damaged" in health.problem
    assert demo_file.read_bytes() == before  # the check never writes


def test_an_edited_recent_event_is_found_at_start_up(demo_ws: Workspace) -> None:
    last = demo_ws.scalar("SELECT max(id) FROM events")
    tamper(demo_ws, f"UPDATE events SET payload = payload || ' ' WHERE id = {last - 3}")
    health = check_on_open(demo_ws.path)
    assert not health.ok and f"event {last - 3} (" in (health.problem or "")


def test_removed_newest_events_are_found_at_start_up(demo_ws: Workspace) -> None:
    last = demo_ws.scalar("SELECT max(id) FROM events")
    tamper(demo_ws, f"DELETE FROM events WHERE id >= {last - 1}")
    assert "are missing" in (check_on_open(demo_ws.path).problem or "")


def test_a_missing_event_anywhere_is_found_at_start_up(demo_ws: Workspace) -> None:
    tamper(demo_ws, "DELETE FROM events WHERE id = 3")
    assert "1 event is missing" in (check_on_open(demo_ws.path).problem or "")


# -- setting aside ---------------------------------------------------------------------------------


def test_a_damaged_file_is_set_aside_with_its_log_never_deleted(
    db_path: Path, clock: FakeClock
) -> None:
    ws = Workspace.open(db_path, clock=clock)
    meeting_id, _ = small_meeting(ws)
    board.add_note(ws, meeting_id=meeting_id, text="kept in the log")
    crashed = db_path.with_name("crashed.sqlite3")
    for suffix in ("", "-wal", "-shm"):  # what a crash leaves behind
        shutil.copyfile(f"{db_path}{suffix}", f"{crashed}{suffix}")
    ws.close()
    original = {s: Path(f"{crashed}{s}").read_bytes() for s in ("", "-wal")}
    moved = set_aside_damaged(crashed, clock=clock)
    assert moved.name == "crashed.sqlite3.damaged-2026-11-29T150000.000Z"
    assert moved.parent == crashed.parent
    assert not any(Path(f"{crashed}{s}").exists() for s in ("", "-wal", "-shm"))
    assert {s: Path(f"{moved}{s}").read_bytes() for s in ("", "-wal")} == original
    with Workspace.open(moved, read_only=True) as kept:
        assert kept.scalar("SELECT text FROM notes") == "kept in the log"


def test_setting_aside_twice_in_the_same_moment_keeps_both(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "w.sqlite3"
    path.write_bytes(b"first")
    first = set_aside_damaged(path, clock=clock)
    path.write_bytes(b"second")
    second = set_aside_damaged(path, clock=clock)
    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")


def test_setting_aside_refuses_while_another_program_holds_the_workspace(demo_file: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(demo_file)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(WorkspaceError, match="already open"):
            set_aside_damaged(demo_file)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    assert demo_file.exists()


# -- the newest good backup ------------------------------------------------------------------------


def test_the_newest_good_backup_skips_copies_that_do_not_verify(
    tmp_path: Path, db_path: Path, demo_ws: Workspace, clock: FakeClock, policy: BackupPolicy
) -> None:
    assert newest_good_backup(policy, db_path) is None
    good = make_backup(demo_ws, policy, reason="periodic")
    clock.advance(minutes=5)
    bad = make_backup(demo_ws, policy, reason="periodic")
    damage(bad, random_bytes_in_the_middle)
    with Workspace.open(tmp_path / "other.sqlite3", clock=clock) as other:
        clock.advance(minutes=5)
        make_backup(other, policy, reason="periodic")  # newer, but another workspace's
    found = newest_good_backup(policy, db_path)
    assert found is not None and found.path == good


def test_a_damaged_workspace_is_recovered_from_its_newest_good_backup(
    demo_file: Path, policy: BackupPolicy
) -> None:
    from facilitator.backups import restore

    with Workspace.open(demo_file) as ws:
        make_backup(ws, policy, reason="meeting-end")
    damage(demo_file, random_bytes_in_the_middle)
    assert not check_on_open(demo_file).ok
    best = newest_good_backup(policy, demo_file)
    assert best is not None
    aside = restore(best.path, demo_file, policy)
    assert aside is not None and aside.exists()
    assert check_on_open(demo_file).ok
    with Workspace.open(demo_file) as ws:
        assert verify(ws).ok


# -- facilitator verify on a damaged file ----------------------------------------------------------


@pytest.mark.parametrize("how", DAMAGE.values(), ids=DAMAGE.keys())
def test_verify_says_a_damaged_file_is_damaged_in_one_line(
    demo_file: Path, how: Callable[[bytearray], bytearray]
) -> None:
    damage(demo_file, how)
    before = demo_file.read_bytes()
    result = CliRunner().invoke(build_cli(), ["verify", "--db", str(demo_file)])
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"facilitator: {demo_file}") and "damaged" in line
    assert demo_file.read_bytes() == before  # verify never writes to a damaged file


def test_a_torn_write_ahead_log_loses_only_the_write_in_flight(db_path: Path) -> None:
    ws = Workspace.open(db_path)
    meeting_id, _ = small_meeting(ws)
    for n in range(5):
        board.add_note(ws, meeting_id=meeting_id, text=f"note {n}")
    crashed = db_path.with_name("crashed.sqlite3")
    shutil.copyfile(db_path, crashed)
    wal = Path(f"{db_path}-wal").read_bytes()
    ws.close()
    Path(f"{crashed}-wal").write_bytes(wal[:-100])  # the last write stopped half-way
    result = CliRunner().invoke(build_cli(), ["verify", "--db", str(crashed)])
    assert result.exit_code == 0, result.output
    assert "audit chain: ok" in result.output
    with Workspace.open(crashed) as recovered:
        texts = [r["text"] for r in recovered.rows("SELECT text FROM notes ORDER BY id")]
    assert texts == [f"note {n}" for n in range(4)]
