"""The command line contract: outputs, exit codes, and one clear line for every bad input."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import build_cli


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real console command in a child process (exit codes and stderr as a user sees them)."""
    return subprocess.run(
        [sys.executable, "-m", "ui.launcher", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "w.sqlite3"
    result = CliRunner().invoke(build_cli(), ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_demo_prints_the_meeting_id_alone_on_the_last_line(tmp_path: Path) -> None:
    result = run("demo", "--db", str(tmp_path / "w.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "2"


def test_verify_passes_on_a_fresh_demo_and_fails_on_a_hand_edit(demo_db: Path) -> None:
    ok = run("verify", "--db", str(demo_db))
    assert ok.returncode == 0 and "audit chain: ok" in ok.stdout
    import sqlite3

    conn = sqlite3.connect(demo_db)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET payload = payload || ' ' WHERE id = 50")
    conn.commit()
    conn.close()
    broken = run("verify", "--db", str(demo_db))
    assert broken.returncode == 1
    assert "event 50" in broken.stdout


def test_export_and_import_move_a_meeting(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "meeting.json"
    runner = CliRunner()
    assert runner.invoke(build_cli(), ["export", "2", "--db", str(demo_db), "--format", "json",
                                       "--out", str(out)]).exit_code == 0  # fmt: skip
    result = runner.invoke(build_cli(), ["import", str(out), "--db", str(tmp_path / "laptop.db")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "1"


def test_the_db_option_may_come_before_the_command(demo_db: Path) -> None:
    result = CliRunner().invoke(build_cli(), ["--db", str(demo_db), "verify"])
    assert result.exit_code == 0


def test_actions_lists_open_items_as_text_and_csv(demo_db: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(build_cli(), ["actions", "--db", str(demo_db), "--open"])
    assert text.exit_code == 0
    assert "Schedule the updated speech-language evaluation" in text.output
    assert "Send the evaluation summary in Spanish" not in text.output  # done
    table = runner.invoke(build_cli(), ["actions", "--db", str(demo_db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert {r["status"] for r in rows} == {"open", "done"}
    assert any(r["team_only"] == "1" for r in rows)


def test_backup_writes_a_copy_that_verifies(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    assert run("backup", "--db", str(demo_db), "--out", str(copy)).returncode == 0
    assert run("verify", "--db", str(copy)).returncode == 0
    assert copy.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("text", ["verify"], "not a Facilitator workspace"),
        ("damaged", ["verify"], "damaged"),
        ("demo", ["export", "99", "--format", "json", "--out", "{tmp}/x.json"],
         "meeting 99 does not exist"),
        ("demo", ["import", "{tmp}/missing.json"], "cannot read"),
        ("demo", ["import", "{tmp}/truncated.json"], "not valid JSON"),
        ("demo", ["backup", "--out", "{tmp}"], "folder"),
    ],
    ids=["not sqlite", "damaged", "unknown meeting", "missing file", "truncated json", "bad out"],
)  # fmt: skip
def test_bad_input_gets_one_line_and_exit_1(
    tmp_path: Path, setup: str, args: list[str], message: str
) -> None:
    db = tmp_path / "w.sqlite3"
    if setup == "text":
        db.write_text("not a database\n" * 100)
    else:
        assert run("demo", "--db", str(db)).returncode == 0
    if setup == "damaged":
        data = bytearray(db.read_bytes())
        data[100:4096] = b"\x00\xff" * ((4096 - 100) // 2)
        db.write_bytes(bytes(data))
    (tmp_path / "truncated.json").write_text('{"format": "facilitator-meeting", "vers')
    before = db.read_bytes()
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args], "--db", str(db))
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    assert run("export").returncode == 2
    assert run("frobnicate").returncode == 2


@pytest.mark.parametrize("audience", ["parent", "team"])
def test_export_writes_word_minutes_for_each_audience(
    demo_db: Path, tmp_path: Path, audience: str
) -> None:
    out = tmp_path / f"{audience}.docx"
    result = CliRunner().invoke(
        build_cli(),
        ["export", "2", "--db", str(demo_db), "--out", str(out), "--audience", audience],
    )
    assert result.exit_code == 0, result.output
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Annual IEP meeting" in text
    team_only = "Speaking balance" in text
    assert team_only == (audience == "team")


def test_export_writes_action_items_as_csv(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "actions.csv"
    result = CliRunner().invoke(
        build_cli(), ["export", "2", "--db", str(demo_db), "--out", str(out), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert "Schedule the updated speech-language evaluation" in out.read_text(encoding="utf-8")
    assert "neighbouring district" not in out.read_text(encoding="utf-8")


def test_delete_needs_confirmation_and_removes_the_meetings_text(
    demo_db: Path, tmp_path: Path
) -> None:
    refused = run("delete", "2", "--db", str(demo_db))
    assert refused.returncode == 1 and "add --yes" in refused.stderr
    done = run("delete", "2", "--db", str(demo_db), "--yes")
    assert done.returncode == 0, done.stderr
    assert b"push-in reading" not in demo_db.read_bytes().lower()
    assert run("verify", "--db", str(demo_db)).returncode == 0


def test_deleting_a_case_removes_all_its_meetings(demo_db: Path) -> None:
    assert run("delete", "1", "--case", "--db", str(demo_db), "--yes").returncode == 0
    import sqlite3

    conn = sqlite3.connect(demo_db)
    assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0
    conn.close()
