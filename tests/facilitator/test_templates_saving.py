"""Writing templates back: the TOML round trip, and saving among the user's templates."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.model import MeetingKind
from facilitator.templates.check import TemplateError
from facilitator.templates.loading import (
    ENV_TEMPLATES,
    load_template,
    parse_template,
    shipped_templates,
)
from facilitator.templates.model import MAX_ITEM_MINUTES, AgendaTemplate, TemplateItem
from facilitator.templates.saving import (
    TemplateExistsError,
    safe_file_stem,
    save_user_template,
    template_to_toml,
)

# Characters that a hand-written TOML writer is most likely to get wrong, mixed into any text.
TRICKY = list("\"'\\\n\r\t\b\f\x00\x1b\x7f\x85\u2028\ufeff\u200b#=[]😀👩\u200d👧\U000e0001éß")
CHARACTERS = st.one_of(st.sampled_from(TRICKY), st.characters(codec="utf-8"))
ANY_TEXT = st.text(CHARACTERS, max_size=30)
SOME_TEXT = ANY_TEXT.filter(lambda text: text.strip() != "")


def same_title(title: str) -> str:
    return " ".join(title.split()).casefold()


ITEMS = st.lists(
    st.builds(
        TemplateItem,
        title=SOME_TEXT,
        minutes=st.integers(1, MAX_ITEM_MINUTES),
        prompts=st.lists(SOME_TEXT, max_size=3).map(tuple),
        sub_items=st.lists(SOME_TEXT, max_size=3).map(tuple),
    ),
    min_size=1,
    max_size=5,
    unique_by=lambda item: same_title(item.title),
).map(tuple)


@st.composite
def templates(draw: st.DrawFn) -> AgendaTemplate:
    name = draw(st.from_regex(r"[A-Za-z0-9_-]{1,20}", fullmatch=True))
    return AgendaTemplate(
        name=name,
        path=Path("somewhere") / f"{name}.toml",
        kind=draw(st.sampled_from(MeetingKind)),
        title=draw(SOME_TEXT),
        purpose=draw(SOME_TEXT),
        makes_decisions=draw(st.booleans()),
        items=draw(ITEMS),
        team_only=draw(st.booleans()),
        desired_outcomes=tuple(draw(st.lists(SOME_TEXT, max_size=3))),
        ground_rules=tuple(draw(st.lists(SOME_TEXT, max_size=3))),
        suggested_roles=tuple(draw(st.lists(SOME_TEXT, max_size=3))),
        notes=draw(ANY_TEXT),
    )


def a_template(name: str = "spring_plan", title: str = "Spring plan") -> AgendaTemplate:
    return AgendaTemplate(
        name=name,
        path=Path(f"{name}.toml"),
        kind=MeetingKind.OTHER,
        title=title,
        purpose="Plan the spring term.",
        makes_decisions=False,
        items=(TemplateItem("Everything", 30, ("What matters most?",)),),
    )


@settings(max_examples=150, deadline=None)
@given(template=templates())
def test_what_is_written_reads_back_as_the_same_template(template: AgendaTemplate) -> None:
    assert parse_template(template_to_toml(template), path=template.path) == template


@pytest.mark.parametrize("template", shipped_templates()[0], ids=lambda template: template.name)
def test_every_shipped_template_survives_being_written_back(template: AgendaTemplate) -> None:
    assert parse_template(template_to_toml(template), path=template.path) == template


def test_text_with_line_breaks_is_written_as_a_readable_multiline_string() -> None:
    template = dataclasses.replace(a_template(), notes='First line.\nSecond "line".')
    assert 'notes = """\nFirst line.\nSecond \\"line\\"."""\n' in template_to_toml(template)


def test_invisible_characters_are_written_as_escapes() -> None:
    template = dataclasses.replace(a_template(), title="Tab\there\x00\u200b")
    assert 'title = "Tab\\there\\u0000\\u200B"' in template_to_toml(template)


def test_a_lone_surrogate_which_toml_cannot_hold_is_written_as_a_replacement_character() -> None:
    template = dataclasses.replace(a_template(), title="broken \udc80 text")
    written = template_to_toml(template)
    assert parse_template(written, path=template.path).title == "broken \ufffd text"


def test_every_key_is_written_even_when_empty() -> None:
    data = tomllib.loads(template_to_toml(a_template()))
    assert data["desired_outcomes"] == [] and data["notes"] == "" and data["team_only"] is False
    assert data["items"] == [
        {"title": "Everything", "minutes": 30, "prompts": ["What matters most?"], "sub_items": []}
    ]


def test_saving_writes_a_template_that_loads_back(tmp_path: Path) -> None:
    path = save_user_template(a_template(), tmp_path)
    assert path == tmp_path / "spring_plan.toml"
    assert load_template(path) == dataclasses.replace(a_template(), path=path)


def test_saving_creates_the_folder_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "templates"
    save_user_template(a_template(), folder)
    assert [entry.name for entry in folder.iterdir()] == ["spring_plan.toml"]


def test_saving_uses_the_folder_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_TEMPLATES, str(tmp_path))
    assert save_user_template(a_template()) == tmp_path / "spring_plan.toml"


def test_saving_refuses_to_overwrite_an_existing_template(tmp_path: Path) -> None:
    path = save_user_template(a_template(title="First"), tmp_path)
    with pytest.raises(TemplateExistsError, match="'spring_plan' exists already"):
        save_user_template(a_template(title="Second"), tmp_path)
    assert load_template(path).title == "First"
    assert [entry.name for entry in tmp_path.iterdir()] == ["spring_plan.toml"]


def test_the_exists_error_is_a_file_exists_error_that_reads_as_one_line(tmp_path: Path) -> None:
    path = save_user_template(a_template(), tmp_path)
    with pytest.raises(FileExistsError) as raised:
        save_user_template(a_template(), tmp_path)
    assert str(raised.value) == f"a user template called 'spring_plan' exists already: {path}"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_saved_template_is_readable_by_others_like_any_document(tmp_path: Path) -> None:
    path = save_user_template(a_template(), tmp_path)
    assert path.stat().st_mode & 0o777 == 0o644


def test_saving_with_overwrite_replaces_the_template(tmp_path: Path) -> None:
    save_user_template(a_template(title="First"), tmp_path)
    path = save_user_template(a_template(title="Second"), tmp_path, overwrite=True)
    assert load_template(path).title == "Second"
    assert [entry.name for entry in tmp_path.iterdir()] == ["spring_plan.toml"]


def test_a_template_that_would_not_pass_the_check_is_not_saved(tmp_path: Path) -> None:
    broken = dataclasses.replace(a_template(), items=(TemplateItem("A", 0), TemplateItem("a", 5)))
    with pytest.raises(TemplateError) as raised:
        save_user_template(broken, tmp_path)
    assert len(raised.value.problems) == 2
    assert list(tmp_path.iterdir()) == []


def test_the_file_name_is_made_safe_whatever_the_template_is_called(tmp_path: Path) -> None:
    path = save_user_template(a_template(name="../../etc/Diálogo inicial"), tmp_path)
    assert path == tmp_path / "etc_Dialogo_inicial.toml"
    assert load_template(path).name == "etc_Dialogo_inicial"


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not as root"
)
def test_a_folder_that_cannot_be_written_raises_an_os_error(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            save_user_template(a_template(), tmp_path)
    finally:
        tmp_path.chmod(0o700)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("pre_iep_dialogue", "pre_iep_dialogue"),
        ("Pre IEP dialogue", "Pre_IEP_dialogue"),
        ("Diálogo previo", "Dialogo_previo"),
        ("../../etc/passwd", "etc_passwd"),
        ("C:\\Users\\x", "C_Users_x"),
        ("-rf", "rf"),
        ("", "template"),
        ("😀😀", "template"),
        ("...", "template"),
        ("CON", "CON_template"),
        ("nul", "nul_template"),
        ("a" * 100, "a" * 64),
    ],
)
def test_file_stems_are_made_from_an_allow_list(name: str, stem: str) -> None:
    assert safe_file_stem(name) == stem


@settings(max_examples=150)
@given(name=st.text())
def test_any_name_gives_a_short_safe_file_stem(name: str) -> None:
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}", safe_file_stem(name))
