"""Shared fixtures: a fresh workspace, a fake clock, a workspace holding the sample meeting."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# GUI tests run without a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from facilitator.clock import FakeClock
from facilitator.store import Workspace


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock("2026-11-29T15:00:00.000Z")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite3"


@pytest.fixture
def fresh_ws(db_path: Path, clock: FakeClock) -> Iterator[Workspace]:
    """An empty workspace on disk whose time is the fake clock."""
    ws = Workspace.open(db_path, clock=clock)
    yield ws
    ws.close()


@pytest.fixture
def demo_ws(fresh_ws: Workspace) -> Workspace:
    from facilitator.demo import create_demo

    create_demo(fresh_ws)
    return fresh_ws


@pytest.fixture(autouse=True)
def _no_real_workspace(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever touches the real per-user workspace, templates or cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FACILITATOR_DB", str(home / "default.sqlite3"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
