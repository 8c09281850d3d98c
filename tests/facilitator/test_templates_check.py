"""Checking template files: every problem is reported, on the right line, and nothing raises."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.templates import check as check_module
from facilitator.templates.check import (
    BUG_MESSAGE,
    ITEM_KEYS,
    MAX_FILE_BYTES,
    TOP_LEVEL_KEYS,
    Problem,
    check_file,
    check_text,
    validate_bytes,
)
from facilitator.templates.loading import parse_template
from facilitator.templates.saving import template_to_toml

HERE = Path("plan.toml")

VALID = """\
kind = "facilitated_iep"
title = "Annual review"
purpose = "Review the IEP."
makes_decisions = true

[[items]]
title = "Welcome"
minutes = 5

[[items]]
title = "Closing"
minutes = 10
"""

SHIPPED = sorted(
    (resource.name, resource.read_text(encoding="utf-8"))
    for resource in resources.files("agenda_templates").iterdir()
    if resource.name.endswith(".toml")
)


def lines_and_messages(problems: list[Problem]) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.message) for problem in problems]


def the_only_problem(text: str) -> Problem:
    problems = check_text(text, HERE)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_minimal_template_has_no_problems() -> None:
    assert check_text(VALID, HERE) == []


@pytest.mark.parametrize(("file_name", "text"), SHIPPED, ids=[name for name, _ in SHIPPED])
def test_every_shipped_template_passes_the_check(file_name: str, text: str) -> None:
    assert check_text(text, Path(file_name)) == []


def test_six_templates_are_shipped() -> None:
    assert len(SHIPPED) == 6


def test_a_problem_prints_as_path_line_message() -> None:
    assert str(Problem(Path("a.toml"), 3, "boom")) == "a.toml:3: boom"
    assert str(Problem(Path("a.toml"), None, "boom")) == "a.toml: boom"


def test_a_toml_syntax_error_is_reported_on_its_line_with_its_column() -> None:
    problem = the_only_problem(VALID.replace("minutes = 10", "minutes = = 10"))
    assert problem.line == 12
    assert problem.message.startswith("invalid TOML: ")
    assert "(column 11)" in problem.message


def test_a_syntax_error_at_the_end_of_the_file_is_reported_on_the_last_line() -> None:
    problem = the_only_problem('kind = "other"\ntitle = [1,\n')
    assert problem.line == 2
    assert "at the end of the file" in problem.message


def test_a_missing_required_key_is_reported_without_a_line() -> None:
    problem = the_only_problem(VALID.replace('purpose = "Review the IEP."\n', ""))
    assert (problem.line, problem.message) == (None, "missing required key 'purpose'")


def test_an_unknown_key_is_reported_on_its_line_with_a_suggestion() -> None:
    problem = the_only_problem(
        VALID.replace("makes_decisions = true", "makes_decisions = true\ntitel = 'x'")
    )
    assert (problem.line, problem.message) == (5, "unknown key 'titel' (did you mean 'title'?)")


def test_an_unknown_key_far_from_any_known_one_gets_no_suggestion() -> None:
    problem = the_only_problem("zzz = 1\n" + VALID)
    assert (problem.line, problem.message) == (1, "unknown key 'zzz'")


def test_an_unknown_key_in_an_item_is_reported_on_its_line_in_that_item() -> None:
    problem = the_only_problem(VALID.replace("minutes = 10", "minutes = 10\nminuts = 3"))
    assert (problem.line, problem.message) == (
        13,
        "item 2: unknown key 'minuts' (did you mean 'minutes'?)",
    )


def test_an_unknown_kind_is_reported_with_a_suggestion_and_the_kinds_allowed() -> None:
    problem = the_only_problem(VALID.replace('"facilitated_iep"', '"facilitated"'))
    assert problem.line == 1
    assert "unknown kind 'facilitated' (did you mean 'facilitated_iep'?)" in problem.message
    assert "pre_iep_dialogue" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ('title = "Annual review"', "title = 5", 2, "title must be text, not a number"),
        ('purpose = "Review the IEP."', 'purpose = "  "', 3, "purpose is empty"),
        ("makes_decisions = true", 'makes_decisions = "yes"', 4, "must be true or false, not text"),
        ("makes_decisions = true", "makes_decisions = 1", 4, "must be true or false, not a number"),
        ('kind = "facilitated_iep"', "kind = []", 1, "kind must be text, not a list"),
        (
            "makes_decisions = true",
            "makes_decisions = true\nnotes = 1979-05-27",
            5,
            "a date or time",
        ),
        (
            "makes_decisions = true",
            "makes_decisions = true\nground_rules = 'be kind'",
            5,
            "ground_rules must be a list of text, not text",
        ),
        (
            "makes_decisions = true",
            "makes_decisions = true\nground_rules = ['ok', 3]",
            5,
            "ground_rules: entry 2 must be text, not a number",
        ),
        (
            "makes_decisions = true",
            "makes_decisions = true\ndesired_outcomes = ['ok', '']",
            5,
            "desired_outcomes: entry 2 is empty",
        ),
        ('title = "Welcome"', 'title = ""', 7, "item 1: title is empty"),
        ('title = "Welcome"', "title = true", 7, "item 1: title must be text, not true/false"),
        ("minutes = 5", "minutes = 0", 8, "item 1: minutes must be at least 1, not 0"),
        ("minutes = 5", "minutes = -5", 8, "item 1: minutes must be at least 1, not -5"),
        ("minutes = 5", "minutes = 7.5", 8, "item 1: minutes must be a whole number, not 7.5"),
        ("minutes = 5", "minutes = 5.0", 8, "item 1: minutes must be a whole number, not 5.0"),
        ("minutes = 5", "minutes = inf", 8, "item 1: minutes must be a whole number, not inf"),
        ("minutes = 5", 'minutes = "5"', 8, "item 1: minutes must be a whole number, not text"),
        (
            "minutes = 5",
            "minutes = true",
            8,
            "item 1: minutes must be a whole number, not true/false",
        ),
        ("minutes = 5", "minutes = 1441", 8, "item 1: minutes must be at most 1440 (24 hours)"),
        ("minutes = 5", "minutes = 5\nprompts = 'hi'", 9, "item 1: prompts must be a list of text"),
        ("minutes = 5", "minutes = 5\nsub_items = [1]", 9, "item 1: sub_items: entry 1 must be"),
    ],
)
def test_a_wrong_value_is_reported_on_the_line_of_its_key(
    old: str, new: str, line: int, message: str
) -> None:
    problem = the_only_problem(VALID.replace(old, new, 1))
    assert problem.line == line
    assert message in problem.message


def test_a_missing_item_key_is_reported_on_the_line_of_its_item() -> None:
    problem = the_only_problem(VALID.replace('title = "Closing"\n', ""))
    assert (problem.line, problem.message) == (10, "item 2: missing required key 'title'")


def test_a_duplicate_item_title_is_reported_on_the_second_title() -> None:
    problem = the_only_problem(VALID.replace('"Closing"', '"  welcome "'))
    assert problem.line == 11
    assert problem.message == "item 2: duplicate title '  welcome ': item 1 has the same title"


def test_items_written_as_a_single_table_are_reported_on_their_header() -> None:
    text = VALID.split("[[items]]")[0] + "[items]\ntitle = 'x'\nminutes = 3\n"
    problem = the_only_problem(text)
    assert (problem.line, problem.message) == (
        6,
        "items must be a list of [[items]] tables, not a table",
    )


def test_an_empty_list_of_items_is_a_problem() -> None:
    text = VALID.split("[[items]]")[0] + "items = []\n"
    assert lines_and_messages(check_text(text, HERE)) == [
        (6, "items is empty: a template needs at least one item")
    ]


def test_problems_in_inline_items_are_reported_on_the_items_line() -> None:
    text = VALID.split("[[items]]")[0] + 'items = [{ title = "A", minutes = 0 }]\n'
    assert lines_and_messages(check_text(text, HERE)) == [
        (6, "item 1: minutes must be at least 1, not 0")
    ]


def test_text_inside_a_multiline_string_is_not_mistaken_for_a_key() -> None:
    text = 'notes = """\ntitle = 5\n[[items]]\nminutes = 1\n"""\n' + VALID.replace(
        "minutes = 5", "minutes = 0"
    )
    assert lines_and_messages(check_text(text, HERE)) == [
        (13, "item 1: minutes must be at least 1, not 0")
    ]


def test_several_problems_in_one_file_are_all_reported_in_line_order() -> None:
    text = """\
kind = "facilitated"
titel = "x"
purpose = ""
makes_decisions = "yes"

[[items]]
title = "Welcome"
minutes = 0

[[items]]
title = "welcome"
minutes = 2.5
minuts = 3

[[items]]
minutes = "ten"
"""
    assert lines_and_messages(check_text(text, HERE)) == [
        (None, "missing required key 'title'"),
        (
            1,
            "unknown kind 'facilitated' (did you mean 'facilitated_iep'?); use one of: "
            "pre_iep_dialogue, facilitated_iep, internal_review, resolution, mediation, "
            "reconvened_iep, other",
        ),
        (2, "unknown key 'titel' (did you mean 'title'?)"),
        (3, "purpose is empty"),
        (4, "makes_decisions must be true or false, not text"),
        (8, "item 1: minutes must be at least 1, not 0"),
        (11, "item 2: duplicate title 'welcome': item 1 has the same title"),
        (12, "item 2: minutes must be a whole number, not 2.5"),
        (13, "item 2: unknown key 'minuts' (did you mean 'minutes'?)"),
        (15, "item 3: missing required key 'title'"),
        (16, "item 3: minutes must be a whole number, not text"),
    ]


def test_line_numbers_are_right_with_windows_line_endings() -> None:
    text = VALID.replace("minutes = 10", "minutes = 0").replace("\n", "\r\n")
    assert lines_and_messages(check_text(text, HERE)) == [
        (12, "item 2: minutes must be at least 1, not 0")
    ]


def test_a_utf8_byte_order_mark_is_tolerated() -> None:
    result = validate_bytes(b"\xef\xbb\xbf" + VALID.encode(), HERE)
    assert result.problems == ()
    assert result.template is not None


def test_a_file_that_is_not_utf8_is_reported_with_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(VALID.replace("Welcome", "Bienvenue à tous").encode("latin-1"))
    assert lines_and_messages(check_file(path)) == [
        (7, "is not UTF-8 text (byte 0xe0); save the file as UTF-8")
    ]


def test_a_binary_file_is_reported_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "picture.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert lines_and_messages(check_file(path)) == [
        (None, "is a binary file, not a TOML agenda template")
    ]


def test_a_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024**3)  # sparse: reading it would take minutes and 50 GB
    [problem] = check_file(path)
    assert problem.line is None
    assert problem.message.startswith("is too large (53,687,091,200 bytes)")
    assert "at most 1 MB" in problem.message


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "padded.toml"
    padding = "#" * (MAX_FILE_BYTES - len(VALID) - 1) + "\n"
    path.write_text(VALID + padding, encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert check_file(path) == []


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    assert lines_and_messages(check_file(path)) == [(None, "no such file")]


def test_a_folder_is_reported(tmp_path: Path) -> None:
    assert lines_and_messages(check_file(tmp_path)) == [(None, "is a folder, not a template file")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_named_pipe_is_reported_and_never_read(tmp_path: Path) -> None:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    assert lines_and_messages(check_file(path)) == [(None, "is not a regular file")]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not as root"
)
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0)
    assert lines_and_messages(check_file(path)) == [(None, "cannot be read: permission denied")]


def test_a_path_with_a_nul_character_is_reported() -> None:
    [problem] = check_file(Path("bad\x00name.toml"))
    assert problem.message.startswith("cannot be read: ")


def test_a_number_too_long_for_python_is_reported_not_raised() -> None:
    [problem] = check_text(VALID.replace("minutes = 5", "minutes = " + "9" * 5000), HERE)
    assert problem.message.startswith("invalid TOML: ")


def test_deeply_nested_values_are_reported_not_raised() -> None:
    [problem] = check_text("notes = " + "[" * 100_000, HERE)
    assert problem.message.startswith("invalid TOML: ")


def test_the_documentation_describes_every_key() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "templates.md").read_text(encoding="utf-8")
    for key in (*TOP_LEVEL_KEYS, *ITEM_KEYS):
        assert f"`{key}`" in docs, key
    for file_name, _ in SHIPPED:
        assert file_name.removesuffix(".toml") in docs, file_name


def _assert_well_formed(problems: tuple[Problem, ...] | list[Problem], data: bytes) -> None:
    last_line = data.count(b"\n") + 1
    for problem in problems:
        assert problem.path == HERE
        assert problem.message and "\n" not in problem.message
        assert BUG_MESSAGE not in problem.message
        assert problem.line is None or 1 <= problem.line <= last_line


TOML_PIECES = ['"', "'", '"""', "[", "]", "[[items]]\n", "=", "\n", "#", "\\", "{", "}", ",", "0"]
MUTATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 40)),
        st.tuples(st.just("duplicate_line"), st.integers(0, 10_000), st.just(0)),
        st.tuples(st.just("delete_line"), st.integers(0, 10_000), st.just(0)),
        st.tuples(st.just("replace"), st.integers(0, 10_000), st.characters()),
        st.tuples(
            st.just("insert_bytes"), st.integers(0, 10_000), st.binary(min_size=1, max_size=8)
        ),
        st.tuples(st.just("insert_text"), st.integers(0, 10_000), st.sampled_from(TOML_PIECES)),
    ),
    min_size=1,
    max_size=6,
)


def _mutate(data: bytes, mutation: tuple[str, int, object]) -> bytes:
    operation, position, argument = mutation
    position = position % (len(data) + 1)
    if operation == "delete":
        assert isinstance(argument, int)
        return data[:position] + data[position + argument :]
    if operation in ("duplicate_line", "delete_line"):
        lines = data.split(b"\n")
        index = position % len(lines)
        if operation == "delete_line":
            return b"\n".join(lines[:index] + lines[index + 1 :])
        return b"\n".join(lines[: index + 1] + lines[index:])
    if operation == "replace":
        assert isinstance(argument, str)
        return data[:position] + argument.encode("utf-8", "surrogatepass") + data[position + 1 :]
    if operation == "insert_bytes":
        assert isinstance(argument, bytes)
        return data[:position] + argument + data[position:]
    assert isinstance(argument, str)
    return data[:position] + argument.encode() + data[position:]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shipped=st.sampled_from(SHIPPED), mutations=MUTATIONS)
def test_a_mutated_shipped_template_never_makes_the_check_raise(
    shipped: tuple[str, str], mutations: list[tuple[str, int, object]]
) -> None:
    data = shipped[1].encode("utf-8")
    for mutation in mutations:
        data = _mutate(data, mutation)
    result = validate_bytes(data, HERE)
    _assert_well_formed(result.problems, data)
    assert (result.template is None) == bool(result.problems)
    if result.template is not None:
        # Whatever survives the check also survives being written back.
        written = template_to_toml(result.template)
        assert parse_template(written, path=HERE) == result.template


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2_000))
def test_arbitrary_bytes_never_make_the_check_raise(data: bytes) -> None:
    result = validate_bytes(data, HERE)
    _assert_well_formed(result.problems, data)
    assert result.problems


def test_the_documented_example_passes_the_check() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "templates.md").read_text(encoding="utf-8")
    example = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    assert check_text(example, Path("annual_review.toml")) == []


def test_a_file_the_system_refuses_to_open_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stands in for a permission error where the tests run as root and permissions do not apply.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "secret.toml"
    path.write_text(VALID, encoding="utf-8")
    monkeypatch.setattr(check_module, "open", refuse, raising=False)
    assert lines_and_messages(check_file(path)) == [(None, "cannot be read: permission denied")]
