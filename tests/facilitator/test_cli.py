"""The command line contract: outputs, exit codes, and one clear line for every bad input."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from facilitator.cli import OpenWindow, build_cli
from facilitator.cli_params import user_errors


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
    assert "imported before" not in result.stderr
    again = runner.invoke(build_cli(), ["import", str(out), "--db", str(tmp_path / "laptop.db")])
    assert again.exit_code == 0 and again.stdout.splitlines()[-1] == "2"
    assert "imported before, as meeting 1 (ended); both are kept" in again.stderr


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


def test_a_parent_copy_for_a_family_whose_language_has_no_copy_says_so(
    demo_db: Path, tmp_path: Path
) -> None:
    """The sample family speaks Spanish; here they speak Vietnamese, which no copy is written in."""
    from facilitator import meetings
    from facilitator.model import ParticipantId
    from facilitator.store import Workspace

    with Workspace.open(demo_db) as ws:
        for person in ws.rows(
            "SELECT id FROM participants WHERE meeting_id = 2 AND side = 'family'"
        ):
            meetings.update_participant(
                ws, participant_id=ParticipantId(person["id"]), language="Vietnamese"
            )
    parent = run("export", "2", "--db", str(demo_db), "--out", str(tmp_path / "parent.docx"))
    assert parent.returncode == 0, parent.stderr
    assert parent.stderr.strip() == (
        "note: the family speaks Vietnamese; the minutes can be written in Spanish and English"
        " only: arrange a translation, written, oral or signed, as for notices to parents"
        " (34 CFR 300.503(c))"
    )
    team = run(
        "export", "2", "--db", str(demo_db), "--out", str(tmp_path / "team.docx"),
        "--audience", "team",
    )  # fmt: skip
    assert team.returncode == 0 and team.stderr == ""
    assert (tmp_path / "parent.docx").is_file()


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


# -- bad input of any kind: one line, exit 1, nothing stored is lost ------------------------------


def refused(result: Result, message: str) -> None:
    """The command stopped on purpose: exit 1, one line on stderr, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr


def invoke(*args: str, open_window: OpenWindow | None = None) -> Result:
    return CliRunner().invoke(build_cli(open_window), list(args))


@pytest.mark.parametrize("fmt", ["docx", "json", "csv"])
@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("w.sqlite3", "it is the workspace itself"),
        ("./sub/../w.sqlite3", "it is the workspace itself"),
        ("link.docx", "it is the workspace itself"),
        ("hard-link.docx", "it is the workspace itself"),
        ("w.sqlite3-wal", "it belongs to the workspace"),
        ("w.sqlite3-shm", "it belongs to the workspace"),
        ("w.sqlite3.lock", "it belongs to the workspace"),
        ("old-backup.sqlite3", "it is a database"),
    ],
)  # fmt: skip
def test_export_never_writes_over_the_workspace_or_any_database(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, target: str,
    message: str,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.docx").symlink_to(demo_db)
    os.link(demo_db, tmp_path / "hard-link.docx")
    assert invoke("backup", "--db", str(demo_db), "--out", "old-backup.sqlite3").exit_code == 0
    stored = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    result = invoke("export", "2", "--db", "w.sqlite3", "--out", target, "--format", fmt)
    refused(result, message)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == stored


def test_backup_never_writes_over_the_workspace_under_another_name_or_its_log(
    demo_db: Path, tmp_path: Path
) -> None:
    os.link(demo_db, tmp_path / "same.sqlite3")
    before = demo_db.read_bytes()
    refused(invoke("backup", "--db", str(demo_db), "--out", str(tmp_path / "same.sqlite3")),
            "it is the workspace itself")  # fmt: skip
    refused(invoke("backup", "--db", str(demo_db), "--out", f"{demo_db}-wal"), "belongs to")
    assert demo_db.read_bytes() == before
    assert invoke("verify", "--db", str(demo_db)).exit_code == 0


@pytest.mark.parametrize("number", ["99999999999999999999999", "9223372036854775808", "0"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "{n}", "--out", "{tmp}/m.docx"], "meeting {n} does not exist"),
        (["actions", "--case", "{n}"], "case {n} does not exist"),
        (["delete", "{n}", "--yes"], "meeting or case {n} does not exist"),
        (["delete", "{n}", "--case", "--yes"], "meeting or case {n} does not exist"),
    ],
    ids=["export", "actions --case", "delete", "delete --case"],
)  # fmt: skip
def test_an_id_no_record_can_have_is_a_missing_record(
    demo_db: Path, tmp_path: Path, number: str, args: list[str], message: str
) -> None:
    before = demo_db.read_bytes()
    filled = [a.format(n=number, tmp=tmp_path) for a in args]
    refused(invoke(*filled, "--db", str(demo_db)), message.format(n=number))
    assert demo_db.read_bytes() == before
    assert not (tmp_path / "m.docx").exists()


def test_the_window_is_not_opened_on_a_meeting_id_no_record_can_have(demo_db: Path) -> None:
    opened: list[int | None] = []

    def window(path: Path, meeting: int | None) -> int:
        opened.append(meeting)
        return 0

    for number in ("99999999999999999999999", "0"):
        result = invoke("--db", str(demo_db), "--meeting", number, open_window=window)
        refused(result, f"meeting {number} does not exist")
    assert opened == []
    assert invoke("--db", str(demo_db), "--meeting", "2", open_window=window).exit_code == 0
    assert opened == [2]


@pytest.mark.parametrize("case", ["99", "0", "-4"])
def test_actions_for_a_case_that_does_not_exist_says_so_instead_of_listing_all(
    demo_db: Path, case: str
) -> None:
    refused(invoke("actions", "--db", str(demo_db), "--case", case), f"case {case} does not exist")
    one_case = invoke("actions", "--db", str(demo_db), "--case", "1")
    assert one_case.exit_code == 0 and "Schedule the updated speech-language" in one_case.output


def test_an_id_that_is_not_a_number_is_wrong_usage(demo_db: Path) -> None:
    result = invoke("export", "two", "--db", str(demo_db), "--out", "m.docx")
    assert result.exit_code == 2 and "'two' is not a valid integer" in result.stderr


def test_an_argument_in_another_encoding_gets_one_line(demo_db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "actions", "--db", str(demo_db),
         "--owner", b"Jos\xe9"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "facilitator: --owner 'Jos\\xe9' is not valid text (check the terminal's encoding is UTF-8)"
    )


def _damage_action_items_table(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'action_items'")
    page, size = root.fetchone()[0], conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    data[(page - 1) * size : page * size] = b"\x0d\xff" * (size // 2)
    db.write_bytes(bytes(data))


def _store_invalid_utf8(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE action_items SET owner = CAST(x'4a6fe9' AS TEXT)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("damage", [_damage_action_items_table, _store_invalid_utf8])
@pytest.mark.parametrize(
    "args",
    [["actions"], ["actions", "--format", "csv"], ["export", "2", "--format", "csv", "--out", "x"]],
)
def test_a_damaged_workspace_gets_one_line_pointing_to_verify_and_restore(
    demo_db: Path, tmp_path: Path, damage: Callable[[Path], None], args: list[str]
) -> None:
    damage(demo_db)
    before = demo_db.read_bytes()
    args = [str(tmp_path / a) if a == "x" else a for a in args]
    result = run(*args, "--db", str(demo_db))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert f"{demo_db} is damaged" in result.stderr
    assert demo_db.read_bytes() == before
    assert not (tmp_path / "x").exists()


def test_a_database_error_is_one_line_but_a_misused_database_api_is_a_bug() -> None:
    @click.command()
    @click.option("--db", type=click.Path(path_type=Path))
    @user_errors
    def damaged(db: Path | None) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    @click.command()
    @user_errors
    def buggy() -> None:
        raise sqlite3.ProgrammingError("Incorrect number of bindings supplied")

    result = CliRunner().invoke(damaged, ["--db", "w.sqlite3"])
    refused(result, "w.sqlite3 is damaged (database disk image is malformed); `facilitator verify`")
    assert isinstance(CliRunner().invoke(buggy, []).exception, sqlite3.ProgrammingError)


@pytest.mark.parametrize(
    "args",
    [["verify"], ["actions"], ["export", "2", "--out", "{tmp}/m.docx"],
     ["backup", "--out", "{tmp}/copy.sqlite3"], ["delete", "2", "--yes"]],
    ids=["verify", "actions", "export", "backup", "delete"],
)  # fmt: skip
def test_a_command_that_reads_refuses_a_workspace_that_is_not_there(
    tmp_path: Path, args: list[str]
) -> None:
    typo = tmp_path / "tpyo" / "w.sqlite3"
    result = invoke(*[a.format(tmp=tmp_path) for a in args], "--db", str(typo))
    refused(result, f"no workspace at {typo}")
    assert list(tmp_path.iterdir()) == []
    beside = tmp_path / "w.sqlite3"  # the folder exists: still nothing created in it
    refused(invoke(*[a.format(tmp=tmp_path) for a in args], "--db", str(beside)), "no workspace")
    assert list(tmp_path.iterdir()) == []


def test_restore_refuses_a_folder_as_the_workspace_and_moves_nothing(
    demo_db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite3"
    assert invoke("backup", "--db", str(demo_db), "--out", str(copy)).exit_code == 0
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    before = sorted(p.name for p in tmp_path.iterdir())
    refused(invoke("restore", str(copy), "--db", str(folder)), f"{folder} is a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (folder / "notes.txt").read_text() == "mine"


def test_actions_never_send_stored_control_characters_to_the_terminal(demo_db: Path) -> None:
    conn = sqlite3.connect(demo_db)
    conn.execute(
        "UPDATE action_items SET text = ?, owner = ? WHERE text LIKE 'Schedule the updated%'",
        ("Call \x1b]0;owned\x07back\x9b2J", "Jordan\rEllis\x00"),
    )
    conn.commit()
    conn.close()
    text = invoke("actions", "--db", str(demo_db)).output
    assert "Jordan Ellis\ufffd: Call \ufffd]0;owned\ufffdback\ufffd2J" in text
    table = invoke("actions", "--db", str(demo_db), "--format", "csv").output
    assert "Jordan\ufffdEllis\ufffd,Call \ufffd]0;owned\ufffdback\ufffd2J," in table
    for output in (text, table.replace("\r\n", "\n")):
        assert not [c for c in output if unicodedata.category(c) == "Cc" and c not in "\t\n"]
