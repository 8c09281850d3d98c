"""The `facilitator` command line (the contract in DESIGN.md).

The core builds the click group; the window is handed in by `ui.launcher` as a plain function, so
headless commands (export, verify, ...) never load Qt.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from facilitator.cli_params import (
    RecordId,
    TypedText,
    echo,
    printable,
    user_errors,
)
from facilitator.errors import FacilitatorError, NotFound, WorkspaceError
from facilitator.model import MeetingId
from facilitator.paths import workspace_path
from facilitator.store import Workspace
from facilitator.templates.cli import templates

OpenWindow = Callable[[Path, "int | None"], int]
F = TypeVar("F", bound=Callable[..., Any])

_DB_HELP = "The workspace file (default: $FACILITATOR_DB, else the per-user data folder)."


def _db_option(command: F) -> F:
    return click.option("--db", "db", type=click.Path(path_type=Path), help=_DB_HELP)(command)


def _path(ctx: click.Context, db: Path | None) -> Path:
    return workspace_path(db or ctx.find_root().params.get("db"))


def _open(ctx: click.Context, db: Path | None, *, create: bool) -> Workspace:
    """The workspace, created if missing only when `create` (a command that adds to it); a command
    that only reads refuses a path that holds nothing ("no workspace at ...")."""
    return Workspace.open(_path(ctx, db), create=create)


def _existing_workspace(ctx: click.Context, db: Path | None) -> Path:
    path = _path(ctx, db)
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a workspace file")
    if not path.exists():
        raise WorkspaceError(f"no workspace at {path}")
    return path


def build_cli(open_window: OpenWindow | None = None) -> click.Group:
    @click.group(
        invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
    )
    @_db_option
    @click.option(
        "--meeting", "meeting_id", type=RecordId("meeting"), help="Open the window on this meeting."
    )
    @click.pass_context
    @user_errors
    def cli(ctx: click.Context, db: Path | None, meeting_id: int | None) -> None:
        """Facilitator: run facilitated IEP meetings and pre-IEP dialogues, and write the minutes.

        Without a command, opens the window on the given meeting, else the last one worked on.
        """
        if ctx.invoked_subcommand is not None:
            return
        if open_window is None:
            raise FacilitatorError("this installation has no window; use a command (see --help)")
        sys.exit(open_window(workspace_path(db), meeting_id))

    @cli.command()
    @_db_option
    @click.pass_context
    @user_errors
    def demo(ctx: click.Context, db: Path | None) -> None:
        """Add a realistic sample case with a finished facilitated IEP meeting."""
        from facilitator.demo import create_demo

        with _open(ctx, db, create=True) as ws:
            meeting_id = create_demo(ws)
            echo(f"Added the sample case to {ws.path}; its IEP meeting is meeting {meeting_id}.")
        click.echo(meeting_id)

    @cli.command("export")
    @click.argument("meeting_id", type=RecordId("meeting"))
    @_db_option
    @click.option(
        "--out", "out", type=click.Path(path_type=Path), required=True, help="The file to write."
    )
    @click.option(
        "--format", "fmt", type=click.Choice(["docx", "json", "csv"]), default="docx",
        show_default=True, help="Word minutes, the JSON meeting file, or action items as CSV.",
    )  # fmt: skip
    @click.option(
        "--audience", type=click.Choice(["parent", "team"]), default="parent", show_default=True,
        help="parent: the copy that may leave the building (no team-only items); team: all.",
    )  # fmt: skip
    @click.option(
        "--language", type=click.Choice(["es", "en", "bilingual"]), default=None,
        help="Language of the minutes or action items (bilingual: the family's first). Default:"
        " the family's language for the parent copy (Spanish if they speak it), English for the"
        " team's.",
    )  # fmt: skip
    @click.pass_context
    @user_errors
    def export(
        ctx: click.Context,
        meeting_id: int,
        db: Path | None,
        out: Path,
        fmt: str,
        audience: str,
        language: str | None,
    ) -> None:
        """Write a meeting's minutes (docx), its meeting file (json) or its action items (csv).

        Never over a database: not the workspace (by any name), its companion files, nor any
        other SQLite file."""
        from facilitator.files import refuse_database_target
        from facilitator.record import load_meeting

        refuse_database_target(out, workspace=_path(ctx, db))  # before anything is opened
        note = ""
        with _open(ctx, db, create=False) as ws:
            record = load_meeting(ws, meeting_id)  # "does not exist" before anything is written
            if fmt == "json":
                from facilitator.exchange import export_json

                export_json(ws, MeetingId(meeting_id), out)
            else:
                from facilitator import minutes  # python-docx loads only here

                write = minutes.write_minutes if fmt == "docx" else minutes.write_actions_csv
                write(ws, meeting_id, out, audience=audience, language=language)  # type: ignore[arg-type]
                note = minutes.translation_note(record, audience=audience)  # type: ignore[arg-type]
        echo(f"Wrote {out}")
        if note:
            echo(f"note: {note}", err=True)

    @cli.command("import")
    @click.argument("file", type=click.Path(path_type=Path))
    @_db_option
    @click.pass_context
    @user_errors
    def import_(ctx: click.Context, file: Path, db: Path | None) -> None:
        """Add a meeting exported as JSON (e.g. prepared on another computer)."""
        from facilitator.exchange import earlier_copies, import_json, read_json, same_file_note

        document = read_json(file)  # checked before the workspace is touched
        with _open(ctx, db, create=True) as ws:
            earlier = earlier_copies(ws, document)
            meeting_id = import_json(ws, document)
            echo(f"Imported '{document['meeting'].get('title', '')}' as meeting {meeting_id}.")
            if earlier:
                echo(f"note: {same_file_note(earlier)} (`delete` removes one)", err=True)
        click.echo(meeting_id)

    @cli.command()
    @_db_option
    @click.option("--open", "open_only", is_flag=True, help="Only items not yet done.")
    @click.option(
        "--format", "fmt", type=click.Choice(["text", "csv"]), default="text", show_default=True
    )
    @click.option("--case", "case_id", type=RecordId("case"), help="Only this case's items.")
    @click.option("--owner", type=TypedText(), help="Only this person's items.")
    @click.pass_context
    @user_errors
    def actions(
        ctx: click.Context,
        db: Path | None,
        open_only: bool,
        fmt: str,
        case_id: int | None,
        owner: str | None,
    ) -> None:
        """Action items across all meetings, by due date; overdue ones marked.

        Control characters in stored text are shown as U+FFFD (the CSV keeps line breaks)."""
        from facilitator.actions import list_actions
        from facilitator.model import CaseId

        with _open(ctx, db, create=False) as ws:
            if (
                case_id is not None
                and ws.scalar("SELECT 1 FROM cases WHERE id = ?", (case_id,)) is None
            ):
                raise NotFound(f"case {case_id} does not exist")
            lines = list_actions(
                ws,
                open_only=open_only,
                case_id=CaseId(case_id) if case_id is not None else None,
                owner=owner,
            )
        today = dt.date.today()
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(["due", "status", "overdue", "owner", "action", "team_only", "case",
                             "meeting", "meeting_id", "action_id"])  # fmt: skip
            for a in lines:
                writer.writerow([_cell(a.due_date or ""), a.status.value,
                                 int(a.is_overdue(today)), _cell(a.owner), _cell(a.text),
                                 int(a.team_only), _cell(a.case_label), _cell(a.meeting_title),
                                 a.meeting_id, a.id])  # fmt: skip
            click.echo(buffer.getvalue(), nl=False)  # each cell made printable; rows end in CRLF
            return
        if not lines:
            click.echo("No action items." if not open_only else "No open action items.")
        for a in lines:
            flags = " OVERDUE" if a.is_overdue(today) else ""
            flags += " [team only]" if a.team_only else ""
            echo(
                f"{a.due_date or 'no date':<10}  {a.status.label:<5}{flags}"
                f"  {_one_line(a.owner) or '(no owner)'}: {_one_line(a.text)}"
                f"  ({_one_line(a.case_label)}; {_one_line(a.meeting_title)},"
                f" meeting {a.meeting_id})"
            )

    @cli.command()
    @_db_option
    @click.pass_context
    @user_errors
    def verify(ctx: click.Context, db: Path | None) -> None:
        """Check the workspace's integrity and its audit chain; exit 0 only if both hold."""
        from facilitator.integrity import verify as run_verify
        from facilitator.integrity import verify_file

        path = _path(ctx, db)
        if path.is_file() and path.stat().st_size > 0:
            report = verify_file(path)  # never writes to a file that may be damaged
        else:
            with _open(ctx, db, create=False) as ws:
                report = run_verify(ws)
        if report.damaged:
            raise WorkspaceError(report.integrity)
        if report.integrity != "ok":
            raise WorkspaceError(
                f"{path} is damaged ({report.integrity}); the audit chain was not checked"
            )
        for line in report.lines():
            echo(line)
        sys.exit(0 if report.ok else 1)

    @cli.command()
    @_db_option
    @click.option(
        "--out", "out", type=click.Path(path_type=Path), required=True, help="The copy to write."
    )
    @click.pass_context
    @user_errors
    def backup(ctx: click.Context, db: Path | None, out: Path) -> None:
        """Write a consistent copy of the workspace, safe while the app is writing to it."""
        from facilitator.files import refuse_workspace_target
        from facilitator.integrity import backup as run_backup

        refuse_workspace_target(out, _path(ctx, db))
        with _open(ctx, db, create=False) as ws:
            run_backup(ws, out)
        echo(f"Wrote {out}")

    @cli.command("backups")
    @_db_option
    @click.pass_context
    @user_errors
    def backups_(ctx: click.Context, db: Path | None) -> None:
        """List the workspace's automatic backups, newest first, and whether each verifies."""
        from facilitator.backups import BackupPolicy, list_backups

        path, policy = _path(ctx, db), BackupPolicy()
        found = list_backups(policy, path)
        if not found:
            echo(f"No automatic backups of {path} in {policy.folder}.")
            return
        echo(f"Automatic backups of {path} in {policy.folder}, newest first:")
        for info in found:
            when = info.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            verdict = "verifies" if info.verifies else f"DOES NOT VERIFY ({info.report.summary})"
            titles = "; ".join(_one_line(m.title) for m in info.meetings[:3])
            more = f"; {len(info.meetings) - 3} more" if len(info.meetings) > 3 else ""
            count = f"{len(info.meetings)} meeting{'s' if len(info.meetings) != 1 else ''}"
            meetings = f"{count}: {titles}{more}" if titles else count
            echo(f"{when}  {info.reason:<14}  {verdict}  {meetings}  {info.path.name}")

    @cli.command()
    @click.argument("backup_file", metavar="BACKUP", type=click.Path(path_type=Path))
    @_db_option
    @click.pass_context
    @user_errors
    def restore(ctx: click.Context, backup_file: Path, db: Path | None) -> None:
        """Put a backup in the workspace's place (the app must be closed); the file it replaces
        is set aside beside it, never deleted. BACKUP is a file, or a name from `backups`."""
        from facilitator.backups import BackupPolicy
        from facilitator.backups import restore as run_restore

        path, policy = _path(ctx, db), BackupPolicy()
        if path.is_dir():
            raise WorkspaceError(f"{path} is a folder, not a workspace file; nothing was changed")
        source = backup_file
        if not source.exists() and source.name == str(source):
            source = policy.folder / source.name
        aside = run_restore(source, path, policy)
        kept = (
            f"the previous file was set aside as {aside}"
            if aside
            else "there was no workspace file to set aside"
        )
        echo(f"Restored {source.name} into {path}; {kept}.")

    @cli.command()
    @click.argument("item_id", metavar="MEETING_ID", type=RecordId("meeting or case"))
    @_db_option
    @click.option(
        "--case", "whole_case", is_flag=True, help="Delete the whole case whose id is given."
    )
    @click.option("--from-backups", is_flag=True, help="Also remove it from the automatic backups.")
    @click.option("--yes", is_flag=True, help="Confirm: deleting cannot be undone.")
    @click.pass_context
    @user_errors
    def delete(
        ctx: click.Context,
        item_id: int,
        db: Path | None,
        whole_case: bool,
        from_backups: bool,
        yes: bool,
    ) -> None:
        """Delete a meeting (or with --case, a case) and remove its text from the file.

        Its audit events are redacted (the chain still verifies); this cannot be undone.
        """
        from facilitator.deletion import delete_case, delete_meeting
        from facilitator.lock import WorkspaceLock

        what = f"case {item_id}" if whole_case else f"meeting {item_id}"
        if not yes:
            raise FacilitatorError(f"deleting {what} cannot be undone; add --yes to confirm")
        path = _existing_workspace(ctx, db)  # before the lock, whose file would be left behind
        with WorkspaceLock(path), _open(ctx, db, create=False) as ws:
            if whole_case:
                meetings = [r["id"] for r in ws.rows("SELECT id FROM meetings WHERE case_id = ?",
                                                        (item_id,))]  # fmt: skip
                delete_case(ws, item_id)
            else:
                meetings = [item_id]
                created = ws.scalar("SELECT created_at FROM meetings WHERE id = ?", (item_id,))
                delete_meeting(ws, item_id)
        echo(f"Deleted {what} from {path}.")
        if from_backups:
            from facilitator.backups import BackupPolicy
            from facilitator.deletion import delete_meeting_from_backups

            changed: set[Path] = set()
            for meeting_id in meetings:
                stamp = None if whole_case else created
                changed.update(
                    delete_meeting_from_backups(BackupPolicy(), meeting_id, path, created_at=stamp)
                )
            click.echo(f"Removed it from {len(changed)} automatic backup(s).")

    cli.add_command(templates)
    return cli


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    """A CSV cell for the terminal: its line breaks kept (the cell is quoted), other control
    characters shown as U+FFFD."""
    return printable(text.replace("\r\n", "\n"), keep="\n")


def main() -> None:
    """Headless entry point (`python -m facilitator`): every command but the window."""
    build_cli(None)(prog_name="facilitator")
