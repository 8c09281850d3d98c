"""The `facilitator` console command: the core's command line, plus the window.

Qt is imported only when a window is actually wanted, so headless commands stay light; and the
plain window command (`facilitator [--db PATH] [--meeting ID]`) is read without the command-line
library, whose import would delay the window by tens of milliseconds.
"""

from __future__ import annotations

import sys
from pathlib import Path


def open_window(db_path: Path, meeting_id: int | None) -> int:
    import importlib

    app = importlib.import_module("ui.app")  # Qt loads here, and only here
    return int(app.run_window(db_path, meeting_id))


def window_options(args: list[str]) -> tuple[str | None, int | None] | None:
    """`(db, meeting)` when `args` only open the window (`--db PATH`, `--meeting ID`, each also as
    `--name=value`); None for anything else (a command, --help, a mistake), which the full command
    line then handles and explains."""
    db: str | None = None
    meeting: int | None = None
    rest = list(args)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if name == "--db" and value:
            db = value
        elif name == "--meeting" and value.isascii() and value.isdigit() and 0 < int(value) < 2**63:
            meeting = int(value)
        else:
            return None
    return db, meeting


def main() -> None:
    args = sys.argv[1:]
    window = window_options(args)
    if window is not None:
        from facilitator.errors import FacilitatorError
        from facilitator.paths import workspace_path

        db, meeting = window
        try:
            code = open_window(workspace_path(db), meeting)
        except FacilitatorError as error:  # as the command line reports them: one line
            print(f"facilitator: {error}", file=sys.stderr)
            code = 1
        sys.exit(code)
    from facilitator.cli import build_cli

    build_cli(open_window)(args=args, prog_name="facilitator")


if __name__ == "__main__":
    main()
