"""The documentation keeps up with the code: every table and column, every command and option."""

from __future__ import annotations

import re
from pathlib import Path

import click

from facilitator.cli import build_cli
from facilitator.store import Workspace

ROOT = Path(__file__).resolve().parents[1]


def test_every_table_and_column_is_in_the_data_model(fresh_ws: Workspace) -> None:
    text = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    tables = [
        r[0]
        for r in fresh_ws.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'"
        )
    ]
    missing = []
    for table in tables:
        section = re.search(rf"^### {table}\n(.*?)(?=^### |\Z)", text, re.S | re.M)
        if section is None:
            missing.append(table)
            continue
        documented = set(re.findall(r"^\| ([a-z_, ]+) \|", section.group(1), re.M))
        names = {n.strip() for cell in documented for n in cell.split(",")}
        for column in (r[1] for r in fresh_ws.conn.execute(f"PRAGMA table_info({table})")):
            if column not in names:
                missing.append(f"{table}.{column}")
    assert missing == []


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cli = build_cli()
    missing = []
    ctx = click.Context(cli)
    for name, command in cli.commands.items():
        if f"facilitator {name}" not in readme:
            missing.append(name)
        for param in command.get_params(ctx):
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help" and opt not in readme:
                    missing.append(f"{name} {opt}")
    assert missing == []


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert len(commands) >= 2
    assert "pip install . " in commands[0] and commands[0].endswith("facilitator")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()
