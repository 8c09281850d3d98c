"""Writing a file a person asked for never replaces a database, whatever name it goes by."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from facilitator.errors import FacilitatorError
from facilitator.exchange import export_json
from facilitator.files import is_database, refuse_database_target, write_atomically
from facilitator.model import MeetingId
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting


def _database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path


def test_is_database_reads_the_header_not_the_name(tmp_path: Path) -> None:
    assert is_database(_database(tmp_path / "minutes.docx"))
    (tmp_path / "w.sqlite3").write_bytes(b"not one")
    assert not is_database(tmp_path / "w.sqlite3")
    assert not is_database(tmp_path / "missing.sqlite3")
    assert not is_database(tmp_path)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("other.sqlite3", "it is a database"),
        ("other.sqlite3-wal", "it belongs to the database"),
        ("other.sqlite3-shm", "it belongs to the database"),
        ("other.sqlite3-journal", "it belongs to the database"),
        ("other.sqlite3.lock", "it belongs to the database"),
        ("log.bin", "write-ahead log"),
    ],
)  # fmt: skip
def test_write_atomically_never_replaces_a_database_or_its_companions(
    tmp_path: Path, name: str, message: str
) -> None:
    _database(tmp_path / "other.sqlite3")
    (tmp_path / "log.bin").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(FacilitatorError, match=message):
        write_atomically(tmp_path / name, b"{}")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_write_atomically_still_replaces_an_ordinary_file(tmp_path: Path) -> None:
    (tmp_path / "meeting.json").write_text("old")
    write_atomically(tmp_path / "meeting.json", b"new")
    assert (tmp_path / "meeting.json").read_bytes() == b"new"


@pytest.mark.parametrize(("private", "mode"), [(True, 0o600), (False, 0o644)])
def test_a_private_file_is_owner_only_and_a_shared_one_keeps_its_mode(
    tmp_path: Path, private: bool, mode: int
) -> None:
    out = tmp_path / "meeting.json"
    out.write_text("old")
    out.chmod(0o644)
    write_atomically(out, b"new", private=private)
    assert stat.S_IMODE(out.stat().st_mode) == mode
    write_atomically(tmp_path / "new.json", b"new", private=private)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meeting.json", "new.json"]


def test_the_workspace_is_refused_under_any_name_even_before_it_holds_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "w.sqlite3"
    workspace.touch()  # an empty file: not yet recognisable by its header
    monkeypatch.chdir(tmp_path)
    os.symlink(workspace, tmp_path / "link")
    for name in ("w.sqlite3", "./w.sqlite3", "link", str(workspace)):
        with pytest.raises(FacilitatorError, match="it is the workspace itself"):
            refuse_database_target(Path(name), workspace=workspace)
    for suffix in ("-wal", "-shm", ".lock"):
        with pytest.raises(FacilitatorError, match="it belongs to the workspace"):
            refuse_database_target(Path(f"w.sqlite3{suffix}"), workspace=Path("w.sqlite3"))
    refuse_database_target(Path("minutes.docx"), workspace=workspace)


def test_the_windows_json_export_cannot_replace_the_workspace(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    before = fresh_ws.path.read_bytes()
    with pytest.raises(FacilitatorError, match="it is a database"):
        export_json(fresh_ws, MeetingId(meeting_id), fresh_ws.path)
    assert fresh_ws.path.read_bytes() == before
