"""The `templates list` and `templates check` commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from facilitator.templates.check import Problem, check_file
from facilitator.templates.cli import templates
from facilitator.templates.loading import ENV_TEMPLATES

GOOD = """\
kind = "other"
title = "Spring plan"
purpose = "Plan the spring term."
makes_decisions = false

[[items]]
title = "Goals"
minutes = 20

[[items]]
title = "Actions"
minutes = 15
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(templates, list(args))


@pytest.fixture(autouse=True)
def no_templates_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_TEMPLATES, raising=False)


def test_list_shows_every_shipped_template_with_kind_minutes_and_items(tmp_path: Path) -> None:
    result = run("list", "--folder", str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    [line] = [line for line in lines if line.startswith("facilitated_iep_meeting ")]
    assert line.split() == [
        "facilitated_iep_meeting",
        "facilitated_iep",
        "100",
        "min",
        "10",
        "items",
        "shipped",
    ]
    assert all(line.endswith("  shipped") for line in lines)


def test_list_shows_user_templates_and_which_ones_shadow_a_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "spring_plan.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "pre_iep_dialogue.toml").write_text(GOOD, encoding="utf-8")
    result = run("list", "--folder", str(tmp_path))
    assert result.exit_code == 0, result.output
    by_name = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert by_name["spring_plan"].split()[1:] == ["other", "35", "min", "2", "items", "user"]
    assert by_name["pre_iep_dialogue"].endswith("  user (shadows shipped)")
    assert by_name["resolution_meeting"].endswith("  shipped")
    assert len(by_name) == 7


def test_list_reads_the_folder_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "spring_plan.toml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv(ENV_TEMPLATES, str(tmp_path))
    assert "spring_plan " in run("list").stdout


def test_list_names_a_broken_user_template_on_stderr_and_lists_the_rest(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text(GOOD.replace("minutes = 20", "minutes = 0"), "utf-8")
    result = run("list", "--folder", str(tmp_path))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 6
    problem = "item 1: minutes must be at least 1, not 0"
    assert result.stderr == f"skipped {tmp_path / 'broken.toml'}:8: {problem}\n"


def test_list_with_a_folder_that_does_not_exist_is_wrong_usage(tmp_path: Path) -> None:
    result = run("list", "--folder", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_check_says_ok_for_a_good_file_and_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "spring_plan.toml"
    path.write_text(GOOD, encoding="utf-8")
    result = run("check", str(path))
    assert (result.exit_code, result.stdout) == (0, f"{path}: ok\n")


def test_check_prints_every_problem_as_path_line_message_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(
        GOOD.replace("title", "titel", 1).replace("minutes = 15", "minutes = 1.5"), "utf-8"
    )
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}: missing required key 'title'",
        f"{path}:2: unknown key 'titel' (did you mean 'title'?)",
        f"{path}:12: item 2: minutes must be a whole number, not 1.5",
    ]


def test_check_reports_every_file_and_fails_if_any_has_a_problem(tmp_path: Path) -> None:
    good, missing, binary = tmp_path / "good.toml", tmp_path / "gone.toml", tmp_path / "bin.toml"
    good.write_text(GOOD, encoding="utf-8")
    binary.write_bytes(b"\x00\x01\x02")
    result = run("check", str(missing), str(good), str(binary), str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{missing}: no such file",
        f"{good}: ok",
        f"{binary}: is a binary file, not a TOML agenda template",
        f"{tmp_path}: is a folder, not a template file",
    ]


def test_check_refuses_a_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(5 * 1024**2)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}: is too large (5,242,880 bytes)")


def test_check_reports_a_syntax_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(GOOD.replace('"Goals"', '"Goals'), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:7: invalid TOML: ")


def test_check_without_files_is_wrong_usage() -> None:
    result = run("check")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_check_never_shows_a_traceback_and_goes_on_to_the_next_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_check_file = check_file

    def check_file_with_a_bug(path: Path) -> list[Problem]:
        if path.name == "first.toml":
            raise RuntimeError("a bug")
        return real_check_file(path)

    good = tmp_path / "good.toml"
    good.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr("facilitator.templates.cli.check_file", check_file_with_a_bug)
    result = run("check", str(tmp_path / "first.toml"), str(good))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'first.toml'}: could not be checked (a bug in Facilitator): "
        "RuntimeError('a bug')",
        f"{good}: ok",
    ]
