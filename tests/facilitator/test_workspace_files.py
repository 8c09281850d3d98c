"""Setting a workspace file aside never moves anything that is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.backups import BackupPolicy, restore
from facilitator.errors import WorkspaceError
from facilitator.integrity import backup
from facilitator.store import Workspace
from facilitator.workspace_files import set_aside


def test_set_aside_refuses_a_folder_and_moves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(WorkspaceError, match="is a folder, not a workspace file"):
        set_aside(folder, tmp_path / "bad.aside")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad"]
    assert (folder / "notes.txt").read_text() == "mine"


def test_restoring_into_a_folder_leaves_the_folder_where_it_is(
    fresh_ws: Workspace, tmp_path: Path
) -> None:
    """The window's restore goes through the same function as the command line's."""
    copy = backup(fresh_ws, tmp_path / "copy.sqlite3")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(WorkspaceError, match="folder"):
        restore(copy, folder, BackupPolicy(folder=tmp_path / "backups"))
    assert folder.is_dir() and (folder / "notes.txt").read_text() == "mine"
    assert not [p for p in tmp_path.iterdir() if "before-restore" in p.name]
