"""Where the workspace lives: `--db`, else `FACILITATOR_DB`, else the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "FACILITATOR_DB"
WORKSPACE_FILE = "workspace.sqlite3"


def data_dir() -> Path:
    import platformdirs  # only when no path was given

    return Path(platformdirs.user_data_path("facilitator", appauthor=False))


def workspace_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The workspace file to use, by the precedence the command line documents."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env)
    return data_dir() / WORKSPACE_FILE
