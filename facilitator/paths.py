"""Where the workspace lives: `--db`, else `FACILITATOR_DB`, else the per-user data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from facilitator.errors import FacilitatorError

ENV_DB = "FACILITATOR_DB"
WORKSPACE_FILE = "workspace.sqlite3"
APP_FOLDER = "facilitator"
_XDG_SYSTEMS = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly")


def data_dir() -> Path:
    """The per-user data folder (platformdirs' `user_data_path`): the workspace, its backups."""
    return _user_folder("XDG_DATA_HOME", ".local/share", "user_data_path")


def cache_dir() -> Path:
    """The per-user cache folder (platformdirs' `user_cache_path`): only what can be made again."""
    return _user_folder("XDG_CACHE_HOME", ".cache", "user_cache_path")


def _user_folder(variable: str, under_home: str, platformdirs_name: str) -> Path:
    """The app's folder as platformdirs gives it. On Linux and the BSDs it is worked out here the
    way platformdirs does (the XDG variable when it holds an absolute path, else the folder under
    the home folder): importing platformdirs (4.14) takes about 10 ms, and the window opened
    without `--db` waited for it at every start. Elsewhere platformdirs answers."""
    if sys.platform.startswith(_XDG_SYSTEMS):
        base = os.environ.get(variable, "")
        if not os.path.isabs(base):
            base = os.path.join(_home(), under_home)
        return Path(base) / APP_FOLDER
    import platformdirs

    folder = getattr(platformdirs, platformdirs_name)(APP_FOLDER, appauthor=False)
    return Path(folder)


def _home() -> str:
    """HOME when it is an absolute path, else the account's home folder (as platformdirs).
    Raises FacilitatorError (one line) when there is neither."""
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return home
    import pwd

    try:
        home = pwd.getpwuid(os.getuid()).pw_dir
    except KeyError:  # an account with no entry (a container run as an arbitrary user)
        home = ""
    if not os.path.isabs(home):
        raise FacilitatorError("cannot find your home folder: set HOME, or give --db PATH")
    return home


def workspace_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The workspace file to use, by the precedence the command line documents."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env)
    return data_dir() / WORKSPACE_FILE
