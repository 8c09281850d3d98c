"""Agenda templates: the model, finding and checking template files, writing them back.

The `templates` command group lives in `facilitator.templates.cli`, which alone needs click.
"""

from facilitator.templates.check import CheckResult, Problem, TemplateError, check_file, check_text
from facilitator.templates.loading import (
    Catalog,
    CatalogEntry,
    find_template,
    load_catalog,
    load_template,
    parse_template,
    user_templates_folder,
)
from facilitator.templates.model import AgendaTemplate, TemplateItem
from facilitator.templates.saving import (
    TemplateExistsError,
    safe_file_stem,
    save_user_template,
    template_to_toml,
)

__all__ = [
    "AgendaTemplate",
    "Catalog",
    "CatalogEntry",
    "CheckResult",
    "Problem",
    "TemplateError",
    "TemplateExistsError",
    "TemplateItem",
    "check_file",
    "check_text",
    "find_template",
    "load_catalog",
    "load_template",
    "parse_template",
    "safe_file_stem",
    "save_user_template",
    "template_to_toml",
    "user_templates_folder",
]
