"""Find agenda templates: the ones shipped with the app and the user's own.

Shipped templates are the `*.toml` files of the `agenda_templates` package, found through
`importlib.resources` so that they are found from a source checkout and from an installed wheel.
User templates are the `*.toml` files of one folder: the `folder` argument, else the
`FACILITATOR_TEMPLATES` environment variable, else `templates` in the per-user config folder.
A user template with the same name (file stem) as a shipped one shadows it.

Nothing here raises on a bad file: files that cannot be used are reported as `Problem`s beside
the templates that can, except in `load_template`, `parse_template` and `find_template`, which
exist to get one template or an error that says why not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from facilitator.errors import NotFound
from facilitator.templates.check import (
    CheckResult,
    Problem,
    TemplateError,
    read_template,
    validate_bytes,
    validate_text,
)
from facilitator.templates.model import AgendaTemplate

ENV_TEMPLATES = "FACILITATOR_TEMPLATES"
SHIPPED_PACKAGE = "agenda_templates"
TEMPLATE_SUFFIX = ".toml"

Source = Literal["shipped", "user"]


@dataclass(frozen=True)
class CatalogEntry:
    """A usable template, where it came from, and whether it hides a shipped one."""

    template: AgendaTemplate
    source: Source
    shadows_shipped: bool = False


@dataclass(frozen=True)
class Catalog:
    """Every usable template, one per name and sorted by name, plus the files that are not."""

    entries: tuple[CatalogEntry, ...]
    problems: tuple[Problem, ...]
    user_folder: Path

    def get(self, name: str) -> AgendaTemplate | None:
        for entry in self.entries:
            if entry.template.name == name:
                return entry.template
        return None

    @property
    def names(self) -> list[str]:
        return [entry.template.name for entry in self.entries]


def user_templates_folder(folder: str | os.PathLike[str] | None = None) -> Path:
    """The folder of user templates: `folder`, else $FACILITATOR_TEMPLATES, else the default."""
    if folder:
        return Path(folder)
    from_environment = os.environ.get(ENV_TEMPLATES)
    if from_environment:
        return Path(from_environment)
    # Imported here so that reading templates from a given folder needs only the standard library.
    import platformdirs

    return platformdirs.user_config_path("facilitator", appauthor=False) / "templates"


def shipped_templates() -> tuple[list[AgendaTemplate], list[Problem]]:
    """The templates shipped with the app, sorted by name, and problems in any broken one."""
    templates: list[AgendaTemplate] = []
    problems: list[Problem] = []
    try:
        resources_found = list(resources.files(SHIPPED_PACKAGE).iterdir())
    except (ModuleNotFoundError, OSError) as error:
        problem = Problem(Path(SHIPPED_PACKAGE), None, f"shipped templates not found: {error}")
        return [], [problem]
    for resource in sorted(resources_found, key=lambda found: found.name):
        if not resource.name.endswith(TEMPLATE_SUFFIX) or not resource.is_file():
            continue
        if isinstance(resource, Path):
            result = read_template(resource)
        else:  # e.g. a zipped install; shipped files are ours, so no size guard is needed
            result = validate_bytes(resource.read_bytes(), Path(str(resource)))
        _collect(result, templates, problems)
    return templates, problems


def user_templates(
    folder: str | os.PathLike[str] | None = None,
) -> tuple[list[AgendaTemplate], list[Problem]]:
    """The user's templates, sorted by name, and the problems of those that cannot be used.

    A folder that does not exist simply holds no templates: nobody has saved one yet.
    """
    where = user_templates_folder(folder)
    try:
        paths = sorted(where.iterdir())
    except FileNotFoundError:
        return [], []
    except NotADirectoryError:
        return [], [Problem(where, None, "is not a folder (it should hold the user's templates)")]
    except OSError as error:
        return [], [Problem(where, None, f"cannot be read: {error.strerror or error}")]
    templates: list[AgendaTemplate] = []
    problems: list[Problem] = []
    for path in paths:
        # Dot files are editor locks and backups (".#plan.toml"), never templates.
        if path.suffix.lower() == TEMPLATE_SUFFIX and not path.name.startswith("."):
            _collect(read_template(path), templates, problems)
    return templates, problems


def load_catalog(folder: str | os.PathLike[str] | None = None) -> Catalog:
    """Shipped and user templates together; a user template shadows a shipped one by name."""
    where = user_templates_folder(folder)
    shipped, shipped_problems = shipped_templates()
    user, user_problems = user_templates(where)
    shipped_names = {template.name for template in shipped}
    by_name = {template.name: CatalogEntry(template, "shipped") for template in shipped}
    for template in user:
        by_name[template.name] = CatalogEntry(template, "user", template.name in shipped_names)
    return Catalog(
        entries=tuple(by_name[name] for name in sorted(by_name)),
        problems=tuple(shipped_problems + user_problems),
        user_folder=where,
    )


def find_template(name: str, folder: str | os.PathLike[str] | None = None) -> AgendaTemplate:
    """The template called `name` (a user one before a shipped one); NotFound if there is none."""
    catalog = load_catalog(folder)
    template = catalog.get(name)
    if template is None:
        known = ", ".join(catalog.names) or "none"
        raise NotFound(f"no agenda template called {name!r} (available: {known})")
    return template


def load_template(path: Path) -> AgendaTemplate:
    """Read one template file; TemplateError lists everything wrong with it."""
    return _template_or_error(read_template(path))


def parse_template(text: str, *, path: Path) -> AgendaTemplate:
    """Parse template source as if read from `path` (which gives the template its name)."""
    return _template_or_error(validate_text(text, path))


def _template_or_error(result: CheckResult) -> AgendaTemplate:
    if result.template is None:
        raise TemplateError(result.problems)
    return result.template


def _collect(result: CheckResult, templates: list[AgendaTemplate], problems: list[Problem]) -> None:
    if result.template is not None:
        templates.append(result.template)
    problems.extend(result.problems)
