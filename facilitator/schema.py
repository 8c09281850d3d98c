"""The workspace schema as numbered migrations (sqlite-utils `Migrations`), applied at open.

`PRAGMA user_version` holds the number of migrations applied, so an app can refuse a workspace
written by a newer version of itself. Never edit a migration that has shipped: add the next one,
and count it in `facilitator.schema_version.SCHEMA_VERSION`. Only creating or upgrading a workspace
imports this module (and sqlite-utils); opening an up-to-date one does not.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Migrations

from facilitator.schema_version import SCHEMA_VERSION

migrations = Migrations("facilitator")

_TEAM_ONLY = "team_only INTEGER NOT NULL DEFAULT 0 CHECK (team_only IN (0, 1))"

_M001 = f"""
CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    complaint_received_on TEXT,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('pre_iep_dialogue', 'facilitated_iep', 'internal_review',
        'resolution', 'mediation', 'reconvened_iep', 'other')),
    title TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'live', 'ended')),
    scheduled_start TEXT,
    planned_end TEXT,
    started_at TEXT,
    ended_at TEXT,
    location TEXT NOT NULL DEFAULT '',
    makes_decisions INTEGER NOT NULL DEFAULT 1 CHECK (makes_decisions IN (0, 1)),
    purpose TEXT NOT NULL DEFAULT '',
    desired_outcomes TEXT NOT NULL DEFAULT '',
    ground_rules TEXT NOT NULL DEFAULT '',
    template TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX meetings_case ON meetings(case_id);
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('family', 'school', 'neutral')),
    attendance TEXT NOT NULL DEFAULT 'present' CHECK (attendance IN ('present', 'absent',
        'excused', 'arrived_late', 'left_early')),
    arrived_at TEXT,
    left_at TEXT,
    hotkey TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT ''
);
CREATE INDEX participants_meeting ON participants(meeting_id);
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes > 0),
    started_at TEXT,
    ended_at TEXT,
    prompts TEXT NOT NULL DEFAULT '',
    {_TEAM_ONLY}
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);
CREATE TABLE agenda_visits (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    started_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE INDEX agenda_visits_meeting ON agenda_visits(meeting_id, started_at);
CREATE TABLE speaking_turns (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE INDEX speaking_turns_meeting ON speaking_turns(meeting_id, started_at);
CREATE TABLE concerns (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    raised_by INTEGER REFERENCES participants(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'raised' CHECK (status IN ('raised', 'discussing', 'addressed',
        'parked')),
    {_TEAM_ONLY},
    position INTEGER NOT NULL DEFAULT 0,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX concerns_meeting ON concerns(meeting_id);
CREATE TABLE non_negotiables (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    basis TEXT NOT NULL DEFAULT '',
    held_by TEXT NOT NULL CHECK (held_by IN ('school', 'family')),
    {_TEAM_ONLY},
    created_at TEXT NOT NULL
);
CREATE INDEX non_negotiables_meeting ON non_negotiables(meeting_id);
CREATE TABLE solutions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    proposed_by INTEGER REFERENCES participants(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'agreed',
        'not_agreed', 'parked')),
    reason TEXT NOT NULL DEFAULT '',
    {_TEAM_ONLY},
    created_at TEXT NOT NULL,
    decided_at TEXT,
    CHECK (status != 'not_agreed' OR trim(reason) != '')
);
CREATE INDEX solutions_meeting ON solutions(meeting_id);
CREATE TABLE solution_concerns (
    solution_id INTEGER NOT NULL REFERENCES solutions(id) ON DELETE CASCADE,
    concern_id INTEGER NOT NULL REFERENCES concerns(id) ON DELETE CASCADE,
    PRIMARY KEY (solution_id, concern_id)
);
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    {_TEAM_ONLY},
    solution_id INTEGER REFERENCES solutions(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX agreements_meeting ON agreements(meeting_id);
CREATE TABLE action_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    owner_participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    {_TEAM_ONLY},
    created_at TEXT NOT NULL,
    done_at TEXT
);
CREATE INDEX action_items_meeting ON action_items(meeting_id);
CREATE INDEX action_items_open ON action_items(status, due_date);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    team_only INTEGER NOT NULL DEFAULT 1 CHECK (team_only IN (0, 1)),
    created_at TEXT NOT NULL
);
CREATE INDEX notes_meeting ON notes(meeting_id);
CREATE TABLE raised_hands (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    raised_at TEXT NOT NULL,
    lowered_at TEXT
);
CREATE INDEX raised_hands_meeting ON raised_hands(meeting_id);
CREATE TABLE interruptions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    stopped_at TEXT NOT NULL,
    resumed_at TEXT NOT NULL
);
CREATE TABLE liveness (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    alive_at TEXT NOT NULL
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    meeting_id INTEGER,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    payload_hash TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX events_meeting ON events(meeting_id, id);
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_event_id INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


@migrations()
def m001_meeting_record(db: Any) -> None:
    for statement in _M001.split(";\n"):
        if statement.strip():
            db.execute(statement if "TRIGGER" not in statement else statement + ";")


@migrations()
def m002_team_only_meetings(db: Any) -> None:
    """A whole meeting can be the school team's only (an internal review, the preparation for a
    mediation): nothing from it reaches a parent copy or the projector. Meetings made before this
    from the shipped team-only templates, and every internal review, are marked."""
    db.execute(f"ALTER TABLE meetings ADD COLUMN {_TEAM_ONLY}")
    db.execute(
        "UPDATE meetings SET team_only = 1 WHERE kind = 'internal_review'"
        " OR template IN ('internal_team_review', 'mediation_preparation')"
    )


def migration_count() -> int:
    """How many migrations are defined here: what `SCHEMA_VERSION` must say."""
    return len(migrations._migrations)


if migration_count() != SCHEMA_VERSION:  # a migration added without counting it, or the reverse
    raise RuntimeError(
        f"facilitator.schema defines {migration_count()} migrations but SCHEMA_VERSION says"
        f" {SCHEMA_VERSION}: update facilitator/schema_version.py"
    )
