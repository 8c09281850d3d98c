"""The per-user folders are platformdirs' own, worked out without importing it on Linux."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from facilitator import paths
from facilitator.errors import FacilitatorError

XDG = pytest.mark.skipif(
    not sys.platform.startswith(paths._XDG_SYSTEMS), reason="worked out here only where XDG rules"
)


@XDG
@pytest.mark.parametrize("xdg", [None, "", "relative/folder", "/srv/somewhere"])
@pytest.mark.parametrize("home", ["/home/alex", "", "not/absolute", None])
def test_the_folders_are_the_ones_platformdirs_gives(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str | None
) -> None:
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert paths.data_dir() == platformdirs.user_data_path("facilitator", appauthor=False)
    assert paths.cache_dir() == platformdirs.user_cache_path("facilitator", appauthor=False)


def test_elsewhere_platformdirs_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    data, cache = Path("C:/data/facilitator"), Path("C:/cache/facilitator")
    monkeypatch.setattr(platformdirs, "user_data_path", lambda *a, **k: data)
    monkeypatch.setattr(platformdirs, "user_cache_path", lambda *a, **k: cache)
    assert paths.data_dir() == data
    assert paths.cache_dir() == cache


@XDG
def test_the_default_workspace_is_found_without_platformdirs(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from facilitator.paths import workspace_path\n"
        "print(workspace_path(None), 'platformdirs' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        str(tmp_path / ".local/share/facilitator/workspace.sqlite3"),
        "False",
    ]


@XDG
def test_without_a_home_folder_the_default_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """An account with no passwd entry and no HOME (a container run as an arbitrary user)."""
    import pwd

    def nobody(uid: int) -> object:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", nobody)
    with pytest.raises(FacilitatorError, match="cannot find your home folder"):
        paths.data_dir()
    monkeypatch.setenv("XDG_DATA_HOME", "/srv/data")
    assert paths.data_dir() == Path("/srv/data/facilitator")  # the XDG folder needs no home
