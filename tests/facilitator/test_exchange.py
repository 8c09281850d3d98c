"""The JSON meeting file: a round trip keeps every row and link; bad files change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator import board
from facilitator.errors import ExchangeError
from facilitator.exchange import export_json, import_json, meeting_to_json, read_json
from facilitator.model import MeetingId
from facilitator.store import Workspace
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
    with pytest.raises(ExchangeError, match="cannot hold"):
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
