"""Nothing is sent over a network: the app opens no socket, and no module can reach for one."""

from __future__ import annotations

import ast
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator import board, live
from facilitator.backups import (
    BackupPolicy,
    BackupScheduler,
    list_backups,
    make_backup,
    restore,
    thin,
)
from facilitator.cli import build_cli
from facilitator.deletion import delete_meeting, delete_meeting_from_backups
from facilitator.exchange import export_json
from facilitator.integrity import verify
from facilitator.model import MeetingId
from facilitator.recovery import check_on_open, newest_good_backup
from facilitator.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
NETWORK_MODULES = (
    "socket", "socketserver", "ssl", "urllib.request", "http.client", "http.server", "requests",
    "urllib3", "httpx", "aiohttp", "ftplib", "smtplib", "xmlrpc", "QtNetwork",
)  # fmt: skip


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to make or connect a socket fails the test on the spot."""

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail("the app tried to open a network socket")

    monkeypatch.setattr(socket.socket, "__init__", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_guard_catches_a_socket(no_sockets: None) -> None:
    with pytest.raises(pytest.fail.Exception):
        socket.create_connection(("example.org", 80))
    with pytest.raises(pytest.fail.Exception):
        socket.socket()


def invoke(*args: str) -> str:
    result = CliRunner().invoke(build_cli(), list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.output


@pytest.mark.usefixtures("no_sockets")
def test_every_command_runs_without_a_socket(tmp_path: Path) -> None:
    db, laptop = tmp_path / "office.sqlite3", tmp_path / "laptop.sqlite3"
    meeting = invoke("demo", "--db", str(db)).splitlines()[-1]
    exported = tmp_path / "meeting.json"
    invoke("export", meeting, "--db", str(db), "--format", "json", "--out", str(exported))
    invoke("import", str(exported), "--db", str(laptop))
    assert "audit chain: ok" in invoke("verify", "--db", str(laptop))
    invoke("backup", "--db", str(db), "--out", str(tmp_path / "copy.sqlite3"))
    invoke("actions", "--db", str(db), "--open", "--format", "csv")
    invoke("templates", "list")
    with Workspace.open(db) as ws:
        copy = make_backup(ws, BackupPolicy(), reason="manual")
    assert "verifies" in invoke("backups", "--db", str(db))
    assert "set aside" in invoke("restore", copy.name, "--db", str(db))


@pytest.mark.usefixtures("no_sockets")
def test_the_core_runs_end_to_end_without_a_socket(tmp_path: Path) -> None:
    from facilitator.demo import create_demo

    policy = BackupPolicy(folder=tmp_path / "backups")
    db = tmp_path / "w.sqlite3"
    with Workspace.open(db) as ws:
        meeting_id = MeetingId(create_demo(ws))
        scheduler = BackupScheduler(policy)
        assert scheduler.on_meeting_started(meeting_id)
        make_backup(ws, policy, reason="meeting-start")
        board.add_note(ws, meeting_id=meeting_id, text="written offline")
        scheduler.on_change()
        live.mark_alive(ws, meeting_id=meeting_id)
        export_json(ws, meeting_id, tmp_path / "m.json")
        assert verify(ws).ok
        delete_meeting(ws, meeting_id)
    delete_meeting_from_backups(policy, meeting_id, db)
    assert check_on_open(db).ok
    assert all(info.verifies for info in list_backups(policy, db))
    good = newest_good_backup(policy, db)
    assert good is not None
    restore(good.path, db, policy)
    thin(policy, datetime.now(UTC))


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module",
                                                                               "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):  # fmt: skip
            found.append((node.lineno, node.args[0].value))
    return found


def _is_network(name: str) -> bool:
    parts = name.split(".")
    return any(
        name == m or name.startswith(m + ".") or (m == "QtNetwork" and m in parts)
        for m in NETWORK_MODULES
    )


def test_no_module_imports_a_network_library() -> None:
    offenders = []
    for package in ("facilitator", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            offenders += [
                f"{path.relative_to(ROOT)}:{line} imports {name}"
                for line, name in _imports(tree)
                if _is_network(name)
            ]
    assert offenders == []


@pytest.mark.parametrize(
    "source",
    ["import socket", "from urllib.request import urlopen", "from urllib import request",
     "import http.client", "from PySide6 import QtNetwork",
     "from PySide6.QtNetwork import QTcpSocket", "importlib.import_module('requests')"],
)  # fmt: skip
def test_the_scan_would_catch_a_network_import(source: str) -> None:
    assert any(_is_network(name) for _, name in _imports(ast.parse(source)))
