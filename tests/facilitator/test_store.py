"""The workspace file: created safely, configured for durability, refused when it is not ours."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.errors import WorkspaceError
from facilitator.paths import workspace_path
from facilitator.schema_version import APPLICATION_ID, SCHEMA_VERSION
from facilitator.store import Workspace
from facilitator.store_file import damage_in
from tests.facilitator.damage import damage_table, flip_in_schema_text

CONTRACT = {
    "cases": {"id", "label", "created_at"},
    "meetings": {"id", "case_id", "kind", "title", "status", "scheduled_start", "started_at",
                 "ended_at", "location"},
    "participants": {"id", "meeting_id", "name", "role", "side", "attendance"},
    "agenda_items": {"id", "meeting_id", "position", "title", "planned_minutes", "started_at",
                     "ended_at"},
    "speaking_turns": {"id", "meeting_id", "participant_id", "agenda_item_id", "started_at",
                       "ended_at"},
    "concerns": {"id", "meeting_id", "text", "raised_by", "status", "team_only"},
    "non_negotiables": {"id", "meeting_id", "text", "basis", "held_by", "team_only"},
    "solutions": {"id", "meeting_id", "text", "proposed_by", "status", "reason", "team_only"},
    "solution_concerns": {"solution_id", "concern_id"},
    "agreements": {"id", "meeting_id", "text", "team_only"},
    "action_items": {"id", "meeting_id", "text", "owner", "due_date", "status", "team_only"},
    "notes": {"id", "meeting_id", "agenda_item_id", "text", "team_only"},
    "events": {"id", "at", "meeting_id", "kind", "payload", "prev_hash", "hash"},
}  # fmt: skip


def test_a_new_workspace_holds_every_contract_table_and_column(fresh_ws: Workspace) -> None:
    for table, columns in CONTRACT.items():
        present = {r[1] for r in fresh_ws.conn.execute(f"PRAGMA table_info({table})")}
        assert columns <= present, f"{table} lacks {columns - present}"


def test_a_new_workspace_is_owner_only(db_path: Path, fresh_ws: Workspace) -> None:
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_the_connection_is_durable(fresh_ws: Workspace) -> None:
    pragma = lambda name: fresh_ws.conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 1000
    assert pragma("application_id") == APPLICATION_ID
    assert pragma("user_version") == SCHEMA_VERSION


def test_reopening_keeps_what_was_stored(db_path: Path, fresh_ws: Workspace) -> None:
    from facilitator.meetings import create_case

    create_case(fresh_ws, label="Kept")
    fresh_ws.close()
    with Workspace.open(db_path) as again:
        assert again.scalar("SELECT label FROM cases") == "Kept"


def test_a_workspace_from_a_newer_app_is_refused(db_path: Path, fresh_ws: Workspace) -> None:
    fresh_ws.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    fresh_ws.close()
    with pytest.raises(WorkspaceError, match="newer version"):
        Workspace.open(db_path)


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 20)
    with pytest.raises(WorkspaceError, match="not a Facilitator workspace"):
        Workspace.open(path)
    assert path.read_text() == "shopping list\n" * 20


def test_another_sqlite_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="not a Facilitator workspace"):
        Workspace.open(path)
    assert path.read_bytes() == before


def test_a_damaged_file_is_refused_with_one_line(db_path: Path, fresh_ws: Workspace) -> None:
    from facilitator.demo import create_demo

    create_demo(fresh_ws)
    fresh_ws.close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    db_path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError) as raised:
        Workspace.open(db_path)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("read_only", [False, True], ids=["to record", "read-only"])
def test_a_flipped_byte_in_the_schema_is_damage_said_in_one_line(
    db_path: Path, demo_ws: Workspace, read_only: bool
) -> None:
    demo_ws.close()
    flip_in_schema_text(db_path, b"CREATE TABLE meetings")
    with pytest.raises(WorkspaceError) as raised:
        Workspace.open(db_path, read_only=read_only)
    line = str(raised.value)
    assert line.startswith(f"{db_path} is damaged") and "malformed database schema" in line
    assert "\n" not in line


def test_text_in_the_schema_that_is_not_utf8_is_found_at_open(
    db_path: Path, demo_ws: Workspace
) -> None:
    """SQLite parses around a damaged byte inside a quoted name in a CHECK: the open reads the
    schema's text, so the damage shows now, not in some later query (or migration)."""
    demo_ws.close()
    flip_in_schema_text(db_path, b"'pre_iep_dialogue'")
    with pytest.raises(
        WorkspaceError, match=r"is damaged .*Could not decode to UTF-8 column 'sql'"
    ):
        Workspace.open(db_path)


def test_an_operation_that_meets_damage_is_refused_in_one_line(
    db_path: Path, demo_ws: Workspace
) -> None:
    from facilitator import board
    from facilitator.model import HeldBy

    meeting = demo_ws.scalar("SELECT max(id) FROM meetings")
    events = demo_ws.last_event_id()
    demo_ws.close()
    damage_table(db_path, "non_negotiables")
    with Workspace.open(db_path) as ws:  # the open reads the schema only: it cannot see this
        assert ws.damage is None
        with pytest.raises(WorkspaceError) as raised:
            board.add_non_negotiable(
                ws, meeting_id=meeting, text="Bus", held_by=HeldBy.FAMILY, basis="", team_only=False
            )
        assert str(raised.value) == (
            f"not recorded: {db_path} is damaged (database disk image is malformed)"
        )
        assert ws.damage == "database disk image is malformed"
        assert ws.last_event_id() == events


def test_damage_in_an_error_says_what_is_damaged_and_nothing_else(demo_ws: Workspace) -> None:
    with pytest.raises(sqlite3.OperationalError) as not_json:
        demo_ws.scalar("SELECT json_extract('{', '$.a')")  # "malformed JSON": no damage
    malformed = sqlite3.DatabaseError("database disk image is malformed")
    malformed.sqlite_errorcode = sqlite3.SQLITE_CORRUPT
    undecodable = sqlite3.OperationalError("Could not decode to UTF-8 column 'ended_at' with text")
    quoted = UnicodeDecodeError("utf-8", b'near "CR\xbaATE": syntax error', 8, 9, "invalid")
    assert damage_in(malformed) == "database disk image is malformed"
    assert damage_in(undecodable) == "Could not decode to UTF-8 column 'ended_at' with text"
    assert damage_in(quoted) == 'near "CR\ufffdATE": syntax error'
    for other in (
        not_json.value,
        sqlite3.OperationalError("database is locked"),
        sqlite3.OperationalError("no such column: x"),  # a bug
        sqlite3.IntegrityError("NOT NULL constraint failed: concerns.text"),  # a bug
        ValueError("not sqlite"),
    ):
        assert damage_in(other) is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_a_read_only_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WorkspaceError, match="cannot create"):
            Workspace.open(folder / "w.sqlite3")
    finally:
        folder.chmod(0o700)


def test_a_folder_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="folder"):
        Workspace.open(tmp_path)


def test_the_path_comes_from_the_option_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACILITATOR_DB", str(tmp_path / "env.sqlite3"))
    assert workspace_path(tmp_path / "opt.sqlite3") == tmp_path / "opt.sqlite3"
    assert workspace_path(None) == tmp_path / "env.sqlite3"
    monkeypatch.delenv("FACILITATOR_DB")
    assert workspace_path(None).name == "workspace.sqlite3"


def test_a_folder_that_refuses_writes_is_reported_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(WorkspaceError, match=r"cannot create a workspace at .*Permission denied"):
        Workspace.open(tmp_path / "w.sqlite3")


def test_the_schema_version_counts_the_migrations() -> None:
    from facilitator.schema import migration_count

    assert migration_count() == SCHEMA_VERSION


def test_opening_an_up_to_date_workspace_loads_no_migrations(db_path: Path) -> None:
    """sqlite-utils takes longer to import than the window takes to open: only a new or older file
    (which needs its migrations) pays for it."""
    Workspace.open(db_path).close()
    code = (
        "import sys\n"
        "from facilitator.store import Workspace\n"
        "Workspace.open(sys.argv[1]).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlite_utils'"
        " or m == 'facilitator.schema'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_reader_learns_what_another_connection_recorded(fresh_ws: Workspace) -> None:
    """A read-only window follows the window that records: the file's data version moves only
    for another connection's commits, and the audit log says what each operation touched."""
    from facilitator import board, history
    from facilitator.demo import create_demo

    meeting = create_demo(fresh_ws)
    with Workspace.open(fresh_ws.path, read_only=True) as reader:
        version, seen = reader.data_version(), reader.last_event_id()
        assert reader.data_version() == version  # nothing written since
        assert reader.recorded_after(seen) == []
        added = board.add_concern(fresh_ws, meeting_id=meeting, text="Bus times")
        undone = history.undo_event(fresh_ws, added.event_id)
        assert reader.data_version() != version
        recorded = reader.recorded_after(seen)
        assert [(c.event_id, c.kind, c.meeting_id) for c in recorded] == [
            (added.event_id, added.kind, meeting),
            (undone.event_id, undone.kind, meeting),
        ]
        assert recorded[0].tables == added.tables and "concerns" in added.tables
        assert recorded[1].tables == undone.tables
        assert reader.recorded_after(undone.event_id) == []
        assert {"concerns", "meetings", "events"} <= reader.table_names()


def test_an_event_whose_payload_says_nothing_touched_no_known_table(fresh_ws: Workspace) -> None:
    from facilitator.demo import create_demo

    create_demo(fresh_ws)
    last = fresh_ws.last_event_id()
    triggers = fresh_ws.rows("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    for trigger in triggers:  # the log refuses changes; this test damages it on purpose
        fresh_ws.conn.execute(f"DROP TRIGGER {trigger['name']}")
    fresh_ws.conn.execute("UPDATE events SET payload = 'not json' WHERE id = ?", (last,))
    (change,) = fresh_ws.recorded_after(last - 1)
    assert change.event_id == last and change.tables == frozenset() and not change.undoable


def test_a_reader_learns_its_file_was_replaced(fresh_ws: Workspace, tmp_path: Path) -> None:
    """A backup put in the workspace's place (a new file at the same path) is told apart from the
    file a connection opened; no file there at all (mid-swap) is not taken for a new one."""
    path = fresh_ws.path
    with Workspace.open(path, read_only=True) as reader:
        assert not reader.replaced_on_disk()
        copy = tmp_path / "copy.sqlite3"
        shutil.copyfile(path, copy)
        aside = tmp_path / "aside.sqlite3"
        os.replace(path, aside)
        assert not reader.replaced_on_disk()  # in the middle of the swap
        os.replace(copy, path)
        assert reader.replaced_on_disk()
