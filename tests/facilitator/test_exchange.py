"""The JSON meeting file: a round trip keeps every row and link; bad files change nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator import board
from facilitator.actions import list_actions
from facilitator.clock import format_timestamp, parse_timestamp
from facilitator.errors import ExchangeError
from facilitator.exchange import (
    COLUMNS,
    DAY,
    TIME,
    check_document,
    export_json,
    import_json,
    meeting_to_json,
    read_json,
)
from facilitator.minutes.content import build_minutes
from facilitator.minutes.sources import gather
from facilitator.model import MeetingId
from facilitator.store import Workspace
from facilitator.talk_time import speaking_balance
from facilitator.timing import meeting_timing
from tests.facilitator.helpers import small_meeting

DEMO_MEETING = MeetingId(2)


def test_export_import_export_gives_the_same_file(demo_ws: Workspace, tmp_path: Path) -> None:
    first = export_json(demo_ws, DEMO_MEETING, tmp_path / "first.json")
    with Workspace.open(tmp_path / "other.sqlite3") as other:
        new_id = import_json(other, read_json(first))
        second = export_json(other, new_id, tmp_path / "second.json")
    assert first.read_bytes() == second.read_bytes()


def test_a_round_trip_keeps_every_row_and_link(demo_ws: Workspace, tmp_path: Path) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    with Workspace.open(tmp_path / "other.sqlite3") as other:
        new_id = import_json(other, document)
        for table in ("participants", "speaking_turns", "concerns", "solutions", "action_items",
                      "notes", "agreements", "non_negotiables", "agenda_items"):  # fmt: skip
            assert other.scalar(
                f"SELECT count(*) FROM {table} WHERE meeting_id = ?", (new_id,)
            ) == len(document[table])
        links = other.rows(
            "SELECT s.text AS option, c.text AS concern FROM solution_concerns sc"
            " JOIN solutions s ON s.id = sc.solution_id JOIN concerns c ON c.id = sc.concern_id"
        )
        assert len(links) == len(document["solution_concerns"]) > 0
        assert all(
            other.scalar("SELECT meeting_id FROM participants WHERE id = ?", (t["participant_id"],))
            == new_id
            for t in other.rows("SELECT participant_id FROM speaking_turns")
        )


def _stored(ws: Workspace) -> list[object]:
    return [
        ws.scalar(f"SELECT count(*) FROM {t}") for t in ("cases", "meetings", "events", "concerns")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "facilitator-meeting", "version": 1, "case": {', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "not a Facilitator meeting file"),
        (b'{"format": "facilitator-meeting", "version": 9}', "newer version"),
        (b'{"format": "facilitator-meeting", "version": 1, "case": {}, "meeting": {}}',
         "must be a list"),
    ],
    ids=["truncated", "binary", "not an object", "newer version", "tables missing"],
)  # fmt: skip
def test_a_bad_meeting_file_is_refused_with_one_line(
    demo_ws: Workspace, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = _stored(demo_ws)
    with pytest.raises(ExchangeError, match=message):
        import_json(demo_ws, read_json(path))
    assert _stored(demo_ws) == before


def test_a_file_with_a_dangling_link_leaves_no_partial_meeting(demo_ws: Workspace) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    document["speaking_turns"][-1]["participant_id"] = 999
    before = _stored(demo_ws)
    with pytest.raises(ExchangeError, match="missing row"):
        import_json(demo_ws, document)
    assert _stored(demo_ws) == before


def test_a_file_with_a_bad_value_leaves_no_partial_meeting(demo_ws: Workspace) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    document["solutions"][0]["status"] = "maybe"
    before = _stored(demo_ws)
    with pytest.raises(ExchangeError, match=r'solutions\[0\]\.status "maybe" is not one of'):
        import_json(demo_ws, document)
    assert _stored(demo_ws) == before


any_text = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), min_size=1, max_size=300
).filter(lambda s: s.strip())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=any_text)
def test_any_text_survives_the_store_and_a_round_trip(fresh_ws: Workspace, text: str) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    concern = board.add_concern(fresh_ws, meeting_id=meeting_id, text=text).created_id
    stored = fresh_ws.scalar("SELECT text FROM concerns WHERE id = ?", (concern,))
    expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text).strip()
    assert stored == expected
    document = json.loads(json.dumps(meeting_to_json(fresh_ws, meeting_id), ensure_ascii=False))
    new_id = import_json(fresh_ws, document)
    assert fresh_ws.scalar("SELECT text FROM concerns WHERE meeting_id = ?", (new_id,)) == expected


def test_very_long_and_mixed_script_text_round_trips(fresh_ws: Workspace, tmp_path: Path) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    text = ("مرحبا שלום 👩‍👧 \u202eevil\u202c \x00\x07 " * 2000)[:100_000]
    board.add_agreement(fresh_ws, meeting_id=meeting_id, text=text + "end")
    path = export_json(fresh_ws, meeting_id, tmp_path / "long.json")
    new_id = import_json(fresh_ws, read_json(path))
    assert (
        fresh_ws.scalar("SELECT text FROM agreements WHERE meeting_id = ?", (new_id,))
        == (text + "end").strip()
    )


# -- a file whose values the record could not read back is refused whole ---------------------------


def _refusal(ws: Workspace, tmp_path: Path, document: dict[str, Any]) -> str:
    """The one line a bad file gets, both from reading it and from importing it; nothing stored."""
    path = tmp_path / "m.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = _stored(ws)
    with pytest.raises(ExchangeError) as read:
        read_json(path)
    with pytest.raises(ExchangeError) as imported:
        import_json(ws, document)
    assert _stored(ws) == before
    message = str(read.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    assert message.removeprefix(f"{path}: ") == str(imported.value).removeprefix("the file: ")
    return message.removeprefix(f"{path}: ")


def _row(document: dict[str, Any], where: str) -> tuple[dict[str, Any], str]:
    """The row and column that `meeting.started_at` or `speaking_turns[0].ended_at` name."""
    row, column = where.rsplit(".", 1)
    table, _, index = row.partition("[")
    return (document[table][int(index[:-1])] if index else document[table]), column


def _get(document: dict[str, Any], where: str) -> str:
    row, column = _row(document, where)
    return str(row[column])


def _set(document: dict[str, Any], where: str, value: object) -> None:
    row, column = _row(document, where)
    row[column] = value


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("meeting.started_at", "yesterday",
         'meeting.started_at "yesterday" is not a timestamp'),
        ("meeting.planned_end", "zzz", 'meeting.planned_end "zzz" is not a timestamp'),
        ("agenda_visits[0].started_at", "xx",
         r'agenda_visits\[0\]\.started_at "xx" is not a timestamp'),
        ("speaking_turns[0].started_at", "2026-13-45T10:00:00Z",
         r'speaking_turns\[0\]\.started_at "2026-13-45T10:00:00Z" is not a timestamp'),
        ("speaking_turns[0].ended_at", 1764000000,
         r"speaking_turns\[0\]\.ended_at 1764000000 is not a timestamp"),
        ("meeting.scheduled_start", "2026-11-23",
         'meeting.scheduled_start "2026-11-23" is not a timestamp'),
        ("case.created_at", "0001-01-01T00:00:00+01:00", "case.created_at .* is not a timestamp"),
        ("action_items[0].due_date", "next week",
         r'action_items\[0\]\.due_date "next week" is not a date \(YYYY-MM-DD\)'),
        ("case.complaint_received_on", "12/07/2026",
         'case.complaint_received_on "12/07/2026" is not a date'),
        ("meeting.kind", "iep", 'meeting.kind "iep" is not one of pre_iep_dialogue, '),
        ("meeting.status", "done", 'meeting.status "done" is not one of planned, live, ended'),
        ("participants[2].role", "teacher", r'participants\[2\]\.role "teacher" is not one of'),
        ("participants[0].side", "parent", r'participants\[0\]\.side "parent" is not one of'),
        ("participants[0].attendance", "late", r"participants\[0\]\.attendance"),
        ("concerns[1].status", "open", r'concerns\[1\]\.status "open" is not one of raised'),
        ("non_negotiables[0].held_by", "district", r"non_negotiables\[0\]\.held_by"),
        ("action_items[0].status", "closed", r'action_items\[0\]\.status "closed"'),
        ("concerns[0].team_only", 2, r"concerns\[0\]\.team_only 2 is not 0 or 1"),
        ("meeting.makes_decisions", "yes", 'meeting.makes_decisions "yes" is not 0 or 1'),
        ("agenda_items[1].planned_minutes", 0, r"agenda_items\[1\]\.planned_minutes 0 is not a"),
        ("agenda_items[1].planned_minutes", "ten",
         r'agenda_items\[1\]\.planned_minutes "ten" is not a time box'),
        ("agenda_items[1].position", "second", r'agenda_items\[1\]\.position "second" is not a'),
        ("participants[0].name", None, r"participants\[0\] has no name"),
        ("concerns[0].text", None, r"concerns\[0\] has no text"),
        ("speaking_turns[0].participant_id", None, r"speaking_turns\[0\] has no participant_id"),
        ("notes[0].text", ["a", "list"], r"notes\[0\]\.text holds a list, not a value"),
        ("concerns[0].position", 2**70, r"concerns\[0\]\.position .* is not a number the"),
        ("agreements[0].solution_id", 99, r"agreements\[0\]\.solution_id points at a missing"),
        ("participants[1].id", 1, r"participants\[1\]\.id 1 is used by another participants row"),
        ("concerns[0].id", "one", r'concerns\[0\]\.id "one" is not a whole number'),
    ],
)  # fmt: skip
def test_a_value_the_record_cannot_read_back_is_refused_naming_the_item(
    demo_ws: Workspace, tmp_path: Path, where: str, value: object, message: str
) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    _set(document, where, value)
    assert re.match(message, _refusal(demo_ws, tmp_path, document))


@pytest.mark.parametrize(
    ("where", "start"),
    [
        ("speaking_turns[3].ended_at", "started_at"),
        ("agenda_visits[0].ended_at", "started_at"),
        ("agenda_items[2].ended_at", "started_at"),
        ("meeting.ended_at", "started_at"),
        ("meeting.planned_end", "scheduled_start"),
        ("raised_hands[0].lowered_at", "raised_at"),
    ],
)
def test_an_end_before_its_start_is_refused(
    demo_ws: Workspace, tmp_path: Path, where: str, start: str
) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    row = where.rsplit(".", 1)[0]
    began = _get(document, f"{row}.{start}")
    ended = format_timestamp(parse_timestamp(began) - dt.timedelta(milliseconds=1))
    _set(document, where, ended)
    assert _refusal(demo_ws, tmp_path, document) == (
        f'{where} "{ended}" is before its {start} "{began}"'
    )


def test_an_interruption_that_resumes_before_it_stops_is_refused(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    document["interruptions"] = [
        {"stopped_at": "2026-11-29T16:00:00.000Z", "resumed_at": "2026-11-29T15:00:00.000Z"}
    ]
    assert _refusal(demo_ws, tmp_path, document) == (
        'interruptions[0].resumed_at "2026-11-29T15:00:00.000Z" is before its stopped_at'
        ' "2026-11-29T16:00:00.000Z"'
    )


def test_an_option_not_agreed_without_a_reason_is_refused_in_the_facilitators_words(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    document["solutions"][1].update(status="not_agreed", reason="  ")
    assert (
        _refusal(demo_ws, tmp_path, document)
        == "option O2 (solutions[1]) is marked not agreed without a reason"
    )


def test_an_option_linked_twice_to_one_concern_is_refused_in_the_facilitators_words(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    link = document["solution_concerns"][0]
    document["solution_concerns"].append(dict(link))
    solution = [s["id"] for s in document["solutions"]].index(link["solution_id"]) + 1
    concern = [c["id"] for c in document["concerns"]].index(link["concern_id"]) + 1
    last = len(document["solution_concerns"]) - 1
    assert _refusal(demo_ws, tmp_path, document) == (
        f"option O{solution} is linked to concern C{concern} twice (solution_concerns[{last}])"
    )


def test_an_optional_table_that_is_not_a_list_is_refused(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    document["agenda_visits"] = "none"
    assert _refusal(demo_ws, tmp_path, document) == "'agenda_visits' must be a list of rows"


# -- files that are not JSON the way the reader expects ------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 100_000, "is not valid JSON: nested too deeply"),
        (b'{"format": "facilitator-meeting", "n": ' + b"1" * 5000 + b"}",
         "is not valid JSON: a number is too long"),
    ],
    ids=["nested", "long number"],
)  # fmt: skip
def test_json_the_parser_cannot_take_is_refused_in_one_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(content)
    with pytest.raises(ExchangeError) as refused:
        read_json(path)
    assert str(refused.value) == f"{path} {message}"


def test_a_file_with_a_utf8_byte_order_mark_imports(demo_ws: Workspace, tmp_path: Path) -> None:
    plain = export_json(demo_ws, DEMO_MEETING, tmp_path / "plain.json")
    marked = tmp_path / "marked.json"
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    new_id = import_json(demo_ws, read_json(marked))
    assert meeting_to_json(demo_ws, new_id) == meeting_to_json(demo_ws, DEMO_MEETING)


# -- what a hand-edited file may say differently ---------------------------------------------------


def test_times_in_another_iso_form_and_days_are_stored_in_the_stores_form(
    demo_ws: Workspace,
) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    meeting, turn, action = (
        document["meeting"],
        document["speaking_turns"][0],
        document["action_items"][0],
    )
    eastern = dt.timezone(dt.timedelta(hours=-5))
    meeting["started_at"] = parse_timestamp(meeting["started_at"]).astimezone(eastern).isoformat()
    turn["ended_at"] = turn["ended_at"].replace("T", " ").replace(".000Z", "Z")
    action["due_date"] = f" {action['due_date']} "
    assert "-05:00" in meeting["started_at"] and " " in turn["ended_at"]
    new_id = import_json(demo_ws, document)
    assert meeting_to_json(demo_ws, new_id) == meeting_to_json(demo_ws, DEMO_MEETING)


def test_a_null_or_missing_value_takes_the_columns_default(demo_ws: Workspace) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    document["concerns"][0].update(status=None, team_only=None)
    del document["concerns"][0]["meeting_id"]
    del document["meeting"]["case_id"]
    new_id = import_json(demo_ws, document)
    first = meeting_to_json(demo_ws, new_id)["concerns"][0]
    assert (first["status"], first["team_only"], first["meeting_id"]) == ("raised", 0, 1)


moments = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2999, 12, 31)).map(
    lambda d: d.isoformat()
)
anything = st.one_of(moments, st.dates().map(str), st.text(max_size=30), st.integers(), st.none())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), value=anything)
def test_whatever_a_time_or_date_holds_the_import_refuses_it_or_every_reader_works(
    demo_ws: Workspace, data: st.DataObject, value: object
) -> None:
    document = meeting_to_json(demo_ws, DEMO_MEETING)
    fields = [
        (table, column)
        for table, columns in COLUMNS.items()
        for column, kind in columns.items()
        if kind in (TIME, DAY) and (table in ("cases", "meetings") or document[table])
    ]
    table, column = data.draw(st.sampled_from(fields))
    row = document[table[:-1] if table in ("cases", "meetings") else table]
    row = row if isinstance(row, dict) else data.draw(st.sampled_from(row))
    row[column] = value
    try:
        new_id = import_json(demo_ws, document)
    except ExchangeError as refused:
        assert "\n" not in str(refused)
        return
    meeting_timing(demo_ws, new_id)
    speaking_balance(demo_ws, new_id)
    list_actions(demo_ws)
    build_minutes(gather(demo_ws, new_id, audience="team"))
    check_document(json.loads(json.dumps(meeting_to_json(demo_ws, new_id))))
