"""The `templates` command group: list the agenda templates, check template files."""

from __future__ import annotations

from pathlib import Path

import click

from facilitator.templates.check import BUG_MESSAGE, Problem, check_file
from facilitator.templates.loading import ENV_TEMPLATES, CatalogEntry, load_catalog


@click.group()
def templates() -> None:
    """Agenda templates: the shipped ones and your own."""


@templates.command("list")
@click.option(
    "--folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help=f"Folder of user templates (default: ${ENV_TEMPLATES}, else the per-user config folder).",
)
def list_templates(folder: Path | None) -> None:
    """One line per template: name, kind, total minutes, items, and where it comes from.

    User template files that cannot be used are named on standard error; run
    `templates check` on them to see every problem.
    """
    catalog = load_catalog(folder)
    width = max((len(entry.template.name) for entry in catalog.entries), default=0)
    for entry in catalog.entries:
        click.echo(_describe(entry, width))
    for problem in catalog.problems:
        click.echo(f"skipped {problem}", err=True)


@templates.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def check_templates(files: tuple[Path, ...]) -> None:
    """Check template FILES: print each problem as PATH:LINE: message, or PATH: ok.

    Exits with 1 if any file has a problem, else 0.
    """
    failed = False
    for path in files:
        problems = _problems_of(path)
        for problem in problems:
            click.echo(str(problem))
        if not problems:
            click.echo(f"{path}: ok")
        failed = failed or bool(problems)
    if failed:
        raise SystemExit(1)


def _problems_of(path: Path) -> list[Problem]:
    # The check is written never to raise; this guard keeps one bug from hiding other files.
    try:
        return check_file(path)
    except Exception as error:
        return [Problem(path, None, f"{BUG_MESSAGE}: {error!r}")]


def _describe(entry: CatalogEntry, name_width: int) -> str:
    template = entry.template
    count = len(template.items)
    source = entry.source + (" (shadows shipped)" if entry.shadows_shipped else "")
    return (
        f"{template.name:<{name_width}}  {template.kind.value:<16}  "
        f"{template.total_minutes:>4} min  {count:>3} item{'s' if count != 1 else ' '}  {source}"
    )
