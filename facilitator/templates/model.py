"""What an agenda template is: a meeting kind, its purpose and a list of time-boxed items.

A template is read from a TOML file (the format is documented in docs/templates.md) and is
immutable once read; a meeting prepared from it copies what it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilitator.model import MeetingKind

# The only limit on a time box: a day. Larger numbers are typos, and would not fit the store.
MAX_ITEM_MINUTES = 24 * 60


@dataclass(frozen=True)
class TemplateItem:
    """One agenda item: a title, a time box in whole minutes, prompts for the facilitator;
    `team_only`: an item for the school team alone (a staff huddle), kept off the projector and
    out of parent copies of the minutes."""

    title: str
    minutes: int
    prompts: tuple[str, ...] = ()
    sub_items: tuple[str, ...] = ()
    team_only: bool = False


@dataclass(frozen=True)
class AgendaTemplate:
    """A whole agenda template. `name` is the file's stem and identifies the template."""

    name: str
    path: Path
    kind: MeetingKind
    title: str
    purpose: str
    makes_decisions: bool
    items: tuple[TemplateItem, ...]
    team_only: bool = False
    desired_outcomes: tuple[str, ...] = ()
    ground_rules: tuple[str, ...] = ()
    suggested_roles: tuple[str, ...] = ()
    notes: str = ""

    @property
    def total_minutes(self) -> int:
        return sum(item.minutes for item in self.items)
