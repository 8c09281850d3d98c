"""Finding templates: shipped ones from the package, the user's own from a folder, shadowing."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.errors import NotFound
from facilitator.model import MeetingKind
from facilitator.templates.check import TemplateError
from facilitator.templates.loading import (
    ENV_TEMPLATES,
    find_template,
    load_catalog,
    load_template,
    parse_template,
    shipped_templates,
    user_templates,
    user_templates_folder,
)
from facilitator.templates.model import AgendaTemplate

SHIPPED_KINDS = {
    "facilitated_iep_meeting": MeetingKind.FACILITATED_IEP,
    "internal_team_review": MeetingKind.INTERNAL_REVIEW,
    "mediation_preparation": MeetingKind.MEDIATION,
    "pre_iep_dialogue": MeetingKind.PRE_IEP_DIALOGUE,
    "reconvened_iep_meeting": MeetingKind.RECONVENED_IEP,
    "resolution_meeting": MeetingKind.RESOLUTION,
}


def template_text(title: str = "Our own agenda", minutes: int = 30) -> str:
    return f"""\
kind = "other"
title = "{title}"
purpose = "Plan the spring term."
makes_decisions = false

[[items]]
title = "Everything"
minutes = {minutes}
"""


def shipped(name: str) -> AgendaTemplate:
    templates, problems = shipped_templates()
    assert problems == []
    return next(template for template in templates if template.name == name)


@pytest.fixture(autouse=True)
def no_templates_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_TEMPLATES, raising=False)


def test_the_six_shipped_templates_are_found_with_their_kinds() -> None:
    templates, problems = shipped_templates()
    assert problems == []
    assert {template.name: template.kind for template in templates} == SHIPPED_KINDS


@pytest.mark.parametrize("name", sorted(SHIPPED_KINDS))
def test_every_shipped_template_is_realistic(name: str) -> None:
    template = shipped(name)
    assert 60 <= template.total_minutes <= 120
    assert all(item.prompts for item in template.items), "every item has facilitator prompts"
    assert template.desired_outcomes and template.ground_rules and template.suggested_roles
    assert "34 CFR" in template.notes


def test_the_pre_iep_dialogue_says_it_makes_no_decisions_and_when_it_is_held() -> None:
    template = shipped("pre_iep_dialogue")
    assert template.makes_decisions is False
    assert "non-decision-making" in template.purpose
    assert "2-3 weeks before the IEP meeting" in template.purpose


def test_the_facilitated_iep_meeting_follows_the_typical_agenda() -> None:
    template = shipped("facilitated_iep_meeting")
    titles = [item.title for item in template.items]
    assert template.makes_decisions is True
    assert 9 <= len(titles) <= 11
    assert titles[0] == "Welcome and purpose"
    assert titles[-1] == "Next steps and debrief"
    introductions = template.items[titles.index("Introductions")]
    assert "One strength of the student" in introductions.sub_items
    placement = template.items[titles.index("Services, supports and placement")]
    assert any("(LRE)" in sub_item for sub_item in placement.sub_items)
    assert any("(ESY)" in sub_item for sub_item in placement.sub_items)
    assert any("Transition" in sub_item for sub_item in placement.sub_items)


def test_the_internal_review_is_team_only() -> None:
    template = shipped("internal_team_review")
    assert template.team_only is True
    assert template.makes_decisions is False


def test_the_resolution_meeting_cites_its_rules_and_timelines() -> None:
    notes = shipped("resolution_meeting").notes
    for fact in (
        "300.510",
        "within 15 days",
        "30 days",
        "decision-making authority",
        "3 business days",
    ):
        assert fact in notes


def test_the_mediation_preparation_says_mediation_is_voluntary_and_confidential() -> None:
    notes = shipped("mediation_preparation").notes
    for fact in ("300.506", "voluntary", "confidential"):
        assert fact in notes


def test_user_templates_come_from_the_folder_given(tmp_path: Path) -> None:
    (tmp_path / "spring_plan.toml").write_text(template_text(), encoding="utf-8")
    templates, problems = user_templates(tmp_path)
    assert problems == []
    assert [(template.name, template.path) for template in templates] == [
        ("spring_plan", tmp_path / "spring_plan.toml")
    ]


def test_user_templates_come_from_the_environment_when_no_folder_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "spring_plan.toml").write_text(template_text(), encoding="utf-8")
    monkeypatch.setenv(ENV_TEMPLATES, str(tmp_path))
    assert user_templates_folder() == tmp_path
    assert [template.name for template in user_templates()[0]] == ["spring_plan"]


def test_the_folder_given_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_TEMPLATES, str(tmp_path / "from_environment"))
    assert user_templates_folder(tmp_path / "given") == tmp_path / "given"


def test_without_folder_or_environment_the_per_user_config_folder_is_used() -> None:
    folder = user_templates_folder()
    assert folder.name == "templates"
    assert folder.parent.name == "facilitator"


def test_a_folder_that_does_not_exist_holds_no_templates_and_no_problems(tmp_path: Path) -> None:
    assert user_templates(tmp_path / "not_yet") == ([], [])


def test_a_file_where_the_folder_should_be_is_a_problem(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "templates"
    not_a_folder.write_text("", encoding="utf-8")
    templates, [problem] = user_templates(not_a_folder)
    assert templates == []
    assert problem.message.startswith("is not a folder")


def test_only_toml_files_that_are_not_hidden_are_read(tmp_path: Path) -> None:
    (tmp_path / "plan.toml").write_text(template_text(), encoding="utf-8")
    (tmp_path / "PLAN2.TOML").write_text(template_text(), encoding="utf-8")
    (tmp_path / ".#plan.toml").write_text("garbage", encoding="utf-8")
    (tmp_path / "plan.toml~").write_text("garbage", encoding="utf-8")
    (tmp_path / "readme.txt").write_text("garbage", encoding="utf-8")
    templates, problems = user_templates(tmp_path)
    assert problems == []
    assert [template.name for template in templates] == ["PLAN2", "plan"]


def test_the_catalog_lists_shipped_and_user_templates_by_name(tmp_path: Path) -> None:
    (tmp_path / "spring_plan.toml").write_text(template_text(), encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert catalog.names == sorted([*SHIPPED_KINDS, "spring_plan"])
    sources = {
        entry.template.name: (entry.source, entry.shadows_shipped) for entry in catalog.entries
    }
    assert sources["spring_plan"] == ("user", False)
    assert sources["pre_iep_dialogue"] == ("shipped", False)
    assert catalog.user_folder == tmp_path


def test_a_user_template_shadows_the_shipped_one_of_the_same_name(tmp_path: Path) -> None:
    (tmp_path / "pre_iep_dialogue.toml").write_text(template_text("Our dialogue"), encoding="utf-8")
    catalog = load_catalog(tmp_path)
    [entry] = [entry for entry in catalog.entries if entry.template.name == "pre_iep_dialogue"]
    assert (entry.source, entry.shadows_shipped) == ("user", True)
    assert entry.template.title == "Our dialogue"
    template = catalog.get("pre_iep_dialogue")
    assert template is not None and template.title == "Our dialogue"
    assert len(catalog.entries) == len(SHIPPED_KINDS)


def test_a_broken_user_template_is_reported_and_shadows_nothing(tmp_path: Path) -> None:
    (tmp_path / "pre_iep_dialogue.toml").write_text(template_text(minutes=0), encoding="utf-8")
    catalog = load_catalog(tmp_path)
    [problem] = catalog.problems
    assert problem.path == tmp_path / "pre_iep_dialogue.toml"
    assert problem.line == 8
    [entry] = [entry for entry in catalog.entries if entry.template.name == "pre_iep_dialogue"]
    assert entry.source == "shipped"


def test_find_template_prefers_the_users_and_names_what_exists_when_missing(tmp_path: Path) -> None:
    (tmp_path / "pre_iep_dialogue.toml").write_text(template_text("Ours"), encoding="utf-8")
    assert find_template("pre_iep_dialogue", tmp_path).title == "Ours"
    with pytest.raises(NotFound, match=r"no agenda template called 'nope'.*resolution_meeting"):
        find_template("nope", tmp_path)


def test_load_template_raises_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(template_text(title="", minutes=0), encoding="utf-8")
    with pytest.raises(TemplateError) as raised:
        load_template(path)
    assert [problem.line for problem in raised.value.problems] == [2, 8]
    assert str(raised.value) == f"{path}:2: title is empty (and 1 more problem)"


def test_parse_template_names_the_template_after_the_file(tmp_path: Path) -> None:
    template = parse_template(template_text(), path=tmp_path / "autumn.toml")
    assert (template.name, template.kind, template.total_minutes) == (
        "autumn",
        MeetingKind.OTHER,
        30,
    )
    assert template.team_only is False
    assert template.desired_outcomes == ()
    assert template.notes == ""
