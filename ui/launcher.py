"""The `facilitator` console command: the core's command line, plus the window.

Qt is imported only when a window is actually wanted, so headless commands stay light.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.cli import build_cli


def open_window(db_path: Path, meeting_id: int | None) -> int:
    import importlib

    app = importlib.import_module("ui.app")  # Qt loads here, and only here
    return int(app.run_window(db_path, meeting_id))


def main() -> None:
    build_cli(open_window)(prog_name="facilitator")


if __name__ == "__main__":
    main()
