"""The audit log: one event per operation, hash-chained, so hand edits are found and named."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator import audit, board, live
from facilitator.audit import verify_chain
from facilitator.integrity import verify
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting


def tamper(ws: Workspace, *statements: str) -> None:
    """Edit the log the way someone with an SQLite tool would: around the append-only triggers."""
    conn = ws.conn
    triggers = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")]
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("DROP TRIGGER events_no_delete")
    for statement in statements:
        conn.execute(statement)
    for sql in triggers:
        conn.execute(sql)


def test_every_operation_appends_exactly_one_event(fresh_ws: Workspace) -> None:
    meeting_id, people = small_meeting(fresh_ws)
    before = fresh_ws.scalar("SELECT count(*) FROM events")
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=people[0])
    board.add_concern(fresh_ws, meeting_id=meeting_id, text="Reading")
    assert fresh_ws.scalar("SELECT count(*) FROM events") == before + 2
    kinds = [
        r[0] for r in fresh_ws.conn.execute("SELECT kind FROM events ORDER BY id DESC LIMIT 2")
    ]
    assert kinds == ["concern.add", "speaker.switch"]


def test_an_event_records_the_rows_it_changed(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    change = board.add_concern(fresh_ws, meeting_id=meeting_id, text="Reading")
    payload = json.loads(
        fresh_ws.scalar("SELECT payload FROM events WHERE id = ?", (change.event_id,))
    )
    (row,) = payload["changes"]
    assert row["table"] == "concerns" and row["before"] is None
    assert row["after"]["text"] == "Reading"


def test_the_log_cannot_be_changed_through_sql(demo_ws: Workspace) -> None:
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        demo_ws.conn.execute("UPDATE events SET kind = 'x' WHERE id = 3")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        demo_ws.conn.execute("DELETE FROM events WHERE id = 3")


def test_an_intact_log_verifies(demo_ws: Workspace) -> None:
    report = verify(demo_ws)
    assert report.ok
    assert report.events_checked == demo_ws.scalar("SELECT count(*) FROM events")


@pytest.mark.parametrize(
    ("statements", "named"),
    [
        (["UPDATE events SET payload = replace(payload, 'Her', 'His') WHERE id = 40"],
         "event 40"),
        (["UPDATE events SET at = '2020-01-01T00:00:00.000Z' WHERE id = 12"], "event 12"),
        (["UPDATE events SET kind = 'meeting.start' WHERE id = 7"], "event 7"),
        (["DELETE FROM events WHERE id = 25"], "event 25 is missing"),
        (["UPDATE events SET id = -1 WHERE id = 30", "UPDATE events SET id = 30 WHERE id = 31",
          "UPDATE events SET id = 31 WHERE id = -1"], "event 30"),
    ],
    ids=["payload edited", "time edited", "kind edited", "event deleted", "events reordered"],
)  # fmt: skip
def test_a_hand_edit_is_found_and_named(
    demo_ws: Workspace, statements: list[str], named: str
) -> None:
    tamper(demo_ws, *statements)
    report = verify(demo_ws)
    assert not report.ok
    assert named in (report.chain_problem or "")


def test_removing_the_newest_events_is_found(demo_ws: Workspace) -> None:
    last = demo_ws.scalar("SELECT max(id) FROM events")
    tamper(demo_ws, f"DELETE FROM events WHERE id >= {last - 1}")
    problem = verify_chain(demo_ws.conn).problem or ""
    assert f"events {last - 1} to {last} are missing" in problem


def test_a_failed_operation_leaves_no_event(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    before = fresh_ws.scalar("SELECT count(*) FROM events")
    with pytest.raises(Exception, match="empty"):
        board.add_concern(fresh_ws, meeting_id=meeting_id, text="   ")
    with pytest.raises(sqlite3.IntegrityError):
        board.add_concern(fresh_ws, meeting_id=meeting_id, text="x", raised_by=9999)  # type: ignore[arg-type]
    assert fresh_ws.scalar("SELECT count(*) FROM events") == before
    assert verify(fresh_ws).ok


@given(st.text())
def test_event_digests_are_sha256_whichever_module_computes_them(text: str) -> None:
    expected = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    assert audit.sha256_text(text) == expected
