"""The `facilitator` command opens the window without loading the command-line library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ui.launcher import window_options

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (None, None)),
        (["--db", "w.sqlite3"], ("w.sqlite3", None)),
        (["--db=w.sqlite3", "--meeting=12"], ("w.sqlite3", 12)),
        (["--meeting", "3", "--db", "a b.sqlite3"], ("a b.sqlite3", 3)),
        (["--meeting", "3", "--meeting", "4"], (None, 4)),  # the last one counts, as in click
    ],
)
def test_the_window_options_are_read_directly(
    args: list[str], expected: tuple[str | None, int | None]
) -> None:
    assert window_options(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["demo"],
        ["--help"],
        ["-h"],
        ["--db"],
        ["--db="],
        ["--meeting", "x"],
        ["--meeting", "-1"],
        ["--meeting", "٣"],  # a digit, but not one click would take
        ["--meeting", "0"],
        ["--meeting", "9" * 23],  # no record can have it: SQLite's integers stop at 2**63 - 1
        ["--db", "w.sqlite3", "verify"],
        ["--verbose"],
    ],
)
def test_anything_else_goes_to_the_full_command_line(args: list[str]) -> None:
    assert window_options(args) is None


def run_launcher(*args: str) -> subprocess.CompletedProcess[str]:
    """The real `main()`, with the window replaced by a line saying what it was asked to open."""
    code = (
        "import sys, ui.launcher\n"
        "def fake(db, meeting):\n"
        "    print(db.name, meeting, 'click' in sys.modules)\n"
        "    return 0\n"
        "ui.launcher.open_window = fake\n"
        "sys.argv = ['facilitator', *sys.argv[1:]]\n"
        "ui.launcher.main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_the_plain_command_opens_the_window_without_click() -> None:
    result = run_launcher("--db", "x.sqlite3", "--meeting", "7")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["x.sqlite3", "7", "False"]


def test_a_mistake_is_explained_by_the_full_command_line() -> None:
    result = run_launcher("--meeting", "seven")
    assert result.returncode == 2
    assert "'seven' is not a valid integer" in result.stderr
    assert result.stdout == ""
