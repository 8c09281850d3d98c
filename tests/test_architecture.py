"""The core never depends on Qt or on the front end; headless commands never load Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "shiboken6", "ui")


def test_nothing_under_facilitator_imports_qt_or_ui() -> None:
    offenders = []
    for path in sorted((ROOT / "facilitator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in FORBIDDEN:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert offenders == []


def test_headless_commands_never_load_qt_or_python_docx(tmp_path: Path) -> None:
    code = (
        "import sys, ui.launcher\n"
        "from click.testing import CliRunner\n"
        "from facilitator.cli import build_cli\n"
        "cli = build_cli(ui.launcher.open_window)\n"
        "from facilitator.store import Workspace\n"
        "Workspace.open(sys.argv[1]).close()\n"  # verify reads a workspace, never makes one
        "r = CliRunner().invoke(cli, ['verify', '--db', sys.argv[1]])\n"
        "assert r.exit_code == 0, r.output\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'docx')]\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "w.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
